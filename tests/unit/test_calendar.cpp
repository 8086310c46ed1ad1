// Calendars: the built-in `cn` against the State Council notices of 2024-2026, user calendars from
// the config, and the warning for years no schedule covers.
#include "complain/config/config.hpp"
#include "complain/domain/calendar.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <string>
#include <utility>
#include <vector>

using namespace complain;

namespace {

LocalDay day(const char* text) {
    return parse_day(text);
}

// Records every uncovered-year call, as Session's sink would print it.
struct Sink {
    std::vector<std::pair<std::string, int>> calls;
    Calendar::UncoveredSink fn() {
        return [this](const Calendar& c, int year) { calls.emplace_back(c.name(), year); };
    }
};

} // namespace

// Each expected day was worked out by hand from the notices' day lists (data/holidays-cn, which
// transcribe the State Council's 国务院办公厅关于20XX年部分节假日安排的通知) and the weekday, and
// checked a second time by a separate count in Python over the JSON files. "+Nwd": the start day is
// not counted; the answer is the N-th working day after it (DESIGN.md "Deadlines").
TEST_CASE("cn: working days across the official 2024-2026 schedules") {
    struct Case {
        const char* start;
        int n;
        const char* last;
    };
    const Case cases[] = {
        // Year end 2023: Sat 30, Sun 31 weekend, Mon 2024-01-01 元旦 off -> Tue 2.
        {"2023-12-29", 1, "2024-01-02"},
        // 2024 春节: off Sat Feb 10 .. Sat Feb 17; makeup Sun Feb 4 and Sun Feb 18.
        // Fri Feb 2 +1: Sat 3 weekend, Sun 4 makeup (1).
        {"2024-02-02", 1, "2024-02-04"},
        // Thu Feb 8 +2: Fri 9 (1), Feb 10-17 off, Sun 18 makeup (2).
        {"2024-02-08", 2, "2024-02-18"},
        // Fri Feb 9 +1: Feb 10-17 off, Sun 18 makeup (1).
        {"2024-02-09", 1, "2024-02-18"},
        // Start on the makeup Sunday Feb 18 +5: Mon 19 .. Fri 23.
        {"2024-02-18", 5, "2024-02-23"},
        // 2024 清明: off Thu Apr 4 .. Sat Apr 6, makeup Sun Apr 7. Wed 3 +1: Sun 7.
        {"2024-04-03", 1, "2024-04-07"},
        // 2024 劳动节: makeup Sun Apr 28, off Wed May 1 .. Sun May 5, makeup Sat May 11.
        // Fri Apr 26 +1: Sat 27 weekend, Sun 28 makeup (1).
        {"2024-04-26", 1, "2024-04-28"},
        // Tue Apr 30 +1: May 1-5 off, Mon 6 (1).
        {"2024-04-30", 1, "2024-05-06"},
        // Thu May 9 +2: Fri 10 (1), Sat 11 makeup (2).
        {"2024-05-09", 2, "2024-05-11"},
        // 2024 中秋: makeup Sat Sep 14, off Sun 15 .. Tue 17. Fri 13 +2: Sat 14 (1), Wed 18 (2).
        {"2024-09-13", 2, "2024-09-18"},
        // 2024 国庆: makeup Sun Sep 29, off Tue Oct 1 .. Mon Oct 7, makeup Sat Oct 12.
        // Fri Sep 27 +3: Sat 28 weekend, Sun 29 makeup (1), Mon 30 (2), Oct 1-7 off, Tue 8 (3).
        {"2024-09-27", 3, "2024-10-08"},
        // Mon Sep 30 +7: Tue Oct 8 (1), Wed 9 (2), Thu 10 (3), Fri 11 (4), Sat 12 makeup (5),
        // Sun 13 weekend, Mon 14 (6), Tue 15 (7).
        {"2024-09-30", 7, "2024-10-15"},
        // Year end 2024: Wed 2025-01-01 元旦 off. Tue Dec 31 +1: Thu Jan 2.
        {"2024-12-31", 1, "2025-01-02"},
        // Fri Dec 27 +3: Sat 28, Sun 29 weekend, Mon 30 (1), Tue 31 (2), Jan 1 off, Thu 2 (3).
        {"2024-12-27", 3, "2025-01-02"},
        // 2025 春节: makeup Sun Jan 26, off Tue Jan 28 .. Tue Feb 4, makeup Sat Feb 8.
        // Fri Jan 24 +2: Sat 25 weekend, Sun 26 makeup (1), Mon 27 (2).
        {"2025-01-24", 2, "2025-01-27"},
        // Mon Jan 27 +1: Jan 28 - Feb 4 off, Wed Feb 5 (1).
        {"2025-01-27", 1, "2025-02-05"},
        // Mon Jan 27 +7: Wed Feb 5 (1), Thu 6 (2), Fri 7 (3), Sat 8 makeup (4), Sun 9 weekend,
        // Mon 10 (5), Tue 11 (6), Wed 12 (7).
        {"2025-01-27", 7, "2025-02-12"},
        // 2025 清明: off Fri Apr 4 .. Sun Apr 6, no makeup day. Thu 3 +1: Mon 7.
        {"2025-04-03", 1, "2025-04-07"},
        // 2025 劳动节: makeup Sun Apr 27, off Thu May 1 .. Mon May 5.
        // Fri Apr 25 +1: Sat 26 weekend, Sun 27 makeup (1).
        {"2025-04-25", 1, "2025-04-27"},
        // Wed Apr 30 +1: May 1-5 off, Tue 6 (1).
        {"2025-04-30", 1, "2025-05-06"},
        // 2025 端午: off Sat May 31 .. Mon Jun 2. Fri May 30 +1: Tue Jun 3.
        {"2025-05-30", 1, "2025-06-03"},
        // 2025 国庆、中秋: makeup Sun Sep 28, off Wed Oct 1 .. Wed Oct 8, makeup Sat Oct 11.
        // Fri Sep 26 +3: Sat 27 weekend, Sun 28 makeup (1), Mon 29 (2), Tue 30 (3). (Forgetting
        // the makeup Sunday gives Thu Oct 9, a week late.)
        {"2025-09-26", 3, "2025-09-30"},
        // Tue Sep 30 +1: Oct 1-8 off, Thu 9 (1).
        {"2025-09-30", 1, "2025-10-09"},
        // Tue Sep 30 +7: Thu Oct 9 (1), Fri 10 (2), Sat 11 makeup (3), Sun 12 weekend, Mon 13 (4),
        // Tue 14 (5), Wed 15 (6), Thu 16 (7).
        {"2025-09-30", 7, "2025-10-16"},
        // Start inside the holiday, Fri Oct 3 +1: Oct 4-8 off, Thu 9 (1).
        {"2025-10-03", 1, "2025-10-09"},
        // Year end 2025: off Thu 2026-01-01 .. Sat Jan 3, makeup Sun Jan 4 (only in 2026.json).
        // Wed Dec 31 +1: Jan 1-3 off, Sun 4 makeup (1).
        {"2025-12-31", 1, "2026-01-04"},
        // Tue Dec 30 +3: Wed 31 (1), Jan 1-3 off, Sun 4 (2), Mon 5 (3).
        {"2025-12-30", 3, "2026-01-05"},
        // Fri Dec 26 +7: Mon 29 (1), Tue 30 (2), Wed 31 (3), Sun Jan 4 (4), Mon 5 (5), Tue 6 (6),
        // Wed 7 (7).
        {"2025-12-26", 7, "2026-01-07"},
        // 2026 春节: makeup Sat Feb 14, off Sun Feb 15 .. Mon Feb 23, makeup Sat Feb 28.
        // Fri Feb 13 +1: Sat 14 makeup (1).
        {"2026-02-13", 1, "2026-02-14"},
        // Fri Feb 13 +2: Sat 14 (1), Feb 15-23 off, Tue 24 (2).
        {"2026-02-13", 2, "2026-02-24"},
        // Thu Feb 12 +7: Fri 13 (1), Sat 14 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5), Fri 27 (6),
        // Sat 28 makeup (7).
        {"2026-02-12", 7, "2026-02-28"},
        // Start on the makeup Saturday Feb 14 +10: Tue 24 (1) .. Sat 28 (5), Sun Mar 1 weekend,
        // Mon 2 (6) .. Fri 6 (10).
        {"2026-02-14", 10, "2026-03-06"},
        // 2026 清明: off Sat Apr 4 .. Mon Apr 6, no makeup day. Fri 3 +1: Tue 7.
        {"2026-04-03", 1, "2026-04-07"},
        // 2026 劳动节: off Fri May 1 .. Tue May 5, makeup Sat May 9 (no Sunday makeup).
        // Thu Apr 30 +1: Wed May 6.
        {"2026-04-30", 1, "2026-05-06"},
        // Thu Apr 30 +4: Wed 6 (1), Thu 7 (2), Fri 8 (3), Sat 9 makeup (4).
        {"2026-04-30", 4, "2026-05-09"},
        // 2026 端午: off Fri Jun 19 .. Sun Jun 21. Thu 18 +1: Mon 22.
        {"2026-06-18", 1, "2026-06-22"},
        // 2026 中秋 and 国庆: makeup Sun Sep 20, off Fri Sep 25 .. Sun Sep 27, off Thu Oct 1 ..
        // Wed Oct 7, makeup Sat Oct 10. Fri Sep 18 +1: Sat 19 weekend, Sun 20 makeup (1).
        {"2026-09-18", 1, "2026-09-20"},
        // Thu Sep 24 +2: Sep 25-27 off, Mon 28 (1), Tue 29 (2).
        {"2026-09-24", 2, "2026-09-29"},
        // Wed Sep 30 +7: Oct 1-7 off, Thu 8 (1), Fri 9 (2), Sat 10 makeup (3), Sun 11 weekend,
        // Mon 12 (4), Tue 13 (5), Wed 14 (6), Thu 15 (7).
        {"2026-09-30", 7, "2026-10-15"},
        // Tue Sep 22 +7: Wed 23 (1), Thu 24 (2), Sep 25-27 off, Mon 28 (3), Tue 29 (4), Wed 30 (5),
        // Oct 1-7 off, Thu 8 (6), Fri 9 (7).
        {"2026-09-22", 7, "2026-10-09"},
        // Year end 2026, staying inside 2026: Mon Dec 28 +3: Tue 29, Wed 30, Thu 31.
        {"2026-12-28", 3, "2026-12-31"},
    };
    Calendar cn = Calendar::china();
    Sink sink;
    cn.set_uncovered_sink(sink.fn());
    for (const auto& c : cases) {
        CAPTURE(c.start);
        CAPTURE(c.n);
        CHECK(format_day(cn.add_working_days(day(c.start), c.n)) == c.last);
        // The count agrees with the inverse: exactly n working days in (start, last].
        CHECK(cn.working_days_between(day(c.start), day(c.last)) == c.n);
        CHECK(cn.is_working_day(day(c.last)));
    }
    CHECK(sink.calls.empty()); // no count above leaves the covered years
}

TEST_CASE("cn: why a day is or is not a working day") {
    Calendar cn = Calendar::china();
    DayInfo d = cn.classify(day("2026-10-10")); // Saturday, makeup for 国庆节
    CHECK(d.working);
    CHECK(d.kind == DayKind::makeup);
    CHECK(d.name == "国庆节");
    d = cn.classify(day("2025-10-08")); // Wednesday, the 8th day of 2025's long holiday
    CHECK_FALSE(d.working);
    CHECK(d.kind == DayKind::holiday);
    CHECK(d.name == "国庆节、中秋节");
    d = cn.classify(day("2026-10-08")); // Thursday: 2026's holiday ends on the 7th
    CHECK(d.working);
    CHECK(d.kind == DayKind::working);
    d = cn.classify(day("2026-10-11")); // Sunday after the makeup Saturday
    CHECK_FALSE(d.working);
    CHECK(d.kind == DayKind::weekend);
    // 2022-12-31 is listed only in 2023.json (as 元旦): indexed by its own date.
    CHECK(cn.classify(day("2022-12-31")).kind == DayKind::holiday);
    CHECK(cn.classify(day("2026-01-04")).kind == DayKind::makeup);
    CHECK(cn.covers(2020));
    CHECK(cn.covers(2026));
    CHECK_FALSE(cn.covers(2019));
    CHECK_FALSE(cn.covers(2027));
}

TEST_CASE("cn: a day deadline that rolls off a day off (民法典 art. 203)") {
    Calendar cn = Calendar::china();
    // Wed 2025-09-24 +7d = Wed Oct 1, off until Oct 8 -> Thu Oct 9.
    CHECK(cn.next_working_day(day("2025-09-24") + date::days{7}) == day("2025-10-09"));
    // Tue 2026-09-29 +7d = Tue Oct 6, off -> Oct 7 off -> Thu Oct 8.
    CHECK(cn.next_working_day(day("2026-09-29") + date::days{7}) == day("2026-10-08"));
    // Sat 2026-10-03 +7d = Sat Oct 10, a makeup working day: stays.
    CHECK(cn.next_working_day(day("2026-10-03") + date::days{7}) == day("2026-10-10"));
    // Sat 2026-02-07 +7d = Sat Feb 14, a makeup working day: stays.
    CHECK(cn.next_working_day(day("2026-02-07") + date::days{7}) == day("2026-02-14"));
}

TEST_CASE("a count past the covered years: weekends only, one call per lookup of the year") {
    Calendar cn = Calendar::china();
    Sink sink;
    cn.set_uncovered_sink(sink.fn());
    // Mon 2026-12-28 +7: Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 2027-01-01 (4: no notice yet, so
    // a weekday counts), Sat 2 / Sun 3 weekend, Mon 4 (5), Tue 5 (6), Wed 6 (7).
    CHECK(format_day(cn.add_working_days(day("2026-12-28"), 7)) == "2027-01-06");
    REQUIRE_FALSE(sink.calls.empty());
    for (const auto& call : sink.calls)
        CHECK(call == std::pair<std::string, int>{"cn", 2027});
    // The weekends calendar relies on no notice: it covers every year and never warns.
    Calendar w = Calendar::weekends_only();
    Sink quiet;
    w.set_uncovered_sink(quiet.fn());
    CHECK(format_day(w.add_working_days(day("2030-12-27"), 1)) == "2030-12-30");
    CHECK(quiet.calls.empty());
}

TEST_CASE("config calendars: dates and ranges, a base chain, a weekend override") {
    Config c = Config::from_text(R"(
[calendars.home]
base = "cn"
holidays = ["2026-12-24", "2026-12-28..2026-12-30", { date = "2026-11-11", name = "光棍节" }]
workdays = ["2026-10-03"]

[calendars.shop]
base = "home"
weekend = ["friday"]

[calendars.plain]
holidays = ["2026-12-25"]
)",
                                 "user.toml");
    const Calendar& home = c.calendar("home");
    CHECK_FALSE(home.is_working_day(day("2026-12-24"))); // own holiday
    CHECK_FALSE(home.is_working_day(day("2026-12-28"))); // first of a range
    CHECK_FALSE(home.is_working_day(day("2026-12-29")));
    CHECK_FALSE(home.is_working_day(day("2026-12-30"))); // last of a range, inclusive
    CHECK(home.is_working_day(day("2026-12-31")));
    CHECK(home.classify(day("2026-11-11")).name == "光棍节");
    CHECK(home.classify(day("2026-11-11")).calendar == "home");
    // Its own makeup day overrides cn's 国庆节 holiday.
    CHECK(home.classify(day("2026-10-03")).kind == DayKind::makeup);
    CHECK(home.classify(day("2026-10-03")).calendar == "home");
    // cn's days still apply through the base.
    CHECK(home.classify(day("2026-10-10")).kind == DayKind::makeup);
    CHECK(home.classify(day("2026-10-05")).calendar == "cn");
    // Mon 2026-12-21 +3wd in home: Tue 22 (1), Wed 23 (2), Thu 24 off, Fri 25 (3).
    CHECK(format_day(home.add_working_days(day("2026-12-21"), 3)) == "2026-12-25");
    // Coverage is inherited: home relies on cn's notices.
    CHECK(home.official() == &c.calendar("cn"));
    CHECK(home.covers(2026));
    CHECK_FALSE(home.covers(2027));

    const Calendar& shop = c.calendar("shop");
    CHECK(shop.base() == &home);
    CHECK_FALSE(shop.is_working_day(day("2026-11-20"))); // a Friday: its weekend
    CHECK(shop.is_working_day(day("2026-11-21")));       // a Saturday: a working day here
    CHECK_FALSE(shop.is_working_day(day("2026-12-24"))); // home's holiday, two links up
    CHECK(shop.is_working_day(day("2026-10-10")));       // cn's makeup day, a Saturday
    CHECK_FALSE(shop.covers(2027));

    // No base: a user's own calendar, complete by definition, never warns.
    const Calendar& plain = c.calendar("plain");
    CHECK(plain.covers(2027));
    CHECK_FALSE(plain.is_working_day(day("2026-12-25")));
    CHECK(plain.is_working_day(day("2026-10-01"))); // not a holiday in this calendar
}

TEST_CASE("working days between two days: counted as walking day by day would count them") {
    Config c = Config::from_text(R"(
[calendars.home]
base = "cn"
holidays = ["2026-12-24", "2026-10-04", { date = "2026-11-11", name = "光棍节" }]
workdays = ["2026-10-03", "2026-11-14"]

[calendars.shop]
base = "home"
weekend = ["friday", "saturday"]
holidays = ["2026-10-10"]
)",
                                 "user.toml");
    for (const char* name : {"cn", "home", "shop", "weekends"}) {
        const Calendar& cal = c.calendar(name);
        CAPTURE(name);
        // Every span from 0 to 400 days, from starts on each weekday, over the years the official
        // schedules cover and into 2027, which none does.
        for (LocalDay from = day("2023-12-25"); from < day("2027-01-10"); from += date::days{5}) {
            std::int64_t walked = 0;
            for (int span = 0; span <= 400; span += 1 + span / 40) {
                LocalDay to = from + date::days{span};
                walked = 0;
                for (LocalDay d = from + date::days{1}; d <= to; d += date::days{1})
                    walked += cal.is_working_day(d) ? 1 : 0;
                CAPTURE(format_day(from));
                CAPTURE(format_day(to));
                CHECK(cal.working_days_between(from, to) == walked);
                CHECK(cal.working_days_between(to, from) == -walked);
            }
        }
    }
    // A count into years no notice covers names each of them, once per count.
    Calendar cn = Calendar::china();
    Sink sink;
    cn.set_uncovered_sink(sink.fn());
    cn.working_days_between(day("2026-12-01"), day("2028-01-03"));
    CHECK(sink.calls == std::vector<std::pair<std::string, int>>{{"cn", 2027}, {"cn", 2028}});
}

TEST_CASE("working days between: counted again after the calendar or one under it changes") {
    Calendar base("base");
    base.set_weekend({date::Saturday, date::Sunday});
    Calendar mine("mine");
    mine.set_base(&base);
    // (2026-06-01, 2026-06-30]: 29 days from a Tuesday, 8 of them Saturdays and Sundays.
    LocalDay from = day("2026-06-01"), to = day("2026-06-30");
    CHECK(mine.working_days_between(from, to) == 21);
    CHECK(mine.working_days_between(from, to) == 21); // asked again
    base.add_holiday(day("2026-06-10"), "a Wednesday off");
    CHECK(mine.working_days_between(from, to) == 20);
    mine.add_workday(day("2026-06-13"), "a Saturday worked");
    CHECK(mine.working_days_between(from, to) == 21);
    mine.set_weekend({});
    CHECK(mine.working_days_between(from, to) == 28);
    Calendar other("other");
    mine.set_base(&other);
    CHECK(mine.working_days_between(from, to) == 29);
    // Days before 1970, whose numbers are negative, are kept apart as well.
    Calendar weekends = Calendar::weekends_only();
    CHECK(weekends.working_days_between(day("1969-12-26"), day("1970-01-09")) == 10);
    CHECK(weekends.working_days_between(day("1969-12-29"), day("1970-01-09")) == 9);
    CHECK(weekends.working_days_between(day("1969-12-26"), day("1970-01-09")) == 10);
}

TEST_CASE("config calendars: the uncovered-year sink names the calendar a user counts in") {
    Config c = Config::from_text("[calendars.home]\nbase = \"cn\"\n", "user.toml");
    Sink sink;
    c.on_uncovered_year(sink.fn());
    c.calendar("home").add_working_days(day("2026-12-30"), 3);
    REQUIRE_FALSE(sink.calls.empty());
    CHECK(sink.calls.front() == std::pair<std::string, int>{"home", 2027});
}

TEST_CASE("config calendars: mistakes name the key") {
    auto error = [](std::string_view text) -> std::string {
        try {
            Config::from_text(text, "user.toml");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::config);
            return e.what();
        }
        return "accepted";
    };
    CHECK(error("[calendars.a]\nholidays = [\"2026-13-01\"]\n").find("calendars.a.holidays") !=
          std::string::npos);
    CHECK(error("[calendars.a]\nholidays = [\"2026-12-31..2026-12-01\"]\n").find("not a range") !=
          std::string::npos);
    CHECK(error("[calendars.a]\nbase = \"nope\"\n").find("calendars.a.base") != std::string::npos);
    CHECK(error("[calendars.a]\nbase = \"b\"\n[calendars.b]\nbase = \"a\"\n").find("cycle") !=
          std::string::npos);
    CHECK(error("[calendars.a]\nweekend = [\"caturday\"]\n").find("calendars.a.weekend") !=
          std::string::npos);
    CHECK(error("[calendars.a]\nholiday = [\"2026-12-24\"]\n").find("holiday") !=
          std::string::npos);
}
