// What undo means: take back the last command that changed a complaint by appending a `retracted`
// event that names its events; replay then skips them. Undo of an undo redoes.
#pragma once

#include "complain/app/session.hpp"
#include "complain/domain/complaint.hpp"

#include <optional>
#include <string>
#include <vector>

namespace complain {

struct UndoRequest {
    std::optional<std::int64_t> id; // that complaint's last change; none: the last command
    bool dry_run = false;           // say what would be taken back, write nothing
};

// What undo takes back on one complaint.
struct TakenBack {
    std::int64_t id = 0;
    std::string what;             // "answered (open -> answered)", "edited title, against"
    Event retraction;             // the `retracted` event (written unless a dry run)
    Complaint before;             // the row before the undo
    Complaint after;              // the row it gives (after.undone: the filing is taken back)
    std::vector<Event> cancelled; // the events it takes back
};
struct Undone {
    std::string command; // UUID of the command taken back
    Instant recorded{};  // when that command was recorded
    bool redo = false;   // the command taken back was itself an undo
    bool written = false;
    std::vector<TakenBack> complaints;
};
// Throws Error(not_found) when there is nothing to undo, Error(usage) when the last change was
// recorded before complain could undo (schema 2).
Undone undo(Session& s, const UndoRequest& r);

// A recent command, for `undo --list`.
struct RecentChange {
    std::string command; // empty: recorded before schema 2, cannot be undone
    Instant recorded{};
    std::vector<std::int64_t> complaints;
    std::vector<std::string> kinds; // of its events, each once, in order of first appearance
    std::string what;               // what it did, as undo would name it
    std::string standing;           // "stands", "undone", "partly undone"
};
std::vector<RecentChange> recent_changes(Session& s, std::optional<std::int64_t> id, int limit);

// What a set of events of one command did, in a few words ("answered (open -> answered)"); for
// `retracted` events, "redo: ..." or "undo: ..." of what they took back.
std::string describe_events(const std::vector<Event>& events);

} // namespace complain
