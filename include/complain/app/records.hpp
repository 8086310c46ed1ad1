// What the reading commands mean: a complaint with its timeline and evidence, lists of
// complaints, and the store's verification. Each is one command's whole transaction.
#pragma once

#include "complain/app/session.hpp"
#include "complain/domain/complaint.hpp"
#include "complain/store/evidence.hpp"

#include <optional>
#include <vector>

namespace complain {

// One complaint as `status ID` shows it.
struct Record {
    Complaint complaint;
    std::vector<Event> events;      // the timeline, in order
    std::vector<Evidence> evidence; // in the order it was added
};
// Error(not_found) when there is no such complaint.
Record load_record(Session& s, std::int64_t id);

// The complaints the filter keeps, soonest due first, those without a deadline last.
std::vector<Complaint> list_complaints(Session& s, const ComplaintFilter& filter);
// What completion offers for an id or a tag typed so far (Store::id_candidates, tag_names).
std::vector<Store::IdCandidate> id_candidates(Session& s, std::string_view prefix, int limit);
std::vector<std::string> tag_names(Session& s, std::string_view prefix, int limit);
// The complaint, or none when there is no such complaint.
std::optional<Complaint> find_complaint(Session& s, std::int64_t id);
// A complaint's evidence; Error(not_found) when there is no such complaint.
std::vector<Evidence> list_evidence(Session& s, std::int64_t id);

// `complain verify`: SQLite's integrity check, every row read back, every blob re-hashed.
Verification verify_store(Session& s);

} // namespace complain
