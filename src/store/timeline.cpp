// A complaint's timeline and evidence list: events appended and read in order.
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/store/store.hpp"
#include "rows.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace complain {

void Store::add_event(Event& e) {
    if (e.uuid.empty()) e.uuid = new_uuid();
    if (e.command.empty()) {
        if (command_.empty()) command_ = new_uuid();
        e.command = command_;
    }
    insert_event(e);
}

namespace {

// Events of one complaint, in replay order, with whether a standing retraction cancels each.
// Events that cannot be read are named in `damaged` and left out.
// The statement read_events runs (Store::cached keeps it prepared).
const std::string timeline_sql =
    fmt::format("SELECT {}, x.event_id IS NOT NULL FROM event e LEFT JOIN cancelled x ON "
                "x.event_id = e.id WHERE e.complaint_id = ? ORDER BY e.at, e.recorded, e.uuid",
                event_columns);

std::vector<Event> read_events(SQLite::Statement& q, std::int64_t complaint_id,
                               std::vector<std::string>& damaged) {
    q.bind(1, static_cast<int64_t>(complaint_id));
    std::vector<Event> out;
    while (q.executeStep()) {
        Event e;
        try {
            e = read_event(q);
        } catch (const Error& bad) {
            damaged.push_back(bad.what());
            continue;
        }
        e.cancelled = q.getColumn(14).getInt() != 0;
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

std::vector<Event> Store::events(std::int64_t complaint_id) try {
    return read_events(cached(timeline_sql.c_str()), complaint_id, damaged_);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::each_history(const ComplaintFilter& filter,
                         const std::function<void(Complaint&, std::vector<Event>&)>& each) try {
    // Two cursors walked side by side, both in complaint order: the complaints the filter selects
    // by id, and every event by the timeline index (complaint, at; SQLite sorts only the events
    // of one complaint that share an instant). One query for all the timelines instead of one
    // per complaint, and one complaint's events held at a time.
    std::optional<SQLite::Statement> events;
    bool more = false; // whether `events` stands on an event not yet taken
    std::vector<Event> timeline;
    each_complaint(filter, [&](Complaint& c) {
        if (!events) {
            events.emplace(db(), fmt::format("SELECT {}, x.event_id IS NOT NULL FROM event e "
                                             "LEFT JOIN cancelled x ON x.event_id = e.id WHERE "
                                             "e.complaint_id >= ? ORDER BY e.complaint_id, e.at, "
                                             "e.recorded, e.uuid",
                                             event_columns));
            events->bind(1, static_cast<int64_t>(c.id));
            more = events->executeStep();
        }
        timeline.clear();
        for (; more; more = events->executeStep()) {
            std::int64_t owner = events->getColumn(1).getInt64();
            if (owner > c.id) break;
            if (owner < c.id) continue; // a complaint the filter leaves out
            Event e;
            try {
                e = read_event(*events);
            } catch (const Error& bad) {
                damaged_.push_back(bad.what());
                continue;
            }
            e.cancelled = events->getColumn(14).getInt() != 0;
            timeline.push_back(std::move(e));
        }
        each(c, timeline);
    });
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

const std::string& timeline_query() {
    return timeline_sql;
}

Replayed Store::replayed(std::int64_t id) try {
    Complaint stored = find_complaint(id).value_or(Complaint{});
    std::vector<std::string> unreadable;
    std::vector<Event> events = read_events(cached(timeline_sql.c_str()), id, unreadable);
    if (!unreadable.empty()) throw Error(Exit::integrity, unreadable.front());
    Replayed r = replay_of(id, std::move(events));
    r.row.uuid = stored.uuid;
    return r;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

Replayed Store::replay_of(std::int64_t id, std::vector<Event> events) {
    Replayed r;
    try {
        r = replay(std::move(events));
    } catch (const Error& e) {
        throw Error(Exit::integrity, trf("complaint {}: {}", id, e.what()));
    }
    r.row.id = id;
    return r;
}

void Store::require_filing(const Replayed& r) {
    if (!r.filed)
        throw Error(Exit::integrity, trf("complaint {} has no `filed` event: its row "
                                         "cannot be replayed",
                                         r.row.id));
}

void Store::add_cancelled(const Replayed& r) {
    SQLite::Statement& add = cached("INSERT INTO cancelled (event_id, complaint_id) VALUES (?, ?)");
    for (const Event& e : r.events) {
        if (!e.cancelled) continue;
        add.reset();
        add.bind(1, static_cast<int64_t>(e.id));
        add.bind(2, static_cast<int64_t>(r.row.id));
        add.exec();
    }
}

std::vector<std::int64_t> Store::cancelled_ids(std::int64_t complaint_id) {
    SQLite::Statement& q =
        cached("SELECT event_id FROM cancelled WHERE complaint_id = ? ORDER BY event_id");
    q.bind(1, static_cast<int64_t>(complaint_id));
    std::vector<std::int64_t> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getInt64());
    q.reset();
    return out;
}

Complaint Store::rebuild(std::int64_t id) try {
    Replayed r = replayed(id);
    require_filing(r);
    // What the command did not change is not written again: a note leaves the complaint's texts,
    // tags and cancelled events as they were, and writing its texts again made the search index
    // delete and insert them (its trigger fires on any UPDATE that names them), a dozen pages.
    std::optional<Complaint> stored;
    try {
        stored = find_complaint(id);
    } catch (const Error&) { // a row that cannot be read is written whole
    }
    const Complaint& c = r.row;
    bool same_texts = stored && stored->title == c.title && stored->body == c.body &&
                      stored->against == c.against && stored->product == c.product &&
                      stored->order == c.order && stored->ref == c.ref;
    save_complaint(c, !same_texts);
    std::vector<std::string> tags = c.tags;
    std::sort(tags.begin(), tags.end());
    if (!stored || stored->tags != tags) set_tags(id, c.tags);
    std::vector<std::int64_t> cancelled;
    for (const Event& e : r.events)
        if (e.cancelled) cancelled.push_back(e.id);
    std::sort(cancelled.begin(), cancelled.end());
    if (cancelled_ids(id) != cancelled) {
        SQLite::Statement& clear = cached("DELETE FROM cancelled WHERE complaint_id = ?");
        clear.bind(1, static_cast<int64_t>(id));
        clear.exec();
        add_cancelled(r);
    }
    return r.row;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<Store::TextMatch> Store::text_matches(std::int64_t complaint_id,
                                                  std::string_view search) try {
    // The complaint's own lines (a dozen or so, through event_timeline and evidence_by_complaint)
    // compared with the words: what the index found for the complaint, line by line. lower() and
    // the word's folding are ASCII only, as LIKE's; the kinds are those the index holds. What
    // evidence proves (schema 6) is the purpose as attach gave it, a line of the attach; and
    // each purpose said anew, compared as said and shown as the edit's line of the timeline.
    static const std::string sql = fmt::format(
        "SELECT kind, field, at, text FROM ("
        "SELECT e.kind, '' AS field, e.at, e.recorded, e.uuid AS seq, e.text FROM event e "
        "WHERE e.complaint_id = ?1 AND e.text <> '' AND {} AND "
        "NOT EXISTS (SELECT 1 FROM cancelled x WHERE x.event_id = e.id) AND "
        "instr(lower(e.text), ?2) > 0 "
        "UNION ALL SELECT 'evidence', 'name', v.added, v.added, v.id, v.name FROM evidence v "
        "WHERE v.complaint_id = ?1 AND instr(lower(v.name), ?2) > 0 AND (v.event_id IS NULL OR "
        "NOT EXISTS (SELECT 1 FROM cancelled x WHERE x.event_id = v.event_id)) "
        "UNION ALL SELECT 'evidence', 'caption', v.added, v.added, v.id, v.caption FROM "
        "evidence v WHERE v.complaint_id = ?1 AND instr(lower(v.caption), ?2) > 0 AND "
        "(v.event_id IS NULL OR NOT EXISTS (SELECT 1 FROM cancelled x WHERE "
        "x.event_id = v.event_id)) "
        "UNION ALL SELECT 'attached', 'purpose', v.added, v.added, v.id, v.purpose FROM "
        "evidence v WHERE v.complaint_id = ?1 AND v.event_id IS NOT NULL AND "
        "instr(lower(v.purpose), ?2) > 0 AND NOT EXISTS (SELECT 1 FROM cancelled x WHERE "
        "x.event_id = v.event_id) "
        "UNION ALL SELECT e.kind, '', e.at, e.recorded, e.uuid, e.text FROM event e "
        "WHERE e.complaint_id = ?1 AND {} AND instr(lower(e.new_value), ?2) > 0 AND NOT EXISTS "
        "(SELECT 1 FROM cancelled x WHERE x.event_id = e.id)) "
        "ORDER BY at, recorded, seq, CASE field WHEN 'name' THEN 0 WHEN 'caption' THEN 1 ELSE 2 "
        "END",
        indexed_event_kinds("e"), purpose_edit_terms("e"));
    SQLite::Statement& q = cached(sql.c_str());
    std::string word(search);
    for (char& ch : word)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    q.bind(1, static_cast<int64_t>(complaint_id));
    q.bind(2, word);
    std::vector<TextMatch> out;
    while (q.executeStep()) {
        TextMatch m{.kind = text(q.getColumn(0)), .field = text(q.getColumn(1))};
        try {
            m.at = required_instant(q.getColumn(2));
        } catch (const Error& bad) {
            damaged_.push_back(fmt::format("complaint {}: {}", complaint_id, bad.what()));
            continue;
        }
        m.text = text(q.getColumn(3));
        out.push_back(std::move(m));
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<std::string> Store::unreplayable_rows() try {
    std::vector<std::string> out;
    SQLite::Statement ids(*db_, "SELECT id FROM complaint ORDER BY id");
    SQLite::Statement cancelled(*db_, "SELECT event_id FROM cancelled WHERE complaint_id = ? "
                                      "ORDER BY event_id");
    while (ids.executeStep()) {
        std::int64_t id = ids.getColumn(0).getInt64();
        std::optional<Complaint> stored;
        Replayed r;
        try {
            stored = find_complaint(id);
            r = replayed(id);
        } catch (const Error& e) {
            if (e.code() != Exit::integrity) throw;
            if (stored) out.push_back(e.what()); // an unreadable row is named by unreadable_rows
            continue;
        }
        if (!r.filed) {
            out.push_back(fmt::format("complaint {} has no `filed` event", id));
            continue;
        }
        std::vector<std::string> differ;
        if (std::string change = row_change(&*stored, r.row); !change.empty()) {
            auto fields = nlohmann::json::parse(change);
            for (auto it = fields.begin(); it != fields.end(); ++it)
                differ.push_back(fmt::format("{} {}", it.key(), it.value().dump()));
        }
        if (stored->updated != r.row.updated)
            differ.push_back(fmt::format("updated \"{}\"", format_utc(r.row.updated)));
        if (stored->undone != r.row.undone)
            differ.push_back(fmt::format("undone {}", r.row.undone));
        if (stored->flagged != r.row.flagged)
            differ.push_back(fmt::format("flagged {}", r.row.flagged));
        std::vector<std::int64_t> want, have;
        for (const Event& e : r.events)
            if (e.cancelled) want.push_back(e.id);
        std::sort(want.begin(), want.end());
        cancelled.bind(1, static_cast<int64_t>(id));
        while (cancelled.executeStep())
            have.push_back(cancelled.getColumn(0).getInt64());
        cancelled.reset();
        if (want != have) differ.push_back("which events are cancelled");
        if (!differ.empty())
            out.push_back(fmt::format("complaint {}: its row does not match its timeline, "
                                      "whose replay gives {}",
                                      id, fmt::join(differ, ", ")));
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<Instant> Store::last_state_change(std::int64_t complaint_id) try {
    SQLite::Statement q(*db_,
                        "SELECT max(at) FROM event WHERE complaint_id = ? AND kind IN ('filed', "
                        "'state', 'answered', 'paused', 'resumed', 'escalated') "
                        "AND id NOT IN (SELECT event_id FROM cancelled)");
    q.bind(1, static_cast<int64_t>(complaint_id));
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return parse_utc(q.getColumn(0).getString());
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::add_flag(Event& e) try {
    add_event(e);
    SQLite::Statement& q = cached("UPDATE complaint SET flagged = 1 WHERE id = ? AND due = ?");
    q.bind(1, static_cast<int64_t>(e.complaint_id));
    bind_instant(q, 2, e.due);
    q.exec();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

namespace {

// What a piece of evidence `e` proves: the last `edited` event naming it that stands, in the order
// of replay, else what attach recorded.
constexpr std::string_view evidence_purpose =
    "coalesce((SELECT v.new_value FROM event v WHERE v.complaint_id = e.complaint_id "
    "AND v.kind = 'edited' AND v.field = 'purpose:' || e.sha256 "
    "AND v.id NOT IN (SELECT event_id FROM cancelled) "
    "ORDER BY v.at DESC, v.recorded DESC, v.uuid DESC LIMIT 1), e.purpose)";

} // namespace

std::vector<Evidence> Store::evidence(std::int64_t complaint_id) try {
    SQLite::Statement q(*db_,
                        "SELECT e.id, e.complaint_id, e.sha256, b.size, b.type, e.name, "
                        "e.caption, e.added, e.event_id, b.content, " +
                            std::string(evidence_purpose) +
                            " FROM evidence e JOIN blob b USING (sha256) "
                            "WHERE e.complaint_id = ? AND (e.event_id IS NULL OR e.event_id NOT "
                            "IN (SELECT event_id FROM cancelled)) ORDER BY e.added, e.id");
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
        e.event_id = integer(q.getColumn(8)).value_or(0);
        e.content = q.getColumn(9).getString();
        e.purpose = q.getColumn(10).getString();
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
