// Reports: the overdue and due-soon lists that cron runs, summaries per channel, state and
// category, and the iCalendar export of due instants.
#pragma once

#include "complain/app/session.hpp"
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
    std::vector<Complaint> complaints;
    std::vector<Event> to_flag; // with `flag`: the flagged-overdue events that record_flags writes
};
// With `flag`, the store is opened for writing before anything is read and stays so, holding the
// lock until record_flags commits: two cron runs never flag (and mail) one complaint twice.
// Nothing is written here.
ListResult report_list(Session& s, const ListRequest& r);
// Writes the flags of `list` in the transaction report_list opened, and commits; returns how many.
// Call it only once the list was written and flushed to its reader: a notice that did not go out
// is not flagged, so the next run sends it again.
int record_flags(Session& s, const ListResult& list);

struct ChannelSummary {
    std::string key;
    std::string name;
    Unit unit = Unit::hours; // of the channel's deadline: the median is counted in it
    int filed = 0;           // stints at the channel: filed, escalated to, or reopened there
    int open = 0;            // complaints now at the channel in state open
    int answered = 0;        // stints in which the channel answered
    int in_time = 0;         // ... at or before the due in force
    int decided = 0;         // stints met or missed: the denominator of the percentage
    int overdue = 0;         // complaints now at the channel and overdue
    std::optional<double> median_to_answer; // in `unit`, over answered stints
    std::optional<double> in_time_percent() const;
};
struct CategorySummary {
    std::string category; // empty: no category
    int complaints = 0, open = 0, resolved = 0, dropped = 0;
};
struct AmountSummary {
    std::string currency;
    std::int64_t claimed = 0;    // every complaint's amount in dispute
    std::int64_t in_dispute = 0; // ... of those not resolved or dropped
    std::int64_t recovered = 0;
};
struct Summary {
    std::optional<Instant> since, until;
    Instant now{};
    int complaints = 0;
    std::vector<ChannelSummary> channels; // in the config's order, channels with stints only
    std::vector<std::pair<State, int>> states;
    std::vector<CategorySummary> categories;
    std::vector<AmountSummary> amounts;
};
struct ComplaintHistory {
    Complaint complaint;
    std::vector<Event> events;
};
Summary summarize(const std::vector<ComplaintHistory>& list, const Config& config, Instant now);
// Reads the complaints the filter selects, with their timelines, and summarizes them.
Summary summarize(Session& s, const ComplaintFilter& filter);

// "30h", "2.5wd", "90m", "3d"; "" when nothing was answered.
std::string median_text(const ChannelSummary& c);
// "67%"; "—" when nothing was decided.
std::string percent_text(const ChannelSummary& c);

nlohmann::ordered_json summary_json(const Summary& s, Zone zone);
// Tidy CSV: one row per number (section, key, measure, value).
Table summary_csv_table(const Summary& s);
// Sections under headings, tables cut to `width` columns (0: no limit); `color` paints them.
std::string summary_text(const Summary& s, Zone zone, bool color, int width = 0);
std::string summary_markdown(const Summary& s, Zone zone);
// A bar per channel of the share answered in time, labels padded by display width (CJK).
std::string in_time_chart(const Summary& s, bool color, int label_width = 24, int bar_width = 20);

// RFC 5545: one VEVENT per complaint that is open and has a due. The event is the half hour
// before the due (so a deadline at 24:00 sits on its last day), UID stable per complaint and due,
// and a VALARM at the complaint's warning instant.
std::string ics_calendar(const std::vector<Complaint>& list, const Config& config, Instant now);
// Folds a content line at 75 octets (never inside a UTF-8 sequence) with CRLF and a space.
std::string ics_fold(std::string_view line);
// Escapes TEXT: backslash, semicolon, comma and newlines.
std::string ics_text(std::string_view text);

} // namespace complain
