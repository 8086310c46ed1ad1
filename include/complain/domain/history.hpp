// The timeline is the truth: a complaint's row is what replaying its events yields. Each event that
// changes the row carries the change (the row's fields it sets, as a JSON object); a `retracted`
// event names events it cancels, and replay skips those.
#pragma once

#include "complain/domain/complaint.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace complain {

// A new UUID (version 7: time-ordered, each greater than the last this process made), in
// lower-case hex with dashes.
std::string new_uuid();

// The fields of `after` that differ from `before`, as a JSON object in the field names of export
// (title, state, due, ...); empty when none differ. Without `before` (a filing), every field.
// `id`, `uuid` and `updated` are not fields of a change: the id is local, the uuid names the
// complaint, and `updated` is the time of the last event that counts.
std::string row_change(const Complaint* before, const Complaint& after);
// Sets the fields a change names. Throws Error(integrity) for a change that does not parse or names
// a field or value complain does not know.
void apply_change(Complaint& c, std::string_view change);

// Whether an event of this kind makes the complaint `updated` (flags, retractions and redactions
// do not).
bool counts_as_update(std::string_view kind);

// The order of replay: `at`, then recorded, then UUID.
bool replay_before(const Event& a, const Event& b);

struct Replayed {
    Complaint row;      // id and uuid are left to the caller; row.undone: the filing was cancelled
    bool filed = false; // a `filed` event was met, cancelled or not
    std::vector<Event> events; // in replay order, each with `cancelled` set
};
// Replays a complaint's events (in any order): retractions resolved from the last back (a
// retraction that a later one cancels cancels nothing), then the changes of the events that stand
// applied in order. A cancelled filing still gives the row its facts, and marks it undone.
Replayed replay(std::vector<Event> events);

} // namespace complain
