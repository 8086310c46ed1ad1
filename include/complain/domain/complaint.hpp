// The records complain keeps: a complaint, the events of its timeline, and its evidence.
#pragma once

#include "complain/domain/state.hpp"
#include "complain/domain/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace complain {

// The deadline a complaint is under, with the rule that produced it (see DeadlineRule).
struct Clock {
    std::string deadline; // "7wd"; empty: the channel has no deadline
    std::string calendar; // calendar name the rule used
    std::string zone;     // IANA zone the rule used
    bool roll = false;
    std::string warning; // "2wd"
    std::optional<Instant> started;
    std::optional<Instant> due;
    std::optional<Instant> warn_at;
    std::optional<Instant> paused_at;
};

struct Complaint {
    std::int64_t id = 0;
    std::string uuid;
    std::string title;
    std::string body;
    std::string against;
    std::string credit_code; // 统一社会信用代码 (unified social credit code) of whom it is against
    std::string order;
    std::string product;
    std::string category;
    std::string want;
    std::optional<std::int64_t> amount; // minor units
    std::optional<std::int64_t> recovered;
    std::string currency;
    std::vector<std::string> tags;
    std::string ref;
    State state = State::open;
    std::string channel;
    int level = 1;
    Instant created{};
    Instant updated{};
    Clock clock;
    bool undone = false;  // its filing was taken back by undo: listed nowhere, kept in the store
    bool flagged = false; // its deadline in force (clock.due) was flagged overdue, by cron or not
    // Answered with a promise to keep ("refund within 3 days"): the clock is the promise's, and
    // it runs until the next change of state.
    bool follow_up = false;

    // Whether its clock runs: open, or answered with a follow-up.
    bool running() const { return state == State::open || (state == State::answered && follow_up); }
    bool overdue(Instant now) const { return running() && clock.due && now >= *clock.due; }
    bool due_soon(Instant now) const {
        return running() && clock.warn_at && now >= *clock.warn_at && !overdue(now);
    }
};

// Kinds of timeline entries. The store refuses any other.
namespace event_kind {
inline constexpr std::string_view filed = "filed";
inline constexpr std::string_view note = "note";
inline constexpr std::string_view contact = "contact";
inline constexpr std::string_view answer = "answer"; // a reply from the channel, recorded as text
inline constexpr std::string_view state = "state";
inline constexpr std::string_view answered = "answered";
inline constexpr std::string_view paused = "paused";
inline constexpr std::string_view resumed = "resumed";
inline constexpr std::string_view escalated = "escalated";
inline constexpr std::string_view attached = "attached";
inline constexpr std::string_view edited = "edited";
inline constexpr std::string_view flagged_overdue = "flagged-overdue";
inline constexpr std::string_view retracted = "retracted"; // undo: cancels the events it names
inline constexpr std::string_view redacted = "redacted";   // evidence content removed, hash kept
inline constexpr std::string_view letter = "letter";       // a letter drafted: template and SHA-256
} // namespace event_kind

struct Event {
    std::int64_t id = 0;
    std::string uuid;    // the event's identity in every store; set by the store when empty
    std::string command; // UUID of the command that wrote it (undo takes back a command)
    std::int64_t complaint_id = 0;
    Instant at{};       // when it happened (may be back-dated with --at)
    Instant recorded{}; // when it was written down
    std::string kind;
    std::string text;
    std::string field;     // edited: the field; state/escalated: "state" / "channel"
    std::string old_value; // previous state or channel
    std::string new_value;
    std::optional<Instant> due; // the deadline in force after the event
    std::string change;         // the row's fields it sets, a JSON object (domain/history.hpp)
    std::vector<std::string> retracts; // retracted: the UUIDs of the events it cancels
    bool cancelled = false;            // a retraction that stands names it: replay skips it
};

struct Evidence {
    std::int64_t id = 0;
    std::int64_t complaint_id = 0;
    std::string sha256;
    std::int64_t size = 0;
    std::string type; // media type
    std::string name; // original file name
    std::string caption;
    std::string
        purpose; // 证明目的: what it proves; the last `edited` event naming it, else attach's
    Instant added{};
    std::int64_t event_id = 0;    // the `attached` event that linked it (0: none recorded)
    std::string content = "kept"; // kept; redacted (removed for good); absent (not imported)
};

} // namespace complain
