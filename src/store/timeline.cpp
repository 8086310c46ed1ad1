// A complaint's timeline and evidence list: events appended and read in order.
#include "complain/error.hpp"
#include "complain/store/store.hpp"
#include "rows.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace complain {

void Store::add_event(Event& e) try {
    SQLite::Statement q(*db_, "INSERT INTO event (complaint_id, at, recorded, kind, text, field, "
                              "old_value, new_value, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(e.complaint_id));
    q.bind(2, format_utc(e.at));
    q.bind(3, format_utc(e.recorded));
    q.bind(4, e.kind);
    q.bind(5, e.text);
    bind_text(q, 6, e.field);
    bind_text(q, 7, e.old_value);
    bind_text(q, 8, e.new_value);
    bind_instant(q, 9, e.due);
    q.exec();
    e.id = db_->getLastInsertRowid();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<Event> Store::events(std::int64_t complaint_id) try {
    SQLite::Statement q(*db_,
                        "SELECT id, complaint_id, at, recorded, kind, text, field, old_value, "
                        "new_value, due FROM event WHERE complaint_id = ? ORDER BY at, id");
    q.bind(1, static_cast<int64_t>(complaint_id));
    std::vector<Event> out;
    while (q.executeStep()) {
        Event e;
        e.id = q.getColumn(0).getInt64();
        e.complaint_id = q.getColumn(1).getInt64();
        try {
            e.at = required_instant(q.getColumn(2));
            e.recorded = required_instant(q.getColumn(3));
            e.due = instant(q.getColumn(9));
        } catch (const Error& bad) {
            damaged_.push_back(
                fmt::format("complaint {}, event {}: {}", e.complaint_id, e.id, bad.what()));
            continue;
        }
        e.kind = q.getColumn(4).getString();
        e.text = text(q.getColumn(5));
        e.field = text(q.getColumn(6));
        e.old_value = text(q.getColumn(7));
        e.new_value = text(q.getColumn(8));
        out.push_back(std::move(e));
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<Instant> Store::last_state_change(std::int64_t complaint_id) try {
    SQLite::Statement q(*db_,
                        "SELECT max(at) FROM event WHERE complaint_id = ? AND kind IN ('filed', "
                        "'state', 'answered', 'paused', 'resumed', 'escalated')");
    q.bind(1, static_cast<int64_t>(complaint_id));
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return parse_utc(q.getColumn(0).getString());
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

bool Store::has_event(std::int64_t complaint_id, std::string_view kind,
                      std::optional<Instant> due) try {
    SQLite::Statement q(*db_,
                        "SELECT 1 FROM event WHERE complaint_id = ? AND kind = ? AND due IS ?");
    q.bind(1, static_cast<int64_t>(complaint_id));
    q.bind(2, std::string(kind));
    bind_instant(q, 3, due);
    return q.executeStep();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<Evidence> Store::evidence(std::int64_t complaint_id) try {
    SQLite::Statement q(*db_, "SELECT e.id, e.complaint_id, e.sha256, b.size, b.type, e.name, "
                              "e.caption, e.added FROM evidence e JOIN blob b USING (sha256) "
                              "WHERE e.complaint_id = ? ORDER BY e.added, e.id");
    q.bind(1, static_cast<int64_t>(complaint_id));
    std::vector<Evidence> out;
    while (q.executeStep()) {
        Evidence e;
        e.id = q.getColumn(0).getInt64();
        e.complaint_id = q.getColumn(1).getInt64();
        e.sha256 = q.getColumn(2).getString();
        e.size = q.getColumn(3).getInt64();
        e.type = q.getColumn(4).getString();
        e.name = q.getColumn(5).getString();
        e.caption = q.getColumn(6).getString();
        try {
            e.added = required_instant(q.getColumn(7));
        } catch (const Error& bad) {
            damaged_.push_back(
                fmt::format("complaint {}, evidence {}: {}", e.complaint_id, e.name, bad.what()));
            continue;
        }
        out.push_back(std::move(e));
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

} // namespace complain
