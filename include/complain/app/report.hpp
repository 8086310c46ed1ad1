// Reports: the stints of a complaint at its channels and the overdue and due-soon lists that cron
// runs; with them, summaries (summary.hpp) and the iCalendar export (ics.hpp).
#pragma once

#include "complain/app/ics.hpp"
#include "complain/app/session.hpp"
#include "complain/app/summary.hpp"
#include "complain/config/config.hpp"
#include "complain/domain/complaint.hpp"
#include "complain/output/output.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace complain {

// One period of a complaint at one channel under one clock. A stint starts when a clock starts
// fresh (filing, escalation, reopening) and ends when the next one starts or the complaint is
// dropped.
struct Stint {
    enum class Outcome {
        met,         // the channel answered at or before the due in force
        missed,      // it answered late, or the due passed without an answer
        pending,     // the clock is still running (or paused) before the due
        no_deadline, // the channel has no clock
        left_early,  // escalated or dropped before the due, with no answer
    };
    std::string channel;
    int level = 1;
    Instant start{};
    std::optional<Instant> end;      // the next stint's start, or when it was dropped
    std::optional<Instant> due;      // the due in force at the answer, else the last one
    std::optional<Instant> answered; // the channel's first answer in this stint
    Outcome outcome = Outcome::pending;
};
std::string_view to_string(Stint::Outcome o);

// The stints of a complaint, from its timeline in order. "The channel answered" is the first of:
// an `answered` state change, an `answer` note (a reply recorded as text), or resolving the
// complaint. The due in force is the one the last clock event before the answer set (filing,
// escalation, reopening, resuming after a pause); the current stint uses the complaint's own due.
std::vector<Stint> stints(const Complaint& c, const std::vector<Event>& events, Instant now);
// Whether `e` flagged a follow-up, a promise not kept, rather than the channel's own deadline.
bool flags_follow_up(const Event& e);
// The channel a flag names (its key, as flagged); empty for text not written by a flag.
std::string_view flagged_channel(const Event& e);
// Whether `e` is a move that set the due it carries: a filing, an escalation, an answer, a
// resumption or a change of state; not a note, which carries the due in force.
bool sets_due(const Event& e);

// The lists cron runs: `report --overdue --due-soon --flag --new`. Neither --overdue nor
// --due-soon: every complaint the filter selects (the ICS export of open work).
struct ListRequest {
    bool overdue = false;
    bool due_soon = false;
    bool flag = false;     // record one flagged-overdue event per complaint and due
    bool only_new = false; // leave out those already flagged for their current due
    ComplaintFilter filter;
};
struct ListResult {
    size_t listed = 0;          // complaints printed
    std::vector<Event> to_flag; // with `flag`: the flagged-overdue events that record_flags writes
};
// Prints the list in `format` (print_listed: as it is read, memory bounded; ics too). With `flag`,
// the store is opened for writing before anything is read and stays so, holding the lock until
// record_flags commits: two cron runs never flag (and mail) one complaint twice. Nothing is
// written here.
ListResult report_list(Session& s, const ListRequest& r, Format format);
// Writes the flags of `list` in the transaction report_list opened, and commits; returns how many.
// Call it only once the list was written and flushed to its reader: a notice that did not go out
// is not flagged, so the next run sends it again.
int record_flags(Session& s, const ListResult& list);

} // namespace complain
