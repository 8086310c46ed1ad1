// Deadline arithmetic: due instants in Shanghai and New York (across both DST changes), pauses,
// warning windows and the time-left text.
#include "complain/domain/deadline.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace complain;

namespace {

Zone shanghai() {
    return *zone_named("Asia/Shanghai");
}
Zone new_york() {
    return *zone_named("America/New_York");
}
Instant utc(const char* text) {
    return parse_instant(text, *zone_named("UTC"));
}
std::string due_of(const char* start, const char* duration, const Calendar& cal, Zone zone,
                   bool roll = false) {
    DeadlineRule rule{parse_duration(duration), &cal, zone, roll};
    return format_iso(compute_due(parse_instant(start, zone), rule), zone);
}

} // namespace

TEST_CASE("due: hours are elapsed time, days end at 24:00 local") {
    Calendar cn = Calendar::china();
    Zone z = shanghai();
    CHECK(due_of("2026-11-23T10:15", "24h", cn, z) == "2026-11-24T10:15:00+08:00");
    CHECK(due_of("2026-11-23T10:15", "90m", cn, z) == "2026-11-23T11:45:00+08:00");
    // 3d from Monday: the end of Thursday (the 3rd day after the start day).
    CHECK(due_of("2026-11-23T10:15", "3d", cn, z) == "2026-11-27T00:00:00+08:00");
    // A start just before midnight still has the whole of the next days.
    CHECK(due_of("2026-11-23T23:59", "1d", cn, z) == "2026-11-25T00:00:00+08:00");
    // 7wd from Wed 2026-09-30 ends with Thu Oct 15 (see test_calendar.cpp), at 24:00.
    CHECK(due_of("2026-09-30T16:00", "7wd", cn, z) == "2026-10-16T00:00:00+08:00");
    // A day deadline does not roll unless asked: 7d from Wed 2025-09-24 ends on Oct 1, a holiday.
    CHECK(due_of("2025-09-24T09:00", "7d", cn, z) == "2025-10-02T00:00:00+08:00");
    CHECK(due_of("2025-09-24T09:00", "7d", cn, z, true) == "2025-10-10T00:00:00+08:00");
}

TEST_CASE("due: a deadline past the year 9999 is refused, not stored") {
    Calendar cn = Calendar::china();
    Zone z = shanghai();
    CHECK(due_of("9999-12-29T10:00", "24h", cn, z) == "9999-12-30T10:00:00+08:00");
    // 24:00 of 9999-12-31 in Shanghai is in range in UTC, but it is 10000-01-01T00:00+08:00
    // there, which no ISO 8601 reader takes back: refused too. The day before can end.
    DeadlineRule day{parse_duration("1d"), &cn, z, false};
    CHECK(format_utc(compute_due(parse_instant("9999-12-29T10:00", z), day)) ==
          "9999-12-30T16:00:00Z");
    CHECK_THROWS_AS(compute_due(parse_instant("9999-12-30T10:00", z), day), Error);
    for (const char* duration : {"48h", "2d", "7wd"}) {
        try {
            due_of("9999-12-31T10:00", duration, cn, z);
            FAIL("a due after 9999 for ", duration);
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            CHECK(std::string(e.what()).find("after the year 9999") != std::string::npos);
        }
    }
    DeadlineRule hours{parse_duration("24h"), &cn, z, false};
    CHECK_THROWS_AS(extend_for_pause(utc("9999-12-31T00:00:00Z"), utc("2026-01-01T00:00:00Z"),
                                     utc("2027-01-01T00:00:00Z"), hours),
                    Error);
}

TEST_CASE("due: America/New_York across the spring DST change (2026-03-08 02:00 -> 03:00)") {
    Calendar w = Calendar::weekends_only();
    Zone z = new_york();
    // 24h is 24 elapsed hours: noon EST on Saturday is 13:00 EDT on Sunday.
    CHECK(due_of("2026-03-07T12:00", "24h", w, z) == "2026-03-08T13:00:00-04:00");
    // 1d from Saturday ends with Sunday, a 23-hour day: Monday 00:00 EDT, 04:00 UTC.
    DeadlineRule day{parse_duration("1d"), &w, z, false};
    Instant start = parse_instant("2026-03-07T12:00", z);
    Instant due = compute_due(start, day);
    CHECK(format_utc(due) == "2026-03-09T04:00:00Z");
    CHECK(due - start == std::chrono::hours{35}); // 12h of Saturday + 23h of Sunday
    CHECK(format_minute(due, z) == "2026-03-08 24:00");
    // 1wd from Friday: Monday, ending at Tuesday 00:00 EDT.
    CHECK(due_of("2026-03-06T09:00", "1wd", w, z) == "2026-03-10T00:00:00-04:00");
}

TEST_CASE("due: America/New_York across the autumn DST change (2026-11-01 02:00 -> 01:00)") {
    Calendar w = Calendar::weekends_only();
    Zone z = new_york();
    // 24h from noon EDT on Saturday: 11:00 EST on Sunday.
    CHECK(due_of("2026-10-31T12:00", "24h", w, z) == "2026-11-01T11:00:00-05:00");
    // 1d from Saturday ends with Sunday, a 25-hour day: Monday 00:00 EST, 05:00 UTC.
    DeadlineRule day{parse_duration("1d"), &w, z, false};
    Instant start = parse_instant("2026-10-31T12:00", z);
    Instant due = compute_due(start, day);
    CHECK(format_utc(due) == "2026-11-02T05:00:00Z");
    CHECK(due - start == std::chrono::hours{37}); // 12h of Saturday + 25h of Sunday
    CHECK(format_minute(due, z) == "2026-11-01 24:00");
    // An ambiguous local time (01:30 happens twice) is read as the first one, EDT.
    CHECK(format_utc(parse_instant("2026-11-01T01:30", z)) == "2026-11-01T05:30:00Z");
}

TEST_CASE("due: a zone whose midnight is skipped still ends the day") {
    // Chile moved its clocks from 00:00 to 01:00 on 2024-09-08: that day starts at 01:00.
    Zone z = *zone_named("America/Santiago");
    Calendar w = Calendar::weekends_only();
    DeadlineRule rule{parse_duration("1d"), &w, z, false};
    Instant due = compute_due(parse_instant("2024-09-06T10:00", z), rule);
    CHECK(format_iso(due, z) == "2024-09-08T01:00:00-03:00");
    CHECK(format_utc(due) == "2024-09-08T04:00:00Z");
    CHECK(format_minute(due, z) == "2024-09-07 24:00");
    CHECK(last_day(due, z) == parse_day("2024-09-07"));
}

TEST_CASE("pause: hours move by the paused time") {
    Calendar w = Calendar::weekends_only();
    DeadlineRule rule{parse_duration("24h"), &w, new_york(), false};
    Instant due = utc("2026-03-08T17:00:00Z");
    // 3h 30m paused across the spring change: still 3h 30m of elapsed time.
    CHECK(extend_for_pause(due, utc("2026-03-08T05:00:00Z"), utc("2026-03-08T08:30:00Z"), rule) ==
          utc("2026-03-08T20:30:00Z"));
    // A resume at or before the pause changes nothing.
    CHECK(extend_for_pause(due, utc("2026-03-08T05:00:00Z"), utc("2026-03-08T05:00:00Z"), rule) ==
          due);
}

TEST_CASE("pause: days and working days move by the days the pause covered") {
    Calendar cn = Calendar::china();
    Zone z = shanghai();
    auto at = [&](const char* t) { return parse_instant(t, z); };
    // 3d filed Mon 2026-11-23: last day Thu 26. Paused Wed 25 15:00, resumed Mon 30 09:00: the
    // days in (Wed 25, Mon 30] are Thu, Fri, Sat, Sun, Mon = 5 -> last day Tue Dec 1.
    DeadlineRule days{parse_duration("3d"), &cn, z, false};
    Instant due = compute_due(at("2026-11-23T10:00"), days);
    CHECK(extend_for_pause(due, at("2026-11-25T15:00"), at("2026-11-30T09:00"), days) ==
          at("2026-12-02"));
    // Paused and resumed on the same day: nothing moves.
    CHECK(extend_for_pause(due, at("2026-11-25T09:00"), at("2026-11-25T17:00"), days) == due);

    // 7wd over the same pause: working days in (Wed 25, Mon 30] are Thu 26, Fri 27, Mon 30 = 3.
    // Filed Mon 23 the last day is Wed Dec 2 (Tue 24 .. Fri 27, Mon 30, Tue 1, Wed 2); +3 working
    // days: Thu 3, Fri 4, Mon 7.
    DeadlineRule wd{parse_duration("7wd"), &cn, z, false};
    due = compute_due(at("2026-11-23T10:00"), wd);
    CHECK(due == at("2026-12-03"));
    CHECK(extend_for_pause(due, at("2026-11-25T15:00"), at("2026-11-30T09:00"), wd) ==
          at("2026-12-08"));
}

TEST_CASE("pause: over the 2026 National Day holiday week") {
    Calendar cn = Calendar::china();
    Zone z = shanghai();
    auto at = [&](const char* t) { return parse_instant(t, z); };
    DeadlineRule wd{parse_duration("7wd"), &cn, z, false};
    // Filed Mon 2026-09-21: Tue 22 (1), Wed 23 (2), Thu 24 (3), Sep 25-27 off, Mon 28 (4),
    // Tue 29 (5), Wed 30 (6), Oct 1-7 off, Thu Oct 8 (7).
    Instant due = compute_due(at("2026-09-21T10:00"), wd);
    CHECK(due == at("2026-10-09"));
    // Paused Wed Sep 23 15:00, resumed Mon Oct 12 09:00. Working days in (Sep 23, Oct 12]:
    // Thu 24, Mon 28, Tue 29, Wed 30, Thu Oct 8, Fri 9, Sat 10 (makeup), Mon 12 = 8.
    // Thu Oct 8 + 8: Fri 9, Sat 10, Mon 12, Tue 13, Wed 14, Thu 15, Fri 16, Mon 19.
    // The same answer counted afresh: 5 working days were left after Wed 23 (Sep 24, 28, 29, 30,
    // Oct 8); from Mon Oct 12, not counted: Tue 13, Wed 14, Thu 15, Fri 16, Mon 19.
    Instant moved = extend_for_pause(due, at("2026-09-23T15:00"), at("2026-10-12T09:00"), wd);
    CHECK(format_minute(moved, z) == "2026-10-19 24:00");
    // A pause that lies wholly inside the holiday covers no working day: nothing moves.
    CHECK(extend_for_pause(due, at("2026-10-02T10:00"), at("2026-10-06T10:00"), wd) == due);
}

TEST_CASE("pause: a day deadline in New York across the spring change") {
    Calendar w = Calendar::weekends_only();
    Zone z = new_york();
    auto at = [&](const char* t) { return parse_instant(t, z); };
    DeadlineRule days{parse_duration("3d"), &w, z, false};
    Instant due = compute_due(at("2026-03-06T10:00"), days); // last day Mon Mar 9
    CHECK(format_iso(due, z) == "2026-03-10T00:00:00-04:00");
    // Paused Sat 7 to Sun 8: one day -> last day Tue 10, still at local midnight.
    CHECK(format_iso(extend_for_pause(due, at("2026-03-07T20:00"), at("2026-03-08T20:00"), days),
                     z) == "2026-03-11T00:00:00-04:00");
}

TEST_CASE("warning window: when a deadline becomes due soon") {
    Calendar cn = Calendar::china();
    Zone z = shanghai();
    auto at = [&](const char* t) { return parse_instant(t, z); };
    DeadlineRule hours{parse_duration("24h"), &cn, z, false};
    CHECK(warning_start(at("2026-11-24T10:00"), parse_duration("6h"), hours) ==
          at("2026-11-24T04:00"));
    // 7wd ending Thu 2026-10-15 with 2wd: the last two working days, Wed 14 and Thu 15.
    DeadlineRule wd{parse_duration("7wd"), &cn, z, false};
    CHECK(warning_start(at("2026-10-16"), parse_duration("2wd"), wd) == at("2026-10-14"));
    // Ending Thu Oct 8: the last two working days are Wed Sep 30 and Thu Oct 8, so the holiday
    // week between them is due soon too.
    CHECK(warning_start(at("2026-10-09"), parse_duration("2wd"), wd) == at("2026-09-30"));
    // Days: the last day of a 3d deadline ending Thu 2026-11-26.
    DeadlineRule days{parse_duration("3d"), &cn, z, false};
    CHECK(warning_start(at("2026-11-27"), parse_duration("1d"), days) == at("2026-11-26"));
    // An elapsed warning on a day deadline counts back from 24:00.
    CHECK(warning_start(at("2026-11-27"), parse_duration("4h"), days) == at("2026-11-26T20:00"));
}

TEST_CASE("time left, in the deadline's own unit") {
    Calendar cn = Calendar::china();
    Zone z = shanghai();
    auto at = [&](const char* t) { return parse_instant(t, z); };
    DeadlineRule hours{parse_duration("24h"), &cn, z, false};
    Instant due = at("2026-11-24T10:00");
    CHECK(time_left(at("2026-11-24T05:00"), due, hours) == "5h");
    CHECK(time_left(at("2026-11-24T06:40"), due, hours) == "3h 20m");
    CHECK(time_left(at("2026-11-24T09:15"), due, hours) == "45m");
    CHECK(time_left(at("2026-11-23T10:00"), due, hours) == "24h");
    CHECK(time_left(at("2026-11-24T12:00"), due, hours) == "overdue 2h");
    // Past three days, days and hours: 69 days and an hour late, not "overdue 1657h".
    CHECK(time_left(at("2026-11-27T10:00"), due, hours) == "overdue 72h");
    CHECK(time_left(at("2027-02-01T11:00"), due, hours) == "overdue 69d 1h");
    CHECK(time_left(at("2026-12-04T10:00"), due, hours) == "overdue 10d");

    DeadlineRule wd{parse_duration("7wd"), &cn, z, false};
    due = at("2026-10-16");                                     // last day Thu Oct 15
    CHECK(time_left(at("2026-10-12T10:00"), due, wd) == "3wd"); // Tue, Wed, Thu
    CHECK(time_left(at("2026-10-14T10:00"), due, wd) == "1wd");
    CHECK(time_left(at("2026-10-15T10:00"), due, wd) == "today");
    CHECK(time_left(at("2026-10-17T10:00"), due, wd) == "overdue 1wd"); // Fri 16
    CHECK(time_left(at("2026-10-20T10:00"), due, wd) == "overdue 3wd"); // 16, 19, 20
    // From inside the holiday week to Thu Oct 8: one working day left, however many days.
    CHECK(time_left(at("2026-10-03T10:00"), at("2026-10-09"), wd) == "1wd");

    DeadlineRule days{parse_duration("3d"), &cn, z, false};
    due = at("2026-11-27"); // last day Thu Nov 26
    CHECK(time_left(at("2026-11-24T10:00"), due, days) == "2d");
    CHECK(time_left(at("2026-11-26T23:00"), due, days) == "today");
    CHECK(time_left(at("2026-11-27T00:00"), due, days) == "overdue 1d");
}
