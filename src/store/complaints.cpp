// The store's complaints and their tags: rows written, read, filtered and searched; and every
// stored row checked for verify.
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/store/store.hpp"
#include "rows.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

namespace complain {
namespace {

State read_state(const Field& column) {
    std::string_view text = text_view(column);
    auto state = parse_state(text);
    if (!state) throw Error(Exit::integrity, trf("unknown state '{}'", text));
    return *state;
}

std::vector<std::string> split_tags(const std::string& tags) {
    std::vector<std::string> out;
    for (size_t start = 0; !tags.empty() && start <= tags.size();) {
        size_t end = tags.find('\x1f', start);
        if (end == std::string::npos) end = tags.size();
        out.push_back(tags.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// What reads a column besides Store::Fields::all: a list's table, a table of overdue complaints
// only, a calendar entry. A column of the table is one of the overdue table's too, but for when
// the warning begins: it decides whether a row is due soon, and a clock past its due is not.
enum Use : unsigned { in_table = 1, in_calendar = 2, in_overdue_table = 4 };
constexpr unsigned in_tables = in_table | in_overdue_table;

// A complaint's columns after its id, in the order the SELECTs name them: the expression, which
// lists read it (Use), and how it is read.
struct RowColumn {
    const char* sql;
    unsigned uses;
    void (*read)(const Field&, Complaint&);
};

// Whether `fields` reads the column.
bool reads(Store::Fields fields, const RowColumn& column) {
    switch (fields) {
    case Store::Fields::all:
        return true;
    case Store::Fields::table:
        return (column.uses & in_table) != 0;
    case Store::Fields::calendar:
        return (column.uses & in_calendar) != 0;
    case Store::Fields::overdue_table:
        return (column.uses & in_overdue_table) != 0;
    }
    return true;
}

using Col = const Field&;
const RowColumn row_columns[] = {
    {"c.uuid", in_calendar, [](Col v, Complaint& c) { assign_text(c.uuid, v); }},
    {"c.title", in_tables | in_calendar, [](Col v, Complaint& c) { assign_text(c.title, v); }},
    {"c.body", 0, [](Col v, Complaint& c) { assign_text(c.body, v); }},
    {"c.against", in_tables | in_calendar, [](Col v, Complaint& c) { assign_text(c.against, v); }},
    {"c.order_no", in_calendar, [](Col v, Complaint& c) { assign_text(c.order, v); }},
    {"c.product", 0, [](Col v, Complaint& c) { assign_text(c.product, v); }},
    {"c.category", 0, [](Col v, Complaint& c) { assign_text(c.category, v); }},
    {"c.want", 0, [](Col v, Complaint& c) { assign_text(c.want, v); }},
    {"c.amount", 0, [](Col v, Complaint& c) { c.amount = integer(v); }},
    {"c.recovered", 0, [](Col v, Complaint& c) { c.recovered = integer(v); }},
    {"c.currency", 0, [](Col v, Complaint& c) { assign_text(c.currency, v); }},
    {"c.ref", in_calendar, [](Col v, Complaint& c) { assign_text(c.ref, v); }},
    {"c.state", in_tables | in_calendar, [](Col v, Complaint& c) { c.state = read_state(v); }},
    {"c.channel", in_tables | in_calendar, [](Col v, Complaint& c) { assign_text(c.channel, v); }},
    {"c.level", in_calendar, [](Col v, Complaint& c) { c.level = v.getInt(); }},
    {"c.deadline", in_tables | in_calendar,
     [](Col v, Complaint& c) { assign_text(c.clock.deadline, v); }},
    {"c.deadline_calendar", in_tables,
     [](Col v, Complaint& c) { assign_text(c.clock.calendar, v); }},
    {"c.deadline_zone", in_tables, [](Col v, Complaint& c) { assign_text(c.clock.zone, v); }},
    {"c.deadline_roll", in_tables, [](Col v, Complaint& c) { c.clock.roll = v.getInt() != 0; }},
    {"c.warning", 0, [](Col v, Complaint& c) { assign_text(c.clock.warning, v); }},
    {"c.clock_started", 0, [](Col v, Complaint& c) { c.clock.started = instant(v); }},
    {"c.due", in_tables | in_calendar, [](Col v, Complaint& c) { c.clock.due = instant(v); }},
    {"c.warn_at", in_table | in_calendar,
     [](Col v, Complaint& c) { c.clock.warn_at = instant(v); }},
    {"c.paused_at", 0, [](Col v, Complaint& c) { c.clock.paused_at = instant(v); }},
    {"c.created", 0, [](Col v, Complaint& c) { c.created = required_instant(v); }},
    {"c.updated", 0, [](Col v, Complaint& c) { c.updated = required_instant(v); }},
    {"c.undone", 0, [](Col v, Complaint& c) { c.undone = v.getInt() != 0; }},
    {"c.flagged", in_tables | in_calendar,
     [](Col v, Complaint& c) { c.flagged = v.getInt() != 0; }},
    {"c.credit_code", 0, [](Col v, Complaint& c) { assign_text(c.credit_code, v); }},
    {"c.follow_up", in_tables | in_calendar,
     [](Col v, Complaint& c) { c.follow_up = v.getInt() != 0; }},
    {"(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM tag WHERE complaint_id = c.id "
     "ORDER BY tag))",
     0, [](Col v, Complaint& c) { c.tags = split_tags(text(v)); }},
};

// "c.id, ..." for the columns `fields` reads.
std::string select_list(Store::Fields fields) {
    std::string out = "c.id";
    for (const RowColumn& column : row_columns)
        if (reads(fields, column)) out += fmt::format(", {}", column.sql);
    return out;
}

const std::string complaint_columns = select_list(Store::Fields::all);
const std::string table_columns = select_list(Store::Fields::table);
const std::string calendar_columns = select_list(Store::Fields::calendar);
const std::string overdue_table_columns = select_list(Store::Fields::overdue_table);

// The readers of the columns `fields` reads, in select_list's order: chosen once, not for each
// column of each row.
const std::vector<void (*)(const Field&, Complaint&)>& readers(Store::Fields fields) {
    using Readers = std::vector<void (*)(const Field&, Complaint&)>;
    static const std::array<Readers, 4> lists = [] {
        std::array<Readers, 4> out;
        for (Store::Fields f : {Store::Fields::all, Store::Fields::table, Store::Fields::calendar,
                                Store::Fields::overdue_table})
            for (const RowColumn& column : row_columns)
                if (reads(f, column)) out[static_cast<size_t>(f)].push_back(column.read);
        return out;
    }();
    return lists[static_cast<size_t>(fields)];
}

// A complaint row, read into `c` over the fields a row before left there (a list reads each row
// into the same complaint: its strings keep their buffers); a field that cannot be read (a
// malformed instant, an unknown state) is an Error(integrity) that names the complaint.
void read_complaint(Query& q, Complaint& c, Store::Fields fields) {
    c.id = q.getColumn(0).getInt64();
    try {
        int i = 1;
        for (auto read : readers(fields))
            read(q.getColumn(i++), c);
    } catch (const Error& e) {
        throw Error(Exit::integrity, trf("complaint {}: {}", c.id, e.what()));
    }
}

Complaint read_complaint(Query& q, Store::Fields fields = Store::Fields::all) {
    Complaint c;
    read_complaint(q, c, fields);
    return c;
}

// Binds the complaint's columns from index 1 in the order of stored_columns (row_columns').
void bind_complaint(SQLite::Statement& q, const Complaint& c) {
    int i = 1;
    q.bind(i++, c.uuid);
    q.bind(i++, c.title);
    q.bind(i++, c.body);
    bind_text(q, i++, c.against);
    bind_text(q, i++, c.order);
    bind_text(q, i++, c.product);
    bind_text(q, i++, c.category);
    bind_text(q, i++, c.want);
    bind_int(q, i++, c.amount);
    bind_int(q, i++, c.recovered);
    bind_text(q, i++, c.currency);
    bind_text(q, i++, c.ref);
    q.bind(i++, std::string(to_string(c.state)));
    q.bind(i++, c.channel);
    q.bind(i++, c.level);
    bind_text(q, i++, c.clock.deadline);
    bind_text(q, i++, c.clock.calendar);
    bind_text(q, i++, c.clock.zone);
    q.bind(i++, c.clock.roll ? 1 : 0);
    bind_text(q, i++, c.clock.warning);
    bind_instant(q, i++, c.clock.started);
    bind_instant(q, i++, c.clock.due);
    bind_instant(q, i++, c.clock.warn_at);
    bind_instant(q, i++, c.clock.paused_at);
    q.bind(i++, format_utc(c.created));
    q.bind(i++, format_utc(c.updated));
    q.bind(i++, c.undone ? 1 : 0);
    q.bind(i++, c.flagged ? 1 : 0);
    bind_text(q, i++, c.credit_code);
    q.bind(i++, c.follow_up ? 1 : 0);
}

// The columns a command writes, in the order bind_complaint binds them: those of row_columns
// that are the table's own (not the tags, read through a subquery), without their "c.".
std::vector<std::string_view> stored_columns() {
    std::vector<std::string_view> out;
    for (const RowColumn& column : row_columns)
        if (std::string_view sql = column.sql; sql.starts_with("c.")) out.push_back(sql.substr(2));
    return out;
}

// The complaint's columns that complaint_text indexes (its trigger fires on an UPDATE naming any).
bool indexed_text(std::string_view column) {
    for (std::string_view text : {"title", "body", "against", "product", "order_no", "ref"})
        if (column == text) return true;
    return false;
}

std::string like_pattern(std::string_view s) {
    std::string out = "%";
    for (char ch : s) {
        if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "%";
}

size_t code_points(std::string_view s) {
    return static_cast<size_t>(
        std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

// The complaints whose timeline text (src/store/schema.cpp, 3 -> 4) the index's rows `hits`
// hold (a FROM clause whose rows have the index's rowid as `rowid`): one pass over the hits,
// each mapped to its complaint through the primary key of event or evidence, NULL for what
// undo cancelled.
std::string timeline_hits(std::string_view hits) {
    return fmt::format(
        "SELECT CASE WHEN t.rowid > 0 THEN (SELECT e.complaint_id FROM event e WHERE "
        "e.id = t.rowid AND NOT EXISTS (SELECT 1 FROM cancelled x WHERE x.event_id = e.id)) "
        "ELSE (SELECT v.complaint_id FROM evidence v WHERE v.id = -t.rowid AND (v.event_id IS "
        "NULL OR NOT EXISTS (SELECT 1 FROM cancelled x WHERE x.event_id = v.event_id))) END "
        "FROM {}",
        hits);
}

const char* const timeline_match = "timeline_text t WHERE timeline_text MATCH ?";

// A word of two characters has no trigram of its own, but every trigram that starts with it is
// among the index's terms (each text ends in a mark, so its last two characters begin one too):
// the rows that hold those terms are the rows that contain the word, read from the terms' own
// lists in the index, never by a scan of the timeline. Terms are folded to lower case, as the
// word bound (twice) is.
const char* const two_characters =
    "(SELECT DISTINCT doc AS rowid FROM timeline_terms WHERE term >= ? AND term <= ? || "
    "char(1114111)) t";

} // namespace

std::int64_t Store::add_complaint(Complaint& c) try {
    static const std::string sql = [] {
        std::vector<std::string_view> columns = stored_columns();
        std::vector<std::string_view> marks(columns.size(), "?");
        return fmt::format("INSERT INTO complaint ({}) VALUES ({})", fmt::join(columns, ", "),
                           fmt::join(marks, ", "));
    }();
    SQLite::Statement& q = cached(sql.c_str());
    bind_complaint(q, c);
    q.exec();
    c.id = db_->getLastInsertRowid();
    add_tags(c.id, c.tags);
    return c.id;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::save_complaint(const Complaint& c, bool texts) try {
    // Parameters numbered as bind_complaint binds them; without `texts` the columns the search
    // index's trigger watches are left out of the SET list (their numbers are bound, unused).
    static const std::vector<std::string_view> columns = stored_columns();
    static const std::array<std::string, 2> sql = [] {
        std::array<std::string, 2> both;
        for (size_t n = 1; n <= columns.size(); ++n)
            for (size_t with_texts = 0; with_texts < 2; ++with_texts) {
                if (!with_texts && indexed_text(columns[n - 1])) continue;
                both[with_texts] += fmt::format("{}{} = ?{}", both[with_texts].empty() ? "" : ", ",
                                                columns[n - 1], n);
            }
        for (std::string& sets : both)
            sets = fmt::format("UPDATE complaint SET {} WHERE id = ?{}", sets, columns.size() + 1);
        return both;
    }();
    SQLite::Statement& q = cached(sql[texts ? 1 : 0].c_str());
    bind_complaint(q, c);
    q.bind(static_cast<int>(columns.size()) + 1, static_cast<int64_t>(c.id));
    q.exec();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::set_tags(std::int64_t complaint_id, const std::vector<std::string>& tags) try {
    SQLite::Statement& clear = cached("DELETE FROM tag WHERE complaint_id = ?");
    clear.bind(1, static_cast<int64_t>(complaint_id));
    clear.exec();
    add_tags(complaint_id, tags);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::add_tags(std::int64_t complaint_id, const std::vector<std::string>& tags) try {
    SQLite::Statement& add = cached("INSERT OR IGNORE INTO tag (complaint_id, tag) VALUES (?, ?)");
    for (const auto& tag : tags) {
        add.bind(1, static_cast<int64_t>(complaint_id));
        add.bind(2, tag);
        add.exec();
        add.reset();
    }
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<Complaint> Store::find_complaint(std::int64_t id) try {
    if (!complaint_by_id_)
        complaint_by_id_ = std::make_unique<Query>(
            *db_, fmt::format("SELECT {} FROM complaint c WHERE c.id = ?", complaint_columns));
    Query& q = *complaint_by_id_;
    q.reset();
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_complaint(q);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

Complaint Store::complaint(std::int64_t id) {
    if (auto c = find_complaint(id)) {
        if (!c->undone) return *c;
        throw Error(Exit::not_found,
                    trf("complaint {} was taken back by undo (complain undo {} files it "
                        "again)",
                        id, id));
    }
    throw Error(Exit::not_found, trf("no complaint {} (see: complain status)", id));
}

Query Store::complaint_query(const ComplaintFilter& f, std::string_view prefix,
                             std::string_view order, std::string_view also,
                             std::string_view columns, Fields fields) {
    // A late list's own terms come first: SQLite tests a row's terms in the order they are
    // written, and a due-soon list reads every running clock due after now to keep the few whose
    // warning has begun.
    std::string where;
    if (f.late) {
        std::string overdue =
            f.late->unflagged && f.late->due_soon ? "c.flagged = 0 AND c.due <= ?" : "c.due <= ?";
        std::string soon = "c.due > ? AND c.warn_at <= ?";
        if (f.late->overdue && f.late->due_soon)
            where = fmt::format("(({}) OR ({})) AND ", overdue, soon);
        else if (f.late->overdue)
            where = overdue + " AND ";
        else if (f.late->due_soon)
            where = soon + " AND ";
        // Literal terms, written as the partial indexes are, so that the planner sees they imply
        // them.
        where += "(c.state = 'open' OR c.follow_up = 1) AND c.due IS NOT NULL AND ";
        if (f.late->unflagged && f.late->overdue && !f.late->due_soon)
            where += "c.flagged = 0 AND ";
    }
    where += "c.undone = 0";
    if (!also.empty()) where += fmt::format(" AND {}", also);
    if (!f.states.empty()) {
        // Compared in turn, not "IN (...)": SQLite tests an IN list of more than two values by a
        // seek in a table it builds, once for every row read. The planner still sees the terms
        // as an IN where an index can use them. The states are complain's own words, written in
        // as the partial indexes' are: SQLite compares a bound value with a partial index's
        // terms as it plans, and prepares the statement again once the value is bound.
        where += " AND (";
        for (size_t i = 0; i < f.states.size(); ++i)
            where += fmt::format("{}c.state = '{}'", i == 0 ? "" : " OR ", to_string(f.states[i]));
        where += ")";
    }
    if (!f.channel.empty()) where += " AND c.channel = ?";
    for (size_t n = 0; n < f.tags.size(); ++n) // every tag must be there
        where += " AND EXISTS (SELECT 1 FROM tag t WHERE t.complaint_id = c.id AND t.tag = ?)";
    if (!f.against.empty()) where += " AND c.against LIKE ? ESCAPE '\\'";
    bool fts = code_points(f.search) >= 3; // the trigram index needs three characters
    if (!f.search.empty())
        where += fts ? fmt::format(" AND c.id IN (SELECT rowid FROM complaint_text WHERE "
                                   "complaint_text MATCH ? UNION {})",
                                   timeline_hits(timeline_match))
                     : fmt::format(" AND (c.title LIKE ? ESCAPE '\\' OR c.body LIKE ? ESCAPE "
                                   "'\\' OR c.against LIKE ? ESCAPE '\\' OR c.product LIKE ? "
                                   "ESCAPE '\\' OR c.order_no LIKE ? ESCAPE '\\' OR c.ref LIKE ? "
                                   "ESCAPE '\\' OR c.id IN ({}))",
                                   timeline_hits(two_characters));
    if (f.since) where += " AND c.created >= ?";
    if (f.until) where += " AND c.created < ?";
    // Cron's daily question reads the partial index of unflagged deadlines: without statistics
    // the planner would weigh it as (state, due), which reads every overdue complaint.
    // The lists read a partial index of the running clocks (open, or answered with a follow-up)
    // in due order: the planner, weighing them without statistics, would otherwise read
    // (state, due) once per state and sort.
    std::string index;
    if (f.late)
        index = f.late->unflagged && f.late->overdue && !f.late->due_soon
                    ? "INDEXED BY complaint_unflagged"
                    : "INDEXED BY complaint_running";
    Query q(*db_, fmt::format("{}SELECT {}{} FROM complaint c {} WHERE {} ORDER BY {}", prefix,
                              fields == Fields::all        ? complaint_columns
                              : fields == Fields::table    ? table_columns
                              : fields == Fields::calendar ? calendar_columns
                                                           : overdue_table_columns,
                              columns, index, where, order));
    int i = 1;
    if (f.late) {
        std::string at = format_utc(f.late->at);
        if (f.late->overdue) q.bind(i++, at);
        if (f.late->due_soon) {
            q.bind(i++, at);
            q.bind(i++, at);
        }
    }
    if (!f.channel.empty()) q.bind(i++, f.channel);
    for (const auto& tag : f.tags)
        q.bind(i++, tag);
    if (!f.against.empty()) q.bind(i++, like_pattern(f.against));
    if (!f.search.empty()) {
        if (fts) {
            std::string phrase = "\"";
            for (char ch : f.search)
                phrase += ch == '"' ? std::string("\"\"") : std::string(1, ch);
            q.bind(i++, phrase + "\"");
            q.bind(i++, phrase + "\"");
        } else {
            // The fields of complaint_text, read by LIKE: title, body, against, product, order,
            // ref.
            for (int field = 0; field < 6; ++field)
                q.bind(i++, like_pattern(f.search));
            q.bind(i++, ascii_lower(f.search));
            q.bind(i++, ascii_lower(f.search));
        }
    }
    if (f.since) q.bind(i++, format_utc(*f.since));
    if (f.until) q.bind(i++, format_utc(*f.until));
    return q;
}

std::vector<Complaint> Store::complaints(const ComplaintFilter& f) try {
    Query q = complaint_query(f, "");
    std::vector<Complaint> out;
    each_row(q, [&](Complaint& c) { out.push_back(std::move(c)); });
    // Those without a deadline go last: NULL sorts first in SQLite.
    std::stable_partition(out.begin(), out.end(),
                          [](const Complaint& c) { return c.clock.due.has_value(); });
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::each_complaint(const ComplaintFilter& f,
                           const std::function<void(Complaint&)>& each) try {
    Query q = complaint_query(f, "", "c.id");
    each_row(q, each);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

namespace {

// When a closed complaint closed, as closed_at (src/app/views.cpp) says: its last move into its
// state that undo did not take back, else its last update. Instants are stored as fixed-width
// UTC text, so they sort as they compare.
const char* const closed_expression =
    "coalesce((SELECT e.at FROM event e WHERE e.complaint_id = c.id AND e.kind = 'state' AND "
    "e.new_value = c.state AND NOT EXISTS (SELECT 1 FROM cancelled x WHERE x.event_id = e.id) "
    "ORDER BY e.at DESC, e.recorded DESC, e.uuid DESC LIMIT 1), c.updated)";
const std::string closed_column = fmt::format(", {} AS closed_at", closed_expression);

// The same for closed complaints only; NULL for open work.
std::string closed_or_null_column() {
    std::string closed;
    for (State st : all_states())
        if (is_closed(st))
            closed += fmt::format("{}'{}'", closed.empty() ? "" : ", ", to_string(st));
    return fmt::format(", CASE WHEN c.state IN ({}) THEN {} END AS closed_at", closed,
                       closed_expression);
}

} // namespace

void Store::each_listed(const ComplaintFilter& f,
                        const std::function<void(Complaint&, std::optional<Instant>)>& each,
                        Fields fields) try {
    // Three reads, each in the order of an index or sorted by SQLite (which spills to disk, not
    // to memory): open work with a due by its due, open work without one, closed complaints by
    // when they closed.
    // Rows with a closed_at column: each passed with when it closed (nothing for open work); one
    // whose closed_at cannot be read is left out and named in damaged().
    auto each_with_closed_at = [&](Query& q) {
        const int closed_at = q.getColumnIndex("closed_at"); // found once, not per row
        each_row(
            q,
            [&](Complaint& c) {
                Field column = q.getColumn(closed_at);
                std::optional<Instant> at;
                try {
                    if (!column.isNull()) at = required_instant(column);
                } catch (const Error& e) {
                    damaged_.push_back(e.what());
                    return;
                }
                each(c, at);
            },
            fields);
    };
    if (!f.search.empty()) {
        // A search reads its hits once (finding them is most of its cost), in list order: open
        // work by due, those without one, then closed complaints by when they closed. SQLite
        // sorts the hits, and spills to disk rather than hold them all in memory.
        Query q =
            complaint_query(f, "", "closed_at IS NOT NULL, closed_at, c.due IS NULL, c.due, c.id",
                            "", closed_or_null_column(), fields);
        each_with_closed_at(q);
        return;
    }
    // Cron's lists and the calendar read the running clocks' covering index once, in due order:
    // no page is read twice, and a reader's larger cache (reader_cache_kib, for the table's rows
    // in no order on disk) would only be more memory to fault in as the scan goes on. They keep
    // SQLite's default cache, as writers do, for the rest of the command, which reads nothing
    // more in bulk (bench/README.md, "Page size, cache and mmap").
    if (f.late && fields != Fields::all)
        db_->exec(fmt::format("PRAGMA cache_size = -{}", list_cache_kib));
    ComplaintFilter open = f, closed = f;
    open.states.clear();
    closed.states.clear();
    for (State st : f.states.empty() ? all_states() : f.states)
        (is_closed(st) ? closed : open).states.push_back(st);
    auto plain = [&](Complaint& c) { each(c, std::nullopt); };
    if (!open.states.empty()) {
        // One cursor per state, each in the order of the (state, due) index, merged here: one
        // query over several states would be sorted by SQLite, which holds up to 250 pages
        // (16 MiB of 64 KiB pages) in memory before it spills. Cron's lists read the index of
        // running clocks, already in due order whatever the state: one cursor (one per state
        // would read that index range once for each).
        struct Cursor {
            std::unique_ptr<Query> q;
            Complaint row;     // its due is set: the cursors read c.due IS NOT NULL
            bool read = false; // row holds the cursor's next complaint
        };
        std::vector<Cursor> cursors;
        // Cron's lists test the state of the rows they read here, not in SQL: the index holds
        // running clocks only, nearly all of them open, and a term on the state would make
        // SQLite decode it from each index entry before the row is read anyway. A row that
        // cannot be read is damage to report only if its state is one the list keeps: a
        // complaint the list would never show does not fail cron's check.
        auto wanted = [&](std::optional<State> st) {
            return !f.late || (st && std::find(open.states.begin(), open.states.end(), *st) !=
                                         open.states.end());
        };
        auto advance = [&](Cursor& k) {
            k.read = false;
            while (k.q->executeStep()) {
                try {
                    read_complaint(*k.q, k.row, fields);
                } catch (const Error& e) {
                    Field state = k.q->getColumn(k.q->getColumnIndex("state"));
                    if (wanted(parse_state(text_view(state)))) damaged_.push_back(e.what());
                    continue;
                }
                if (!wanted(k.row.state)) continue;
                k.read = true;
                return;
            }
        };
        std::vector<std::vector<State>> each_state;
        if (f.late)
            each_state.push_back({}); // any state: wanted() tests it
        else
            for (State st : open.states)
                each_state.push_back({st});
        for (const std::vector<State>& states : each_state) {
            ComplaintFilter one = open;
            one.states = states;
            cursors.push_back({std::make_unique<Query>(complaint_query(
                                   one, "", "c.due, c.id", "c.due IS NOT NULL", "", fields)),
                               Complaint{}});
            advance(cursors.back());
        }
        for (;;) {
            Cursor* next = nullptr;
            for (Cursor& k : cursors)
                if (k.read && (!next || std::tie(*k.row.clock.due, k.row.id) <
                                            std::tie(*next->row.clock.due, next->row.id)))
                    next = &k;
            if (!next) break;
            each(next->row, std::nullopt);
            advance(*next);
        }
        if (!f.late) { // cron's lists are of complaints with a due
            Query none = complaint_query(open, "", "c.id", "c.due IS NULL", "", fields);
            each_row(none, plain, fields);
        }
    }
    if (closed.states.empty()) return;
    if (f.late) return; // cron's lists are of open complaints
    Query q = complaint_query(closed, "", "closed_at, c.due IS NULL, c.due, c.id", "",
                              closed_column, fields);
    each_with_closed_at(q);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::each_row(Query& q, const std::function<void(Complaint&)>& each, Fields fields) {
    Complaint c; // each row read over the last: every column it reads is assigned
    while (q.executeStep()) {
        try {
            read_complaint(q, c, fields);
        } catch (const Error& e) {
            damaged_.push_back(e.what());
            continue;
        }
        each(c);
    }
}

std::vector<Store::IdCandidate> Store::id_candidates(std::string_view prefix, int limit) try {
    std::vector<IdCandidate> out;
    if (limit <= 0 || prefix.size() > 17 ||
        !std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        prefix.starts_with('0'))
        return out;
    std::int64_t max = db_->execAndGet("SELECT coalesce(max(id), 0) FROM complaint").getInt64();
    // The ids that start with `digits`: itself, then ten times as many with each digit more, up
    // to the largest id; widest (most recent) first.
    auto ranges = [max](std::string_view digits) {
        std::vector<std::pair<std::int64_t, std::int64_t>> out;
        if (digits.empty()) return decltype(out){{1, max}};
        std::int64_t low = std::stoll(std::string(digits)), high = low;
        while (low <= max) {
            out.emplace_back(low, std::min(high, max));
            if (low > max / 10) break;
            low *= 10;
            high = high * 10 + 9;
        }
        std::reverse(out.begin(), out.end());
        return out;
    };
    std::set<std::int64_t> seen;
    int cap = limit + 1; // one more than fits tells that they do not
    // Up to `n` complaints of `ranges_` whose state is in `states`, most recent first.
    auto take = [&](const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges_,
                    const char* states, int n) {
        // `+state`: read along the primary key, newest first, and stop at the limit. Through the
        // index of states SQLite would read every open complaint and sort them by id.
        SQLite::Statement q(*db_, fmt::format("SELECT id, title, state FROM complaint WHERE id "
                                              "BETWEEN ? AND ? AND undone = 0 AND +state IN {} "
                                              "ORDER BY id DESC LIMIT ?",
                                              states));
        int taken = 0;
        for (const auto& [low, high] : ranges_) {
            if (taken >= n || static_cast<int>(out.size()) >= cap) return;
            q.reset();
            q.bind(1, static_cast<int64_t>(low));
            q.bind(2, static_cast<int64_t>(high));
            q.bind(3, n - taken + static_cast<int>(seen.size()));
            while (q.executeStep() && taken < n && static_cast<int>(out.size()) < cap) {
                std::int64_t id = q.getColumn(0).getInt64();
                if (!seen.insert(id).second) continue;
                auto state = parse_state(q.getColumn(2).getString());
                out.push_back(
                    IdCandidate{id, q.getColumn(1).getString(), state.value_or(State::open)});
                ++taken;
            }
        }
    };
    // Open work, the most recent first, then closed complaints: all of them when they fit.
    auto recent = [&](int n) {
        take(ranges(prefix), "('open', 'answered', 'paused')", n);
        take(ranges(prefix), "('resolved', 'dropped')", n);
    };
    recent(limit + 1);
    if (static_cast<int>(out.size()) <= limit) return out;
    // Too many: first the id typed, when it is one, and the most recent id for each digit that
    // can follow, so that a shell completing the candidates' common start never adds digits
    // that were not typed; then the most recent as above.
    out.clear();
    seen.clear();
    cap = limit;
    const char* any = "('open', 'answered', 'paused', 'resolved', 'dropped')";
    if (!prefix.empty()) {
        std::int64_t id = std::stoll(std::string(prefix));
        take({{id, id}}, any, 1);
    }
    for (char digit = prefix.empty() ? '1' : '0'; digit <= '9'; ++digit)
        take(ranges(std::string(prefix) + digit), any, 1);
    recent(limit);
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<std::string> Store::tag_names(std::string_view prefix, int limit) try {
    // A range of the tag index: from the prefix to the first text after every text it begins
    // (its last byte one higher; none for an empty prefix, or one of bytes 0xff only).
    std::string end(prefix);
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff)
        end.pop_back();
    if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    SQLite::Statement q(*db_, end.empty() ? "SELECT DISTINCT tag FROM tag WHERE tag >= ? "
                                            "ORDER BY tag LIMIT ?"
                                          : "SELECT DISTINCT tag FROM tag WHERE tag >= ? AND "
                                            "tag < ? ORDER BY tag LIMIT ?");
    int i = 1;
    q.bind(i++, std::string(prefix));
    if (!end.empty()) q.bind(i++, end);
    q.bind(i++, limit);
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<std::string> Store::query_plan(Query& explain) {
    std::vector<std::string> out;
    while (explain.executeStep())
        out.push_back(text(explain.getColumn(3)));
    return out;
}

std::vector<std::string> Store::plan_of_complaints(const ComplaintFilter& filter,
                                                   Fields fields) try {
    Query q = complaint_query(filter, "EXPLAIN QUERY PLAN ", "c.due, c.id", "", "", fields);
    return query_plan(q);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<std::string> Store::plan_of_complaint() try {
    std::vector<std::string> out;
    for (const std::string& sql :
         {fmt::format("SELECT {} FROM complaint c WHERE c.id = ?", complaint_columns),
          timeline_query()}) {
        Query q(*db_, "EXPLAIN QUERY PLAN " + sql);
        q.bind(1, std::int64_t{1});
        for (std::string& step : query_plan(q))
            out.push_back(std::move(step));
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<std::string> Store::unreadable_rows() try {
    std::vector<std::string> out;
    Query complaints(*db_,
                     fmt::format("SELECT {} FROM complaint c ORDER BY c.id", complaint_columns));
    while (complaints.executeStep()) {
        try {
            read_complaint(complaints);
        } catch (const Error& e) {
            out.push_back(e.what());
        }
    }
    // Every stored instant of the timeline and the evidence, one pass over each table.
    struct Instants {
        const char* sql;
        const char* what;
    };
    const Instants tables[] = {
        {"SELECT complaint_id, id, at, recorded, due FROM event ORDER BY complaint_id, id",
         "event"},
        {"SELECT complaint_id, id, added FROM evidence ORDER BY complaint_id, id", "evidence"},
    };
    for (const auto& table : tables) {
        SQLite::Statement q(*db_, table.sql);
        while (q.executeStep()) {
            for (int i = 2; i < q.getColumnCount(); ++i) {
                try {
                    instant(q.getColumn(i));
                } catch (const Error& e) {
                    out.push_back(fmt::format("complaint {}, {} {}: {}", q.getColumn(0).getInt64(),
                                              table.what, q.getColumn(1).getInt64(), e.what()));
                }
            }
        }
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

} // namespace complain
