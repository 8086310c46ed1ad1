// Deadline arithmetic over calendars and time zones.
#include "complain/domain/deadline.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <charconv>
#include <string>
#include <string_view>

namespace complain {
namespace {

// A computed deadline past what complain can store is refused as the input that led to it.
Instant checked(Instant t, Zone zone) {
    if (!in_range(t, zone))
        throw Error(Exit::usage, tr("the deadline would fall after the year 9999, beyond what "
                                    "complain keeps"));
    return t;
}

} // namespace

LocalDay last_day(Instant due, Zone zone) {
    return local_day(due - std::chrono::seconds{1}, zone);
}

Instant compute_due(Instant start, const DeadlineRule& rule) {
    const Duration& d = rule.duration;
    if (d.is_elapsed()) return checked(start + d.elapsed(), rule.zone);
    LocalDay first = local_day(start, rule.zone);
    LocalDay last;
    if (d.unit == Unit::days) {
        last = first + date::days{d.count};
        if (rule.roll) last = rule.calendar->next_working_day(last);
    } else {
        last = rule.calendar->add_working_days(first, d.count);
    }
    return checked(start_of_day(last + date::days{1}, rule.zone), rule.zone);
}

Instant extend_for_pause(Instant due, Instant paused, Instant resumed, const DeadlineRule& rule) {
    if (resumed <= paused) return due;
    const Duration& d = rule.duration;
    if (d.is_elapsed()) return checked(due + (resumed - paused), rule.zone);
    LocalDay from = local_day(paused, rule.zone);
    LocalDay to = local_day(resumed, rule.zone);
    LocalDay last = last_day(due, rule.zone);
    if (d.unit == Unit::days) {
        last += (to - from);
        if (rule.roll) last = rule.calendar->next_working_day(last);
    } else {
        last = rule.calendar->add_working_days(last, rule.calendar->working_days_between(from, to));
    }
    return checked(start_of_day(last + date::days{1}, rule.zone), rule.zone);
}

Instant warning_start(Instant due, const Duration& warning, const DeadlineRule& rule) {
    if (warning.is_elapsed()) return due - warning.elapsed();
    LocalDay day = last_day(due, rule.zone);
    if (warning.unit == Unit::days) {
        day -= date::days{warning.count - 1};
    } else {
        // Back from the last day to the first of the last n working days.
        // Bounded like the forward counts: a calendar without working days ends the search.
        LocalDay last = day;
        for (std::int64_t left = warning.count - (rule.calendar->is_working_day(day) ? 1 : 0);
             left > 0 && (last - day).count() < 10 * 366;) {
            day -= date::days{1};
            if (rule.calendar->is_working_day(day)) --left;
        }
    }
    return start_of_day(day, rule.zone);
}

namespace {

// A count and its unit ("3d", "7wd") appended to `out`, without a format string: a long list
// writes one per row.
void append_count(std::string& out, std::int64_t n, std::string_view unit) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end).append(unit);
}

// Past three days, hours are hard to read ("overdue 1657h"): days and hours then.
void append_elapsed(std::string& out, std::chrono::seconds s) {
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(s).count();
    auto hours = minutes / 60;
    if (minutes < 60) {
        append_count(out, std::max<long>(minutes, 1), "m");
    } else if (hours < 10 && minutes % 60 != 0) {
        append_count(out, hours, "h ");
        append_count(out, minutes % 60, "m");
    } else if (hours <= 72) {
        append_count(out, hours, "h");
    } else if (hours % 24 == 0) {
        append_count(out, hours / 24, "d");
    } else {
        append_count(out, hours / 24, "d ");
        append_count(out, hours % 24, "h");
    }
}

// Where the "{}" of "overdue {}" as translated is, or npos when the translation has braces
// other than its one "{}". Found once per translation, not for each row of a list.
size_t overdue_gap_at(std::string_view pattern) {
    thread_local std::string found_in;
    thread_local size_t found_at = std::string_view::npos;
    if (pattern == found_in) return found_at;
    size_t at = std::string_view::npos, braces = 0;
    for (size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] == '{' || pattern[i] == '}') {
            ++braces;
            if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') at = i;
        }
    found_in = pattern;
    found_at = braces == 2 ? at : std::string_view::npos;
    return found_at;
}

// trf("overdue {}", gap) appended to `out`, spliced rather than formatted: a long list writes it
// on most rows, into the buffer of the row before. A translation with braces other than its one
// "{}" is left to trf.
void append_overdue(std::string& out, std::string_view gap) {
    std::string_view pattern = tr("overdue {}");
    size_t at = overdue_gap_at(pattern);
    if (at == std::string_view::npos) {
        out += trf("overdue {}", gap);
        return;
    }
    out.append(pattern.substr(0, at)).append(gap).append(pattern.substr(at + 2));
}

} // namespace

void append_time_left(std::string& out, Instant now, Instant due, const DeadlineRule& rule) {
    const Duration& d = rule.duration;
    bool overdue = now >= due;
    std::string gap; // the time left, or how long ago the due passed: "3wd", "2h 5m"
    auto done = [&] {
        if (overdue)
            append_overdue(out, gap);
        else
            out += gap;
    };
    if (d.is_elapsed()) {
        append_elapsed(gap, overdue ? now - due : due - now);
        return done();
    }
    LocalDay today = local_day(now, rule.zone);
    LocalDay last = last_day(due, rule.zone);
    if (!overdue && today == last) {
        out += tr("today");
        return;
    }
    // Days and working days in the compact notation of the deadlines themselves (7d, 7wd), so
    // that every LEFT reads alike and fits its column: "overdue 69d", "3wd".
    std::int64_t n = 0;
    if (d.unit == Unit::days) {
        n = overdue ? (today - last).count() : (last - today).count();
        if (overdue && n == 0) n = 1;
        append_count(gap, n, "d");
        return done();
    }
    n = overdue ? rule.calendar->working_days_between(last, today)
                : rule.calendar->working_days_between(today, last);
    if (overdue && n == 0) {
        out += tr("overdue");
        return;
    }
    append_count(gap, n, "wd");
    done();
}

std::string time_left(Instant now, Instant due, const DeadlineRule& rule) {
    std::string out;
    append_time_left(out, now, due, rule);
    return out;
}

} // namespace complain
