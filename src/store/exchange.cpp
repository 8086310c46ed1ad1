// Export and import: the store read in export order with SQL cursors, and the records an import
// brings written as they came (their UUIDs and commands kept).
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/store/store.hpp"
#include "rows.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace complain {
namespace {

constexpr int import_cache_kib = 32 << 10; // within the 64 MiB an import of 100k complaints may use

// "complaint_id IN (1, 2, 3)" for the ids named (integers only: nothing typed reaches the SQL),
// or "1" for every complaint.
std::string id_clause(const std::vector<std::int64_t>& ids, std::string_view column) {
    if (ids.empty()) return "1";
    std::string out = fmt::format("{} IN (", column);
    for (size_t i = 0; i < ids.size(); ++i)
        out += fmt::format("{}{}", i == 0 ? "" : ", ", ids[i]);
    return out + ")";
}

} // namespace

SQLite::Statement& Store::cached(const char* sql, bool clear) {
    auto& q = statements_[sql];
    if (!q) q = std::make_shared<SQLite::Statement>(*db_, sql);
    q->reset();
    if (clear) q->clearBindings();
    return *q;
}

void Store::each_exported_blob(const Selection& selection,
                               const std::function<void(const Evidence& blob)>& f) try {
    // Only evidence of the complaints the export holds: with --since, those with recent events.
    std::string where = id_clause(selection.ids, "e.complaint_id");
    if (selection.since)
        where += " AND e.added >= ?1 AND EXISTS (SELECT 1 FROM event v WHERE v.complaint_id = "
                 "e.complaint_id AND v.recorded >= ?1)";
    SQLite::Statement q(*db_, fmt::format("SELECT b.sha256, b.size, b.type, b.content FROM blob b "
                                          "WHERE b.sha256 IN (SELECT e.sha256 FROM evidence e "
                                          "WHERE {}) ORDER BY b.sha256",
                                          where));
    if (selection.since) q.bind(1, format_utc(*selection.since));
    while (q.executeStep()) {
        Evidence b;
        b.sha256 = q.getColumn(0).getString();
        b.size = q.getColumn(1).getInt64();
        b.type = q.getColumn(2).getString();
        b.content = q.getColumn(3).getString();
        f(b);
    }
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::each_exported_complaint(
    const Selection& selection,
    const std::function<void(std::int64_t id, const std::string& uuid)>& f) try {
    std::string where = id_clause(selection.ids, "c.id");
    if (selection.since)
        where += " AND EXISTS (SELECT 1 FROM event v WHERE v.complaint_id = c.id AND "
                 "v.recorded >= ?1)";
    SQLite::Statement q(*db_, fmt::format("SELECT c.id, c.uuid FROM complaint c WHERE {} "
                                          "ORDER BY c.created, c.uuid",
                                          where));
    if (selection.since) q.bind(1, format_utc(*selection.since));
    while (q.executeStep())
        f(q.getColumn(0).getInt64(), q.getColumn(1).getString());
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::each_exported_event(std::int64_t id, std::optional<Instant> since,
                                const std::function<void(const Event&)>& f) try {
    static const std::string all = fmt::format("SELECT {} FROM event e WHERE e.complaint_id = ? "
                                               "ORDER BY e.at, e.recorded, e.uuid",
                                               event_columns);
    static const std::string recent =
        fmt::format("SELECT {} FROM event e WHERE e.complaint_id = ? AND e.recorded >= ? "
                    "ORDER BY e.at, e.recorded, e.uuid",
                    event_columns);
    SQLite::Statement& q = cached(since ? recent.c_str() : all.c_str());
    q.bind(1, static_cast<int64_t>(id));
    if (since) q.bind(2, format_utc(*since));
    while (q.executeStep())
        f(read_event(q));
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::each_exported_evidence(
    std::int64_t id, std::optional<Instant> since,
    const std::function<void(const Evidence&, const std::string& event_uuid)>& f) try {
    static const char* const sql =
        "SELECT e.sha256, e.name, e.caption, e.added, v.uuid, e.purpose FROM evidence e "
        "LEFT JOIN event v ON v.id = e.event_id WHERE e.complaint_id = ?1 AND e.added >= ?2 "
        "ORDER BY e.added, e.sha256, e.name, e.caption, v.uuid";
    SQLite::Statement& q = cached(sql);
    q.bind(1, static_cast<int64_t>(id));
    q.bind(2, since ? format_utc(*since) : std::string());
    while (q.executeStep()) {
        Evidence e;
        e.complaint_id = id;
        e.sha256 = q.getColumn(0).getString();
        e.name = q.getColumn(1).getString();
        e.caption = q.getColumn(2).getString();
        e.purpose = q.getColumn(5).getString(); // as attached; later edits are events
        try {
            e.added = required_instant(q.getColumn(3));
        } catch (const Error& bad) {
            throw Error(Exit::integrity,
                        trf("complaint {}, evidence {}: {}", id, e.name, bad.what()));
        }
        f(e, text(q.getColumn(4)));
    }
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::begin_import() try {
    db_->exec(fmt::format("PRAGMA cache_size = -{}", import_cache_kib));
    // New complaints enter the text index by INSERT ... SELECT at the end (finish_import, in steps
    // of ids): FTS5 indexes rows inserted one by one through the trigger ten times slower (3.7 s
    // against 0.4 s for 100k titles). The trigger is back before the commit, and a failed import
    // rolls both back.
    text_trigger_ = db_->execAndGet("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                                    "name = 'complaint_text_insert'")
                        .getString();
    import_first_id_ = next_complaint_id();
    db_->exec("DROP TRIGGER complaint_text_insert");
    // The same for the timeline's text, whose events are ten times as many: INSERT ... SELECT of
    // the new events at the end (bench/README.md, Search).
    timeline_trigger_ = db_->execAndGet("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                        "AND name = 'timeline_text_event'")
                            .getString();
    import_first_event_ = db_->execAndGet("SELECT coalesce(max(id), 0) + 1 FROM event").getInt64();
    db_->exec("DROP TRIGGER timeline_text_event");
    // Evidence too: each row is a statement of its own, and FTS5 writes its pending terms out at
    // every statement's savepoint (60k rows: 1.5 s by the trigger, 0.2 s in one go). Where the
    // new rows start, and the trigger, are kept for the end in a temporary table. So is the
    // trigger of a purpose said anew (schema 6): an insert that a trigger follows needs a
    // statement journal, into which SQLite copies every page the insert changes, and with it
    // each event's insert made the import of 100k complaints take 40 s instead of 14.
    db_->exec("CREATE TEMP TABLE IF NOT EXISTS import_start (evidence INTEGER, trigger TEXT, "
              "purpose_trigger TEXT)");
    db_->exec("INSERT INTO temp.import_start SELECT (SELECT coalesce(max(id), 0) + 1 FROM "
              "evidence), (SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
              "name = 'timeline_text_evidence'), (SELECT sql FROM sqlite_master WHERE type = "
              "'trigger' AND name = 'timeline_text_purpose')");
    db_->exec("DROP TRIGGER timeline_text_evidence");
    db_->exec("DROP TRIGGER timeline_text_purpose");
    // A new complaint's events come before its row (add_replayed_complaint); the commit checks.
    db_->exec("PRAGMA defer_foreign_keys = ON");
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<std::int64_t> Store::complaint_by_uuid(const std::string& uuid) try {
    SQLite::Statement& q = cached("SELECT id FROM complaint WHERE uuid = ?");
    q.bind(1, uuid);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::finish_import() try {
    if (text_trigger_.empty()) return;
    // A statement of the bulk index covers so many ids at most (in_steps, src/store/rows.hpp).
    constexpr std::int64_t step = 25'000;
    in_steps(*db_,
             "INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref) "
             "SELECT id, title, body, against, product, order_no, ref FROM complaint WHERE id "
             "BETWEEN ?1 AND ?2 ORDER BY id",
             "complaint", import_first_id_, step);
    db_->exec(text_trigger_);
    text_trigger_.clear();
    // The kinds and the end mark as the trigger has them (src/store/schema.cpp, 3 -> 4).
    in_steps(*db_,
             fmt::format("INSERT INTO timeline_text (rowid, text) SELECT id, text || char(65535) "
                         "FROM event WHERE id BETWEEN ?1 AND ?2 AND text <> '' AND {} ORDER BY id",
                         indexed_event_kinds("")),
             "event", import_first_event_, step);
    db_->exec(timeline_trigger_);
    timeline_trigger_.clear();
    // Each purpose said anew, under the edit's own id, as timeline_text_purpose has it.
    in_steps(*db_,
             fmt::format("INSERT INTO timeline_text (rowid, caption) SELECT id, new_value || "
                         "char(65535) FROM event WHERE id BETWEEN ?1 AND ?2 AND {} ORDER BY id",
                         purpose_edit_terms("")),
             "event", import_first_event_, step);
    db_->exec(db_->execAndGet("SELECT purpose_trigger FROM temp.import_start").getString());
    // Evidence under its negated id: the steps from the last, each in descending order, so that
    // the index's rowids still come in ascending order.
    std::int64_t first_evidence =
        db_->execAndGet("SELECT evidence FROM temp.import_start").getInt64();
    in_steps(*db_,
             "INSERT INTO timeline_text (rowid, text, caption) SELECT -id, name || char(65535), "
             "caption || char(65535) FROM evidence WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC",
             "evidence", first_evidence, step, true);
    // What each proves, under the event that attached it (schema 6).
    in_steps(*db_,
             "INSERT INTO timeline_text (rowid, caption) SELECT event_id, purpose || char(65535) "
             "FROM evidence WHERE id BETWEEN ?1 AND ?2 AND purpose <> '' AND event_id IS NOT "
             "NULL ORDER BY event_id",
             "evidence", first_evidence, step);
    std::string evidence_trigger =
        db_->execAndGet("SELECT trigger FROM temp.import_start").getString();
    db_->exec(evidence_trigger);
    // Emptied, not dropped: a table cannot be dropped while the import's prepared statements are
    // open. It lives as long as the connection.
    db_->exec("DELETE FROM temp.import_start");
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::int64_t Store::next_complaint_id() try {
    return db_->execAndGet("SELECT coalesce(max(id), 0) + 1 FROM complaint").getInt64();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

Complaint Store::add_replayed_complaint(std::int64_t id, const std::string& uuid,
                                        std::vector<Event> events) try {
    // Inserted once, whole: a row inserted empty and then updated would make the text index
    // flush its pending terms at every complaint (FTS5 writes rowids in ascending order).
    Replayed r = replay_of(id, std::move(events));
    require_filing(r);
    r.row.uuid = uuid;
    if (add_complaint(r.row) != id)
        throw Error(Exit::internal, trf("complaint {} was imported under another id", id));
    add_cancelled(r);
    return r.row;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<Event> Store::event_by_uuid(const std::string& uuid) try {
    static const std::string sql =
        fmt::format("SELECT {} FROM event e WHERE e.uuid = ?", event_columns);
    SQLite::Statement& q = cached(sql.c_str());
    q.bind(1, uuid);
    if (!q.executeStep()) return std::nullopt;
    return read_event(q);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::add_imported_event(Event& e) {
    insert_event(e);
}

void Store::insert_event(Event& e) try {
    // Every parameter is bound at every insert, so the bindings are not cleared first; the event's
    // strings outlive the statement's run and are bound without a copy (an import binds 1M).
    SQLite::Statement& q =
        cached("INSERT INTO event (uuid, command, complaint_id, at, recorded, kind, text, field, "
               "old_value, new_value, due, change, retracts) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               false);
    auto text = [&](int i, const std::string& s) {
        if (s.empty())
            q.bind(i);
        else
            q.bindNoCopy(i, s);
    };
    std::string at = format_utc(e.at), recorded = format_utc(e.recorded);
    std::string due = e.due ? format_utc(*e.due) : std::string();
    std::string retracts = e.retracts.empty() ? std::string() : nlohmann::json(e.retracts).dump();
    q.bindNoCopy(1, e.uuid);
    text(2, e.command);
    q.bind(3, static_cast<int64_t>(e.complaint_id));
    q.bindNoCopy(4, at);
    q.bindNoCopy(5, recorded);
    q.bindNoCopy(6, e.kind);
    q.bindNoCopy(7, e.text);
    text(8, e.field);
    text(9, e.old_value);
    text(10, e.new_value);
    text(11, due);
    text(12, e.change);
    text(13, retracts);
    q.exec();
    e.id = db_->getLastInsertRowid();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

bool Store::has_evidence_link(const Evidence& e) try {
    if (e.event_id) {
        SQLite::Statement& q = cached("SELECT 1 FROM evidence WHERE event_id = ?");
        q.bind(1, static_cast<int64_t>(e.event_id));
        return q.executeStep();
    }
    SQLite::Statement& q =
        cached("SELECT 1 FROM evidence WHERE complaint_id = ? AND event_id IS NULL AND "
               "sha256 = ? AND name = ? AND added = ?");
    q.bind(1, static_cast<int64_t>(e.complaint_id));
    q.bind(2, e.sha256);
    q.bind(3, e.name);
    q.bind(4, format_utc(e.added));
    return q.executeStep();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<Evidence> Store::blob(const std::string& sha256) try {
    SQLite::Statement& q = cached("SELECT size, type, content FROM blob WHERE sha256 = ?");
    q.bind(1, sha256);
    if (!q.executeStep()) return std::nullopt;
    Evidence b;
    b.sha256 = sha256;
    b.size = q.getColumn(0).getInt64();
    b.type = q.getColumn(1).getString();
    b.content = q.getColumn(2).getString();
    return b;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::add_blob_record(const Evidence& blob) try {
    SQLite::Statement q(*db_, "INSERT INTO blob (sha256, size, type, chunks, content) "
                              "VALUES (?, ?, ?, 0, ?)");
    q.bind(1, blob.sha256);
    q.bind(2, static_cast<int64_t>(blob.size));
    q.bind(3, blob.type);
    q.bind(4, blob.content == "redacted" ? "redacted" : "absent");
    q.exec();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::add_chunk(const std::string& sha256, std::int64_t seq, std::string_view data) try {
    SQLite::Statement& q = cached("INSERT INTO chunk (blob_id, seq, data) "
                                  "VALUES ((SELECT id FROM blob WHERE sha256 = ?), ?, ?)");
    q.bind(1, sha256);
    q.bind(2, static_cast<int64_t>(seq));
    q.bindNoCopy(3, data.data(), static_cast<int>(data.size()));
    q.exec();
    if ((seq + 1) % 32 == 0) start_writeback(); // as write_blob does
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::set_blob_content(const std::string& sha256, std::string_view content,
                             std::int64_t chunks) try {
    if (content == "redacted") {
        SQLite::Statement drop(*db_, "DELETE FROM chunk WHERE blob_id = "
                                     "(SELECT id FROM blob WHERE sha256 = ?)");
        drop.bind(1, sha256);
        drop.exec();
        chunks = 0;
    }
    SQLite::Statement q(*db_, "UPDATE blob SET content = ?, chunks = ? WHERE sha256 = ?");
    q.bind(1, std::string(content));
    q.bind(2, static_cast<int64_t>(chunks));
    q.bind(3, sha256);
    q.exec();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

} // namespace complain
