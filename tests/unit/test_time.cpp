// Instants as users type and read them: ISO 8601 with and without offsets, local days, 24:00.
#include "complain/domain/time.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>

using namespace complain;

namespace {
Zone shanghai() {
    return *zone_named("Asia/Shanghai");
}
} // namespace

TEST_CASE("times parse with an offset, with Z, as local time, or as a date alone") {
    Zone z = shanghai();
    CHECK(format_utc(parse_instant("2025-09-28T10:00:00+08:00", z)) == "2025-09-28T02:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28T10:00:00Z", z)) == "2025-09-28T10:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28T10:00:00-0530", z)) == "2025-09-28T15:30:00Z");
    CHECK(format_utc(parse_instant("2025-09-28T10:00:00+08", z)) == "2025-09-28T02:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28T10:00", z)) == "2025-09-28T02:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28 10:00", z)) == "2025-09-28T02:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28T10:00:00.750Z", z)) == "2025-09-28T10:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28", z)) == "2025-09-27T16:00:00Z");
    CHECK(format_utc(parse_instant("2025-09-28T24:00", z)) == "2025-09-28T16:00:00Z");
}

TEST_CASE("a time that does not parse is a usage error naming the accepted forms") {
    Zone z = shanghai();
    for (const char* bad : {"", "tomorrow", "2025-9-28", "2025-02-30", "2025-09-28T25:00",
                            "2025-09-28T24:01", "2025-09-28T10", "2025-09-28T10:00+8",
                            "2025-09-28T10:00:00+08:00x", "2025/09/28", "28.09.2025"}) {
        CAPTURE(bad);
        try {
            parse_instant(bad, z);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            CHECK(std::string(e.what()).find("ISO 8601") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(parse_day("2026-02-29"), Error); // 2026 is not a leap year
    CHECK(format_day(parse_day("2024-02-29")) == "2024-02-29");
    CHECK_THROWS_AS(parse_day("2026-10-01T00:00"), Error);
}

TEST_CASE("the store's form round-trips and refuses junk as an integrity failure") {
    Instant t = parse_utc("2026-11-23T09:15:56Z");
    CHECK(format_utc(t) == "2026-11-23T09:15:56Z");
    try {
        parse_utc("2026-11-23 09:15:56");
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::integrity);
    }
}

TEST_CASE("instants outside the years 0001-9999 are refused, typed or stored") {
    Zone z = shanghai();
    for (const char* text : {"0000-01-01", "0000-12-31T23:59:59Z", "0001-01-01T07:59:59+08:00"}) {
        try {
            parse_instant(text, z);
            FAIL("accepted ", text);
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            CHECK(std::string(e.what()).find("falls outside the years 0001 to 9999") !=
                  std::string::npos);
        }
    }
    CHECK(format_utc(parse_instant("0001-01-01T00:00:00Z", z)) == "0001-01-01T00:00:00Z");
    Zone utc = *zone_named("UTC");
    CHECK(format_utc(parse_instant("9999-12-31T23:59:59Z", utc)) == "9999-12-31T23:59:59Z");
    CHECK_THROWS_AS(parse_instant("9999-12-31T23:59:59-01:00", z), Error);
    // In range in UTC, but 10000-01-01 on the wall clock where it is shown: refused.
    CHECK_THROWS_AS(parse_instant("9999-12-31 24:00", z), Error);
    CHECK_THROWS_AS(parse_instant("9999-12-31T20:00:00Z", z), Error);
    CHECK(format_utc(parse_instant("9999-12-31T20:00:00Z", *zone_named("UTC"))) ==
          "9999-12-31T20:00:00Z");
    // Midnight of 0001-01-01 would read as 24:00 of a day in the year 0: refused where local.
    CHECK_THROWS_AS(parse_instant("0001-01-01", *zone_named("America/New_York")), Error);
    CHECK(format_minute(parse_instant("0001-01-01T00:01", *zone_named("America/New_York")),
                        *zone_named("America/New_York")) == "0001-01-01 00:01");
    // Local mean time, off UTC by seconds, is written in UTC so that it reads back.
    Instant lmt = parse_instant("1900-01-01T10:00", z);
    CHECK(format_iso(lmt, z) == "1900-01-01T01:54:17Z");
    CHECK(parse_instant(format_iso(lmt, z), z) == lmt);
    CHECK_THROWS_AS(parse_day("0000-02-29"), Error);
    CHECK(in_range(parse_utc("9999-12-31T23:59:59Z")));
    CHECK_FALSE(in_range(parse_utc("9999-12-31T23:59:59Z") + std::chrono::seconds{1}));
    for (const char* stored :
         {"0000-12-31T16:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z",
          "2026-11-23T23:59:60Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
          "2026-02-29T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-23T09:15:56",
          "2026-11-23T09:15:56+00:00", "2026-11-23 09:15:56Z", "+026-11-23T09:15:56Z",
          "2026-1-23T09:15:56ZZ", "2026-11-23T09:1a:56Z", "", "2026-11-23T09:15:56Z "})
        CHECK_THROWS_AS(parse_utc(stored), Error);
    CHECK(parse_utc("2024-02-29T23:59:59Z") ==
          date::sys_days{date::year{2024} / 3 / 1} - std::chrono::seconds{1});
    CHECK(parse_utc("0001-01-01T00:00:00Z") == date::sys_days{date::year{1} / 1 / 1});
    // Every day of every month in years whose February differs (leap by 4, 100 and 400): read
    // at its last second where the Gregorian rules say the day is, refused where there is none.
    const unsigned month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    auto leap = [](int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); };
    for (int year : {1, 4, 100, 400, 1900, 1970, 2000, 2024, 2026, 2100, 9996, 9999})
        for (unsigned month = 1; month <= 12; ++month)
            for (unsigned day = 1; day <= 31; ++day) {
                std::string stored = fmt::format("{:04}-{:02}-{:02}T23:59:59Z", year, month, day);
                CAPTURE(stored);
                if (day <= month_days[month - 1] + (month == 2 && leap(year) ? 1 : 0))
                    CHECK(parse_utc(stored) ==
                          date::sys_days{date::year{year} / date::month{month} / date::day{day}} +
                              std::chrono::seconds{86'399});
                else
                    CHECK_THROWS_AS(parse_utc(stored), Error);
            }
}

TEST_CASE("dates written by hand read as date::format writes them") {
    // format_utc, format_utc_basic, format_moment and format_day write their digits by hand:
    // across the years 0001 to 9999, at seconds that step through every field, they must agree
    // with date::format.
    Zone z = shanghai();
    const Instant first = date::sys_days{date::year{1} / 1 / 2};
    const Instant last = date::sys_days{date::year{9999} / 12 / 30};
    const auto step = std::chrono::seconds{86'400LL * 365 * 7 + 3'600 * 5 + 60 * 7 + 13};
    int checked = 0;
    for (Instant t = first; t < last; t += step, ++checked) {
        CAPTURE(t.time_since_epoch().count());
        CHECK(format_utc(t) == date::format("%FT%TZ", t));
        CHECK(parse_utc(date::format("%FT%TZ", t)) == t);
        CHECK(format_utc_basic(t) == date::format("%Y%m%dT%H%M%SZ", t));
        auto local = date::floor<std::chrono::minutes>(z->to_local(t));
        CHECK(format_moment(t, z) == date::format("%F %H:%M", local));
        CHECK(format_day(local_day(t, z)) == date::format("%F", local_day(t, z)));
    }
    CHECK(checked > 1000);
    CHECK(format_utc_basic(parse_utc("2026-11-20T02:03:04Z")) == "20261120T020304Z");
    CHECK(format_day(parse_day("0999-01-09")) == "0999-01-09");
}

TEST_CASE("local days, and the end of a day read as 24:00") {
    Zone z = shanghai();
    Instant t = parse_utc("2026-11-23T16:30:00Z"); // 00:30 on the 24th in Shanghai
    CHECK(format_day(local_day(t, z)) == "2026-11-24");
    CHECK(format_iso(t, z) == "2026-11-24T00:30:00+08:00");
    CHECK(format_minute(t, z) == "2026-11-24 00:30");
    CHECK(format_minute(start_of_day(parse_day("2026-11-24"), z), z) == "2026-11-23 24:00");
    // An event at midnight happened on its own day; only a deadline ends "at 24:00".
    CHECK(format_moment(start_of_day(parse_day("2026-11-24"), z), z) == "2026-11-24 00:00");
    CHECK(format_moment(t, z) == "2026-11-24 00:30");
    CHECK(year_of(parse_day("2027-01-01")) == 2027);
    // New York's spring-forward day starts at its midnight as usual (the change is at 02:00).
    Zone ny = *zone_named("America/New_York");
    CHECK(format_utc(start_of_day(parse_day("2026-03-08"), ny)) == "2026-03-08T05:00:00Z");
    CHECK(format_utc(start_of_day(parse_day("2026-03-09"), ny)) == "2026-03-09T04:00:00Z");
}

TEST_CASE("times as people type them, relative to now in the zone") {
    Zone z = shanghai();
    Instant now = parse_instant("2026-11-24T10:30:00+08:00", z);
    auto when = [&](std::string_view text) { return format_iso(parse_when(text, z, now), z); };
    CHECK(when("now") == "2026-11-24T10:30:00+08:00");
    CHECK(when("现在") == "2026-11-24T10:30:00+08:00");
    CHECK(when("today") == "2026-11-24T00:00:00+08:00");
    CHECK(when("today 09:15") == "2026-11-24T09:15:00+08:00");
    CHECK(when("yesterday") == "2026-11-23T00:00:00+08:00");
    CHECK(when("yesterday 14:00") == "2026-11-23T14:00:00+08:00");
    CHECK(when("昨天 14:00") == "2026-11-23T14:00:00+08:00");
    CHECK(when("昨天14:00") == "2026-11-23T14:00:00+08:00");
    CHECK(when("前天") == "2026-11-22T00:00:00+08:00");
    CHECK(when("大前天") == "2026-11-21T00:00:00+08:00");
    CHECK(when("今天 9点") == "2026-11-24T09:00:00+08:00");
    CHECK(when("昨天 9点30分") == "2026-11-23T09:30:00+08:00");
    CHECK(when("-2d") == "2026-11-22T10:30:00+08:00");
    CHECK(when("-3h") == "2026-11-24T07:30:00+08:00");
    CHECK(when("-1w") == "2026-11-17T10:30:00+08:00");
    CHECK(when("-45min") == "2026-11-24T09:45:00+08:00");
    CHECK(when("2天前") == "2026-11-22T10:30:00+08:00");
    CHECK(when("3小时前") == "2026-11-24T07:30:00+08:00");
    CHECK(when("2026/11/23") == "2026-11-23T00:00:00+08:00");
    CHECK(when("2026/1/5 08:00") == "2026-01-05T08:00:00+08:00");
    CHECK(when("11月23日") == "2026-11-23T00:00:00+08:00");
    CHECK(when("11月23号 14:00") == "2026-11-23T14:00:00+08:00");
    CHECK(when("2025年12月31日 23:59") == "2025-12-31T23:59:00+08:00");
    CHECK(when("14:00") == "2026-11-24T14:00:00+08:00");
    CHECK(when(" 2026-11-23T14:00:00Z ") == "2026-11-23T22:00:00+08:00");
}

TEST_CASE("a spoken time that does not parse lists every accepted form") {
    Zone z = shanghai();
    Instant now = parse_instant("2026-11-24T10:30:00+08:00", z);
    for (std::string_view bad : {"someday", "2天", "-2", "-2x", "11月31日", "2026/13/01", "25:00",
                                 "昨天 25:00", "13月1日", "2026年", "11月", "today at noon", ""}) {
        CAPTURE(bad);
        try {
            parse_when(bad, z, now);
            FAIL("parsed");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            std::string what = e.what();
            CHECK(what.find("is not a time") != std::string::npos);
            CHECK(what.find("昨天 14:00") != std::string::npos);
        }
    }
}

namespace {
// Every offset and every local-to-UTC answer of a zone read from its file, against date's zone of
// the same name, from 1850 to 2099 every 7 hours and 13 minutes (through each year's DST changes).
void same_as_date(const char* name) {
    CAPTURE(name);
    auto mine = zone_named(name);
    REQUIRE(mine.has_value());
    const date::time_zone* theirs = date::locate_zone(name);
    CHECK(mine->name() == theirs->name());
    int differences = 0;
    int checked = 0;
    auto from = Instant{date::sys_days{date::year{1850} / 1 / 1}};
    auto to = Instant{date::sys_days{date::year{2100} / 1 / 1}};
    for (auto t = from; t < to; t += std::chrono::minutes{7 * 60 + 13}) {
        ++checked;
        if ((*mine)->get_info(t).offset != theirs->get_info(t).offset) ++differences;
        auto local = date::local_seconds{t.time_since_epoch()};
        for (auto c : {date::choose::earliest, date::choose::latest})
            if ((*mine)->to_sys(local, c) != theirs->to_sys(local, c)) ++differences;
        if ((*mine)->to_local(t) != theirs->to_local(t)) ++differences;
    }
    CHECK(checked > 300000);
    CHECK(differences == 0);
}
} // namespace

TEST_CASE("a zone read from its file answers as date's zone of the same name") {
    for (const char* name : {"America/New_York", "Asia/Shanghai", "UTC", "Europe/London",
                             "Europe/Dublin", "Australia/Lord_Howe", "America/Santiago",
                             "Pacific/Apia", "Africa/Casablanca", "Asia/Kolkata", "Europe/Moscow",
                             "America/St_Johns", "Pacific/Chatham", "US/Eastern", "Etc/GMT+5"})
        same_as_date(name);
}

TEST_CASE("UTC without its file, for a system without zoneinfo") {
    Zone utc = built_in_utc();
    CHECK(utc->name() == "UTC");
    Instant t = parse_utc("2026-11-23T09:15:56Z");
    CHECK(utc->get_info(t).offset == std::chrono::seconds{0});
    CHECK(utc->to_local(t).time_since_epoch() == t.time_since_epoch());
    CHECK(utc->to_sys(date::local_seconds{t.time_since_epoch()}, date::choose::earliest) == t);
    CHECK(format_minute(t, utc) == format_minute(t, *zone_named("UTC")));
}

TEST_CASE("a zone read from its file: the DST gap and overlap in New York") {
    Zone ny = *zone_named("America/New_York");
    // 2026-03-08 02:30 does not exist: the instant after the gap stands for it.
    CHECK(format_utc(parse_instant("2026-03-08 02:30", ny)) == "2026-03-08T07:00:00Z");
    // 2026-11-01 01:30 happens twice: the earlier (EDT) is meant.
    CHECK(format_utc(parse_instant("2026-11-01 01:30", ny)) == "2026-11-01T05:30:00Z");
    CHECK(format_iso(parse_utc("2026-11-01T06:30:00Z"), ny) == "2026-11-01T01:30:00-05:00");
    // Shanghai's local mean time before 1901 is off UTC by seconds: shown in UTC.
    Zone sh = *zone_named("Asia/Shanghai");
    CHECK(format_iso(parse_utc("1900-01-01T00:00:00Z"), sh) == "1900-01-01T00:00:00Z");
    CHECK(format_iso(parse_utc("2026-01-01T00:00:00Z"), sh) == "2026-01-01T08:00:00+08:00");
}

TEST_CASE("only names of zones are read as zones") {
    CHECK_FALSE(zone_named("").has_value());
    CHECK_FALSE(zone_named("Nowhere/Atlantis").has_value());
    CHECK_FALSE(zone_named("../../etc/passwd").has_value());
    CHECK_FALSE(zone_named("/usr/share/zoneinfo/UTC").has_value());
    CHECK_FALSE(zone_named("zone.tab").has_value());
    CHECK_FALSE(zone_named("America").has_value());
    CHECK(zone_named("Asia/Shanghai")->name() == "Asia/Shanghai");
}
