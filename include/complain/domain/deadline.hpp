// Deadline arithmetic: when a channel's answer is due, pauses, warnings, and time left.
#pragma once

#include "complain/domain/calendar.hpp"
#include "complain/domain/duration.hpp"
#include "complain/domain/time.hpp"

namespace complain {

// Everything that decides a due instant. It is what the store keeps beside the instant, so that a
// later config change never rewrites a deadline silently.
struct DeadlineRule {
    Duration duration;
    const Calendar* calendar = nullptr; // for working days, and for rolling a day deadline
    Zone zone = nullptr;                // where a day ends
    bool roll = false; // a day deadline that ends on a day off moves to the next working day
};

// The due instant of a clock started at `start`:
// - minutes/hours: start + duration, elapsed time;
// - days: the end (24:00 local) of the n-th day after the start day, rolled if asked;
// - working days: the end of the n-th working day after the start day (the start day not counted).
Instant compute_due(Instant start, const DeadlineRule& rule);

// The due instant after a pause from `paused` to `resumed`: elapsed deadlines move by the paused
// time; day deadlines by the days the pause covered (days between the two local dates); working-day
// deadlines by the working days the pause covered (working days in (paused day, resumed day]).
Instant extend_for_pause(Instant due, Instant paused, Instant resumed, const DeadlineRule& rule);

// When a deadline becomes "due soon". An elapsed warning counts back from the due instant; a day
// or working-day warning of n makes the last n (working) days of the deadline due soon.
Instant warning_start(Instant due, const Duration& warning, const DeadlineRule& rule);

// Time left before `due` in the deadline's own unit ("5h", "45m", "3 days", "2 working days",
// "today"), or time past it ("overdue 3h", "overdue 1 working day").
std::string time_left(Instant now, Instant due, const DeadlineRule& rule);

// The last local day that a due instant allows (a due at 24:00 belongs to the day before).
LocalDay last_day(Instant due, Zone zone);

} // namespace complain
