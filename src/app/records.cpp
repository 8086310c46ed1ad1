// The reading commands: complaints, their timelines and evidence, and the store's verification.
// A reader's transaction ends with its Store; only verify commits, as it always has.
#include "complain/app/records.hpp"

namespace complain {

Record load_record(Session& s, std::int64_t id) {
    Store& store = s.store(Store::Access::read);
    Record r{.complaint = store.complaint(id), .events = {}, .evidence = {}};
    r.events = store.events(id);
    r.evidence = store.evidence(id);
    return r;
}

std::vector<Complaint> list_complaints(Session& s, const ComplaintFilter& filter) {
    Store& store = s.store(Store::Access::read);
    auto list = store.complaints(filter);
    return list;
}

std::vector<Store::IdCandidate> id_candidates(Session& s, std::string_view prefix, int limit) {
    return s.store(Store::Access::read).id_candidates(prefix, limit);
}

std::vector<std::string> tag_names(Session& s, std::string_view prefix, int limit) {
    return s.store(Store::Access::read).tag_names(prefix, limit);
}

std::optional<Complaint> find_complaint(Session& s, std::int64_t id) {
    Store& store = s.store(Store::Access::read);
    auto c = store.find_complaint(id);
    return c;
}

std::vector<Evidence> list_evidence(Session& s, std::int64_t id) {
    Store& store = s.store(Store::Access::read);
    store.complaint(id);
    auto evidence = store.evidence(id);
    return evidence;
}

Verification verify_store(Session& s) {
    Store& store = s.store(Store::Access::read);
    Verification v = store.verify();
    store.commit();
    return v;
}

} // namespace complain
