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

// The due instant after a pause from `paused` to `resumed`.
// - minutes/hours: the due moves by the paused time, to the second.
// - days and working days: a pause hands the channel back the (working) days it covered, which
//   are the (working) days in (pause day, resume day]: the days after the day of the pause up to
//   and including the day of the resume. It is the start-day rule again: what was left of the
//   deadline when it paused is counted afresh from the resume, and the day the clock resumes is
//   not counted, as the day a clock starts is not. So a pause and resume on the same day moves
//   nothing; Wednesday 15:00 to Monday 09:00 moves a 3d deadline by 5 days and a 7wd deadline
//   by 3 working days (Thursday, Friday, Monday); a pause over a holiday week moves a working-day
//   deadline only by the working days in it.
// - roll: the moved last day is rolled again if it is a day off. (The due passed in is already
//   rolled, so a pause that ends inside the days a roll added moves the due a little further than
//   counting from the unrolled day would.)
// A pause that starts after the due moves it all the same: an overdue complaint stays overdue by
// as much as before.
Instant extend_for_pause(Instant due, Instant paused, Instant resumed, const DeadlineRule& rule);

// When a deadline becomes "due soon". An elapsed warning counts back from the due instant; a day
// or working-day warning of n makes the last n (working) days of the deadline due soon.
Instant warning_start(Instant due, const Duration& warning, const DeadlineRule& rule);

// Time left before `due` in the deadline's own unit ("5h", "45m", "3 days", "2 working days",
// "today"), or time past it ("overdue 3h", "overdue 1 working day").
std::string time_left(Instant now, Instant due, const DeadlineRule& rule);
// The same, appended to `out`.
void append_time_left(std::string& out, Instant now, Instant due, const DeadlineRule& rule);

// The last local day that a due instant allows (a due at 24:00 belongs to the day before).
LocalDay last_day(Instant due, Zone zone);

} // namespace complain
