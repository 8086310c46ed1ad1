// The SQLite store: opening, migrations, and the complaint and event tables.
#include "complain/store/store.hpp"

#include "complain/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

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

std::optional<Instant> instant(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return parse_utc(c.getString());
}

std::optional<std::int64_t> integer(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

Complaint read_complaint(SQLite::Statement& q) {
    Complaint c;
    int i = 0;
    c.id = q.getColumn(i++).getInt64();
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
    auto state = parse_state(text(q.getColumn(i++)));
    if (!state)
        throw Error(Exit::integrity, fmt::format("complaint {} has an unknown state", c.id));
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
    c.created = parse_utc(q.getColumn(i++).getString());
    c.updated = parse_utc(q.getColumn(i++).getString());
    std::string tags = text(q.getColumn(i++));
    for (size_t start = 0; !tags.empty() && start <= tags.size();) {
        size_t end = tags.find('\x1f', start);
        if (end == std::string::npos) end = tags.size();
        c.tags.push_back(tags.substr(start, end - start));
        start = end + 1;
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

// Creates the file with mode 0600 (and its folder 0700) so that the store is never readable by
// others, whatever the umask. Returns whether this call created it.
bool create_private_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), ec)) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec)
            throw Error(Exit::not_found, fmt::format("cannot create the folder of the store {}: {}",
                                                     path.string(), ec.message()));
        std::filesystem::permissions(path.parent_path(), std::filesystem::perms::owner_all, ec);
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        throw Error(Exit::not_found, fmt::format("cannot create the store {}: {}", path.string(),
                                                 std::strerror(errno)));
    }
    ::close(fd);
    return true;
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

} // namespace

std::filesystem::path default_store_path() {
    if (const char* db = std::getenv("COMPLAIN_DB"); db != nullptr && *db != '\0') return db;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/')
        return std::filesystem::path(xdg) / "complain" / "complain.db";
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0')
        throw Error(Exit::usage, "HOME is not set: name the store with --db or COMPLAIN_DB");
    return std::filesystem::path(home) / ".local" / "share" / "complain" / "complain.db";
}

Store::Store(const std::filesystem::path& path, Access access) : path_(path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error(Exit::usage, fmt::format("{}: is a directory, not a store", path.string()));
    bool exists = std::filesystem::exists(path, ec);
    if (exists && !std::filesystem::is_regular_file(path, ec))
        throw Error(Exit::usage,
                    fmt::format("{}: is not a regular file, not a store", path.string()));
    if (access == Access::read && !exists) {
        // Nothing to read: an empty store in memory answers every query, and no file appears.
        db_ = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
        db_->exec("BEGIN");
        migrate();
        return;
    }
    bool writer = access != Access::read;
    if (writer) {
        created_ = create_private_file(path);
        db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE, busy_timeout_ms);
    } else {
        open_reader();
    }
    db_->exec("PRAGMA foreign_keys = ON");
    int version = db_->execAndGet("PRAGMA user_version").getInt();
    if (version > schema_version)
        throw Error(Exit::integrity,
                    fmt::format("{} has schema version {}, newer than this complain knows ({}): "
                                "upgrade complain; the store was not touched",
                                path.string(), version, schema_version));
    // A database at version 0 that already has tables belongs to some other program: migrating it
    // would change someone else's file.
    if (version == 0 && db_->execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0)
        throw Error(Exit::integrity,
                    fmt::format("{} is an SQLite database but not a complain store; it "
                                "was not touched",
                                path.string()));
    if (writer) {
        // Evidence is stored in 1 MiB chunks: 64 KiB pages write them three times faster than the
        // default 4 KiB (bench/attach.sh). Takes effect only on a new, empty store.
        try {
            db_->exec("PRAGMA page_size = 65536");
            choose_journal(access == Access::bulk_write);
            db_->exec("BEGIN IMMEDIATE");
            migrate();
        } catch (...) {
            abandon(); // no destructor runs for a constructor that throws
            throw;
        }
    } else {
        if (version < schema_version)
            throw Error(Exit::integrity,
                        fmt::format("{} has schema version {}; any command that writes (such as "
                                    "`complain note`) upgrades it to {}",
                                    path.string(), version, schema_version));
        db_->exec("BEGIN");
    }
}

void Store::open_reader() {
    timeout_ms_ = reader_busy_timeout_ms;
    db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READONLY, timeout_ms_);
    try {
        db_->execAndGet("PRAGMA user_version");
    } catch (const SQLite::Exception& e) {
        // A bulk write was interrupted (killed, or the machine stopped) and left its rollback
        // journal: a read-only connection cannot roll it back, a read-write one does so as it
        // first reads, and then reads the store as it was before that command, back in WAL.
        if (e.getExtendedErrorCode() != SQLITE_READONLY_ROLLBACK) throw;
        db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE, timeout_ms_);
        db_->execAndGet("PRAGMA user_version");
        return_to_wal();
    }
}

std::string Store::switch_journal(std::string_view mode) {
    // Changing the journal takes the only connection to the store, and it is not waited for
    // long: another connection (a reader, `sqlite3` left open, a bulk write under way) leaves the
    // store as it is, and this command's transaction waits for its turn as usual.
    db_->setBusyTimeout(100);
    std::string now;
    try {
        now = db_->execAndGet(fmt::format("PRAGMA journal_mode = {}", mode)).getString();
    } catch (const SQLite::Exception& e) {
        db_->setBusyTimeout(timeout_ms_);
        if ((e.getErrorCode() & 0xff) != SQLITE_BUSY) throw;
        return db_->execAndGet("PRAGMA journal_mode").getString();
    }
    db_->setBusyTimeout(timeout_ms_);
    return now;
}

void Store::choose_journal(bool bulk) {
    // Not in WAL: a bulk write, or a store that one left behind, which this command returns to
    // WAL when it ends. FULL syncs the journal before the store is written and the store before
    // the journal is deleted; EXTRA also syncs the folder after the deletion, which is the commit.
    rollback_journal_ = switch_journal(bulk ? "DELETE" : "WAL") != "wal";
    db_->exec(rollback_journal_ ? "PRAGMA synchronous = EXTRA" : "PRAGMA synchronous = NORMAL");
}

void Store::return_to_wal() noexcept {
    // When a reader came meanwhile, the store stays as it is and the next writer does it.
    try {
        switch_journal("WAL");
    } catch (...) {
    }
}

Store::~Store() {
    if (db_ && !committed_) abandon();
    db_.reset();
    for (int fd : writeback_fds_)
        if (fd >= 0) ::close(fd);
}

void Store::start_writeback() noexcept {
    const char* suffixes[] = {"", "-wal"};
    for (size_t i = 0; i < writeback_fds_.size(); ++i) {
        int& fd = writeback_fds_[i];
        if (fd < 0) fd = ::open((path_.string() + suffixes[i]).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    }
}

void Store::abandon() noexcept {
    try {
        db_->exec("ROLLBACK");
    } catch (...) {
    }
    if (rollback_journal_ && !created_) return_to_wal();
    db_.reset();
    if (created_) {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(path_.string() + suffix, ec);
    }
}

void Store::migrate() {
    int version = db_->execAndGet("PRAGMA user_version").getInt();
    const auto& steps = migrations();
    for (int v = version; v < static_cast<int>(steps.size()); ++v) {
        db_->exec(std::string(steps[v]));
        db_->exec(fmt::format("PRAGMA user_version = {}", v + 1));
    }
}

void Store::commit() {
    db_->exec("COMMIT");
    committed_ = true;
    if (rollback_journal_) return_to_wal();
}

std::int64_t Store::add_complaint(Complaint& c) {
    SQLite::Statement q(*db_,
                        fmt::format("INSERT INTO complaint ({}) VALUES ({})", complaint_fields,
                                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                    "?, ?, ?, ?, ?, ?, ?, ?"));
    bind_complaint(q, c);
    q.exec();
    c.id = db_->getLastInsertRowid();
    set_tags(c.id, c.tags);
    return c.id;
}

void Store::save_complaint(const Complaint& c) {
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
}

void Store::set_tags(std::int64_t complaint_id, const std::vector<std::string>& tags) {
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
}

std::optional<Complaint> Store::find_complaint(std::int64_t id) {
    SQLite::Statement q(
        *db_, fmt::format("SELECT {} FROM complaint c WHERE c.id = ?", complaint_columns));
    q.bind(1, static_cast<int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return read_complaint(q);
}

Complaint Store::complaint(std::int64_t id) {
    if (auto c = find_complaint(id)) return *c;
    throw Error(Exit::not_found, fmt::format("no complaint {} (see: complain status)", id));
}

std::vector<Complaint> Store::complaints(const ComplaintFilter& f) {
    std::string where = "1";
    if (!f.states.empty()) {
        where += " AND c.state IN (";
        for (size_t i = 0; i < f.states.size(); ++i)
            where += i == 0 ? "?" : ", ?";
        where += ")";
    }
    if (!f.channel.empty()) where += " AND c.channel = ?";
    if (!f.tag.empty())
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
    if (!f.tag.empty()) q.bind(i++, f.tag);
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
    while (q.executeStep())
        out.push_back(read_complaint(q));
    // Those without a deadline go last: NULL sorts first in SQLite.
    std::stable_partition(out.begin(), out.end(),
                          [](const Complaint& c) { return c.clock.due.has_value(); });
    return out;
}

void Store::add_event(Event& e) {
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
}

std::vector<Event> Store::events(std::int64_t complaint_id) {
    SQLite::Statement q(*db_,
                        "SELECT id, complaint_id, at, recorded, kind, text, field, old_value, "
                        "new_value, due FROM event WHERE complaint_id = ? ORDER BY at, id");
    q.bind(1, static_cast<int64_t>(complaint_id));
    std::vector<Event> out;
    while (q.executeStep()) {
        Event e;
        e.id = q.getColumn(0).getInt64();
        e.complaint_id = q.getColumn(1).getInt64();
        e.at = parse_utc(q.getColumn(2).getString());
        e.recorded = parse_utc(q.getColumn(3).getString());
        e.kind = q.getColumn(4).getString();
        e.text = text(q.getColumn(5));
        e.field = text(q.getColumn(6));
        e.old_value = text(q.getColumn(7));
        e.new_value = text(q.getColumn(8));
        e.due = instant(q.getColumn(9));
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<Instant> Store::last_state_change(std::int64_t complaint_id) {
    SQLite::Statement q(*db_,
                        "SELECT max(at) FROM event WHERE complaint_id = ? AND kind IN ('filed', "
                        "'state', 'answered', 'paused', 'resumed', 'escalated')");
    q.bind(1, static_cast<int64_t>(complaint_id));
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return parse_utc(q.getColumn(0).getString());
}

bool Store::has_event(std::int64_t complaint_id, std::string_view kind,
                      std::optional<Instant> due) {
    SQLite::Statement q(*db_,
                        "SELECT 1 FROM event WHERE complaint_id = ? AND kind = ? AND due IS ?");
    q.bind(1, static_cast<int64_t>(complaint_id));
    q.bind(2, std::string(kind));
    bind_instant(q, 3, due);
    return q.executeStep();
}

std::vector<Evidence> Store::evidence(std::int64_t complaint_id) {
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
        e.added = parse_utc(q.getColumn(7).getString());
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace complain
