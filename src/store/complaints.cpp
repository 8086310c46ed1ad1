// The store's complaints, tags, timelines and evidence lists: every row read or written by SQL.
#include "complain/error.hpp"
#include "complain/store/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <fmt/format.h>

namespace complain {
namespace {

const char* const complaint_columns =
    "c.id, c.uuid, c.title, c.body, c.against, c.order_no, c.product, c.category, c.want, "
    "c.amount, c.recovered, c.currency, c.ref, c.state, c.channel, c.level, c.deadline, "
    "c.deadline_calendar, c.deadline_zone, c.deadline_roll, c.warning, c.clock_started, c.due, "
    "c.warn_at, c.paused_at, c.created, c.updated, "
    "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM tag WHERE complaint_id = c.id "
    "ORDER BY tag))";

void bind_text(SQLite::Statement& q, int i, const std::string& s) {
    if (s.empty())
        q.bind(i);
    else
        q.bind(i, s);
}

void bind_instant(SQLite::Statement& q, int i, const std::optional<Instant>& t) {
    if (t)
        q.bind(i, format_utc(*t));
    else
        q.bind(i);
}

void bind_int(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
    if (v)
        q.bind(i, static_cast<int64_t>(*v));
    else
        q.bind(i);
}

std::string text(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

// A stored instant, or Error(integrity) naming the column and the text found there.
Instant required_instant(const SQLite::Column& c) {
    std::string stored = c.isNull() ? std::string("NULL") : c.getString();
    try {
        if (!c.isNull()) return parse_utc(stored);
    } catch (const Error&) {
    }
    throw Error(Exit::integrity, fmt::format("malformed instant '{}' in {}", stored, c.getName()));
}

std::optional<Instant> instant(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return required_instant(c);
}

std::optional<std::int64_t> integer(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

// The row's fields, except the id, which the caller has read.
void read_complaint_fields(SQLite::Statement& q, Complaint& c) {
    int i = 1;
    c.uuid = text(q.getColumn(i++));
    c.title = text(q.getColumn(i++));
    c.body = text(q.getColumn(i++));
    c.against = text(q.getColumn(i++));
    c.order = text(q.getColumn(i++));
    c.product = text(q.getColumn(i++));
    c.category = text(q.getColumn(i++));
    c.want = text(q.getColumn(i++));
    c.amount = integer(q.getColumn(i++));
    c.recovered = integer(q.getColumn(i++));
    c.currency = text(q.getColumn(i++));
    c.ref = text(q.getColumn(i++));
    std::string state_text = text(q.getColumn(i++));
    auto state = parse_state(state_text);
    if (!state) throw Error(Exit::integrity, fmt::format("unknown state '{}'", state_text));
    c.state = *state;
    c.channel = text(q.getColumn(i++));
    c.level = q.getColumn(i++).getInt();
    c.clock.deadline = text(q.getColumn(i++));
    c.clock.calendar = text(q.getColumn(i++));
    c.clock.zone = text(q.getColumn(i++));
    c.clock.roll = q.getColumn(i++).getInt() != 0;
    c.clock.warning = text(q.getColumn(i++));
    c.clock.started = instant(q.getColumn(i++));
    c.clock.due = instant(q.getColumn(i++));
    c.clock.warn_at = instant(q.getColumn(i++));
    c.clock.paused_at = instant(q.getColumn(i++));
    c.created = required_instant(q.getColumn(i++));
    c.updated = required_instant(q.getColumn(i++));
    std::string tags = text(q.getColumn(i++));
    for (size_t start = 0; !tags.empty() && start <= tags.size();) {
        size_t end = tags.find('\x1f', start);
        if (end == std::string::npos) end = tags.size();
        c.tags.push_back(tags.substr(start, end - start));
        start = end + 1;
    }
}

// A complaint row; a field that cannot be read (a malformed instant, an unknown state) is an
// Error(integrity) that names the complaint.
Complaint read_complaint(SQLite::Statement& q) {
    Complaint c;
    c.id = q.getColumn(0).getInt64();
    try {
        read_complaint_fields(q, c);
    } catch (const Error& e) {
        throw Error(Exit::integrity, fmt::format("complaint {}: {}", c.id, e.what()));
    }
    return c;
}

// Binds the complaint's columns from index 1 in the order of the INSERT and UPDATE below.
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
}

const char* const complaint_fields =
    "uuid, title, body, against, order_no, product, category, want, amount, recovered, currency, "
    "ref, state, channel, level, deadline, deadline_calendar, deadline_zone, deadline_roll, "
    "warning, clock_started, due, warn_at, paused_at, created, updated";

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

} // namespace

std::int64_t Store::add_complaint(Complaint& c) try {
    SQLite::Statement q(*db_,
                        fmt::format("INSERT INTO complaint ({}) VALUES ({})", complaint_fields,
                                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                    "?, ?, ?, ?, ?, ?, ?, ?"));
    bind_complaint(q, c);
    q.exec();
    c.id = db_->getLastInsertRowid();
    set_tags(c.id, c.tags);
    return c.id;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::save_complaint(const Complaint& c) try {
    std::string sets;
    std::string_view fields = complaint_fields;
    for (size_t start = 0; start < fields.size();) {
        size_t end = fields.find(", ", start);
        if (end == std::string_view::npos) end = fields.size();
        if (!sets.empty()) sets += ", ";
        sets += fmt::format("{} = ?", fields.substr(start, end - start));
        start = end + 2;
    }
    SQLite::Statement q(*db_, fmt::format("UPDATE complaint SET {} WHERE id = ?", sets));
    bind_complaint(q, c);
    q.bind(27, static_cast<int64_t>(c.id));
    q.exec();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::set_tags(std::int64_t complaint_id, const std::vector<std::string>& tags) try {
    SQLite::Statement clear(*db_, "DELETE FROM tag WHERE complaint_id = ?");
    clear.bind(1, static_cast<int64_t>(complaint_id));
    clear.exec();
    SQLite::Statement add(*db_, "INSERT OR IGNORE INTO tag (complaint_id, tag) VALUES (?, ?)");
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
    SQLite::Statement q(
        *db_, fmt::format("SELECT {} FROM complaint c WHERE c.id = ?", complaint_columns));
    q.bind(1, static_cast<int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return read_complaint(q);
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

Complaint Store::complaint(std::int64_t id) {
    if (auto c = find_complaint(id)) return *c;
    throw Error(Exit::not_found, fmt::format("no complaint {} (see: complain status)", id));
}

std::vector<Complaint> Store::complaints(const ComplaintFilter& f) try {
    std::string where = "1";
    if (!f.states.empty()) {
        where += " AND c.state IN (";
        for (size_t i = 0; i < f.states.size(); ++i)
            where += i == 0 ? "?" : ", ?";
        where += ")";
    }
    if (!f.channel.empty()) where += " AND c.channel = ?";
    for (size_t n = 0; n < f.tags.size(); ++n) // every tag must be there
        where += " AND EXISTS (SELECT 1 FROM tag t WHERE t.complaint_id = c.id AND t.tag = ?)";
    if (!f.against.empty()) where += " AND c.against LIKE ? ESCAPE '\\'";
    bool fts = code_points(f.search) >= 3; // the trigram index needs three characters
    if (!f.search.empty())
        where +=
            fts ? " AND c.id IN (SELECT rowid FROM complaint_text WHERE complaint_text MATCH ?)"
                : " AND (c.title LIKE ? ESCAPE '\\' OR c.body LIKE ? ESCAPE '\\')";
    if (f.since) where += " AND c.created >= ?";
    if (f.until) where += " AND c.created < ?";
    SQLite::Statement q(*db_,
                        fmt::format("SELECT {} FROM complaint c WHERE {} ORDER BY c.due, c.id",
                                    complaint_columns, where));
    int i = 1;
    for (State s : f.states)
        q.bind(i++, std::string(to_string(s)));
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
        } else {
            q.bind(i++, like_pattern(f.search));
            q.bind(i++, like_pattern(f.search));
        }
    }
    if (f.since) q.bind(i++, format_utc(*f.since));
    if (f.until) q.bind(i++, format_utc(*f.until));
    std::vector<Complaint> out;
    while (q.executeStep()) {
        try {
            out.push_back(read_complaint(q));
        } catch (const Error& e) {
            damaged_.push_back(e.what());
        }
    }
    // Those without a deadline go last: NULL sorts first in SQLite.
    std::stable_partition(out.begin(), out.end(),
                          [](const Complaint& c) { return c.clock.due.has_value(); });
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

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

std::vector<std::string> Store::unreadable_rows() try {
    std::vector<std::string> out;
    SQLite::Statement complaints(
        *db_, fmt::format("SELECT {} FROM complaint c ORDER BY c.id", complaint_columns));
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
