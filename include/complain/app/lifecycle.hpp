// What the lifecycle commands mean: filing, state changes, escalation, notes. Each writes into the
// command's one transaction and leaves the commit to the command (Session::commit), so that a
// command may change several complaints all or nothing.
#pragma once

#include "complain/app/session.hpp"
#include "complain/domain/complaint.hpp"

#include <optional>
#include <string>
#include <vector>

namespace complain {

struct Filing {
    std::string title;
    std::string body;
    std::string channel; // empty: the config's default channel
    std::string against;
    std::string credit_code; // 统一社会信用代码; checked, upper case
    std::string order;
    std::string product;
    std::string category;
    std::string want;
    std::string amount; // as typed: "199.00", "199.00CNY"
    std::vector<std::string> tags;
    std::string ref;
    std::optional<std::string> at;
};

// Files a new complaint and its "filed" event; the channel's clock starts at --at or now.
Complaint file_complaint(Session& s, const Filing& f);

struct StateChange {
    std::int64_t id = 0;
    std::string word; // "answer", "resolved", "open", ...
    std::string text;
    std::optional<std::string> at;
    std::string recovered; // resolve: the amount recovered
    std::string follow_up; // answer: the promise's deadline ("3d", "48h", "2wd"); empty: none
};
struct StateChanged {
    Complaint complaint;
    Event event;
    State from;
};
StateChanged change_state(Session& s, const StateChange& change);

struct EscalationRequest {
    std::int64_t id = 0;
    std::string to; // empty: the next rung of the channel's ladder
    std::string text;
    std::optional<std::string> at;
    bool dry_run = false;
};
struct Escalation {
    Complaint complaint; // as it is (or would be) after escalating
    std::string from;
    Event event;
    bool written = false;
};
Escalation escalate(Session& s, const EscalationRequest& r);

struct NoteRequest {
    std::int64_t id = 0;
    std::string text;
    std::string kind = "note"; // note, contact, answer
    std::optional<std::string> at;
    std::string follow_up; // answer: the promise's deadline, as with StateChange
};
// A timeline entry. Kind `answer` is the channel's answer: it is change_state's `answer`, an
// `answered` event that stops the clock, refused (with the allowed moves) where the state does
// not allow it.
Event add_note(Session& s, const NoteRequest& r);

// Corrections to a complaint's facts; each changed field is one "edited" event (old -> new).
struct Edit {
    std::int64_t id = 0;
    std::optional<std::string> title, body, against, credit_code, order, product, category, want,
        amount, ref;
    std::vector<std::string> add_tags, remove_tags;
    std::optional<std::string> at;
};
// Returns the complaint as edited and the events written (none when nothing changed).
std::pair<Complaint, std::vector<Event>> edit_complaint(Session& s, const Edit& edit);

// Starts the clock of `channel` on the complaint at `start` (filing, escalation, reopening).
void start_clock(Complaint& c, const Channel& channel, const Config& config, Instant start);
// The rule a complaint's stored deadline was computed with.
DeadlineRule stored_rule(const Complaint& c, const Config& config);
// Starts the clock of a follow-up: the channel answered with a promise to keep within `promised`
// from `start` (its calendar counts working days; the promise is not rolled).
void start_follow_up(Complaint& c, const Duration& promised, const Config& config, Instant start);

// Checks text a user typed: valid UTF-8, not empty when required, at most `limit` bytes.
void check_text(std::string_view what, std::string_view text, size_t limit, bool required);
// A tag: short, without spaces or commas.
void check_tag(const std::string& tag);
// Refuses control characters (newlines and tabs included): titles, against, tags and refs are
// shown in one-line lists and must read the same everywhere.
void check_one_line(std::string_view what, std::string_view text);

} // namespace complain
