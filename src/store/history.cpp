// Undo, redaction and backup in the store: the commands undo can take back, content removed for
// good, and a consistent copy of the live file.
#include "complain/i18n.hpp"
#include "complain/store/store.hpp"
#include "failure.hpp"
#include "rows.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <set>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace complain {
namespace {

// The kinds undo never takes back: cron's flags are not the user's changes, and redacted content
// cannot come back.
constexpr const char* not_undoable = "kind NOT IN ('flagged-overdue', 'redacted')";

std::int64_t count(SQLite::Database& db, const char* sql) {
    return db.execAndGet(sql).getInt64();
}

} // namespace

std::vector<Store::RecentCommand> Store::recent_commands(std::optional<std::int64_t> complaint,
                                                         int limit) try {
    std::vector<RecentCommand> out;
    if (limit <= 0) return out;
    SQLite::Statement q(db(), fmt::format("SELECT id, command, recorded FROM event WHERE {}{} "
                                          "ORDER BY recorded DESC, id DESC",
                                          not_undoable, complaint ? " AND complaint_id = ?" : ""));
    if (complaint) q.bind(1, static_cast<int64_t>(*complaint));
    std::set<std::string> seen;
    while (static_cast<int>(out.size()) < limit && q.executeStep()) {
        RecentCommand c;
        c.last_event = q.getColumn(0).getInt64();
        c.command = text(q.getColumn(1));
        if (!c.command.empty() && !seen.insert(c.command).second) continue;
        c.recorded = required_instant(q.getColumn(2));
        out.push_back(std::move(c));
    }
    // Every event of a command was recorded at the same instant (the command's `now`): the
    // index on `recorded` finds them.
    SQLite::Statement by_command(db(), fmt::format("SELECT DISTINCT complaint_id FROM event "
                                                   "WHERE recorded = ? AND command = ? AND {} "
                                                   "ORDER BY 1",
                                                   not_undoable));
    SQLite::Statement by_event(db(), "SELECT complaint_id FROM event WHERE id = ?");
    for (RecentCommand& c : out) {
        SQLite::Statement& q = c.command.empty() ? by_event : by_command;
        if (c.command.empty())
            q.bind(1, static_cast<int64_t>(c.last_event));
        else {
            q.bind(1, format_utc(c.recorded));
            q.bind(2, c.command);
        }
        while (q.executeStep())
            c.complaints.push_back(q.getColumn(0).getInt64());
        q.reset();
    }
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<Store::BlobInfo> Store::blobs_by_prefix(std::string_view prefix, int limit) try {
    // The prefix is hex, checked by the caller: no LIKE wildcard can be in it.
    SQLite::Statement q(db(), "SELECT sha256, size, type, content FROM blob "
                              "WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256 LIMIT ?");
    q.bind(1, std::string(prefix));
    q.bind(2, std::string(prefix) + "g"); // every hex digit sorts before 'g'
    q.bind(3, limit);
    std::vector<BlobInfo> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                       q.getColumn(2).getString(), q.getColumn(3).getString()});
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::optional<Store::BlobInfo> Store::blob(std::string_view sha256) try {
    SQLite::Statement q(db(), "SELECT sha256, size, type, content FROM blob WHERE sha256 = ?");
    q.bind(1, std::string(sha256));
    if (!q.executeStep()) return std::nullopt;
    return BlobInfo{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                    q.getColumn(2).getString(), q.getColumn(3).getString()};
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<std::int64_t> Store::complaints_linking(std::string_view sha256) try {
    SQLite::Statement q(db(),
                        "SELECT DISTINCT complaint_id FROM evidence WHERE sha256 = ? ORDER BY 1");
    q.bind(1, std::string(sha256));
    std::vector<std::int64_t> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getInt64());
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::remove_content(std::string_view sha256) try {
    SQLite::Statement chunks(db(), "DELETE FROM chunk WHERE blob_id = "
                                   "(SELECT id FROM blob WHERE sha256 = ?)");
    chunks.bind(1, std::string(sha256));
    chunks.exec();
    SQLite::Statement mark(db(), "UPDATE blob SET content = 'redacted' WHERE sha256 = ?");
    mark.bind(1, std::string(sha256));
    mark.exec();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

bool Store::compact() try {
    if (memory_) return true;
    try {
        db().exec("VACUUM");
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return false;
        throw;
    }
    // Folds the WAL, which now holds the whole rewritten store, into the file and empties it;
    // busy (a reader in the WAL) leaves it for a later checkpoint.
    SQLite::Statement q(db(), "PRAGMA wal_checkpoint(TRUNCATE)");
    return q.executeStep() && q.getColumn(0).getInt() == 0;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::int64_t Store::file_bytes() const {
    std::int64_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
        struct stat st {};
        if (::stat((file_.string() + suffix).c_str(), &st) == 0) total += st.st_size;
    }
    return total;
}

Store::BackupCopy Store::backup(const std::filesystem::path& file, bool force) try {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target = fs::weakly_canonical(file, ec);
    if (ec) target = file;
    // The same file (a link to it included), or where SQLite would put a journal beside it.
    bool beside = is_store_file(path_, file);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (fs::path p = fs::weakly_canonical(path_.string() + suffix, ec); !ec && p == target)
            beside = true;
    if (beside)
        throw Error(Exit::usage, trf("{}: is the store itself (or a file beside it); give "
                                     "another file for the copy",
                                     file.string()));
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw Error(Exit::not_found, trf("{}: no such folder for the copy", dir.string()));
    if (::lstat(file.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            throw Error(Exit::usage,
                        trf("{}: is a folder; give a file name for the copy", file.string()));
        if (!force)
            throw Error(Exit::usage,
                        trf("{}: already exists; nothing was written (--force replaces it)",
                            file.string()));
    }
    fs::path temp = dir / fmt::format(".{}.{}.part", file.filename().string(), ::getpid());
    auto remove_temp = [&] {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            ::unlink((temp.string() + suffix).c_str());
    };
    remove_temp();
    BackupCopy out;
    try {
        {
            // Readable by its owner alone, as the store is: made 0600 before SQLite opens it.
            int made = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (made < 0) throw file_error(errno, temp, "write the copy");
            ::close(made);
            SQLite::Database copy(temp, SQLite::OPEN_READWRITE);
            // One step copies every page under this connection's read transaction: the copy is
            // the store as one snapshot, whatever other processes write meanwhile (WAL).
            SQLite::Backup backup(copy, "main", db(), "main");
            int rc = backup.executeStep(-1);
            if (rc != SQLITE_DONE)
                throw Error(Exit::busy, tr("the store changed under the copy; run backup again"));
            SQLite::Statement check(copy, "PRAGMA quick_check");
            std::vector<std::string> problems;
            while (check.executeStep())
                if (std::string line = check.getColumn(0).getString(); line != "ok")
                    problems.push_back(line);
            if (!problems.empty())
                throw Error(
                    Exit::integrity,
                    trf("the copy fails its check ({}); nothing was written", problems.front()));
            out.complaints = count(copy, "SELECT count(*) FROM complaint");
            out.events = count(copy, "SELECT count(*) FROM event");
            out.files = count(copy, "SELECT count(*) FROM blob");
            // The copy is one file: its pages go into it, not into a WAL left beside it.
            copy.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fsync(fd) != 0) {
            int err = errno;
            if (fd >= 0) ::close(fd);
            throw file_error(err, temp, "write the copy");
        }
        ::close(fd);
        if (::rename(temp.c_str(), file.c_str()) != 0)
            throw file_error(errno, file, "write the copy");
        if (int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
            ::fsync(d);
            ::close(d);
        }
    } catch (...) {
        remove_temp();
        throw;
    }
    for (const char* suffix : {"-wal", "-shm"})
        ::unlink((temp.string() + suffix).c_str());
    if (::stat(file.c_str(), &st) == 0) out.bytes = st.st_size;
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

} // namespace complain
