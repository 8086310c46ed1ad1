// Opening the store: creating it without a window for others, checking its schema, choosing its
// journal, committing, and what its failures mean to a user.
#include "complain/store/store.hpp"

#include "complain/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace complain {
namespace {

bool disk_full(int err) {
    return err == ENOSPC || err == EDQUOT;
}
bool denied(int err) {
    return err == EACCES || err == EPERM || err == EROFS;
}

// A failed system call on the store's files or folder, as what it means to the user.
Error file_error(int err, const std::filesystem::path& path, std::string_view doing) {
    if (disk_full(err))
        return Error(Exit::io, fmt::format("disk full: nothing was written (cannot {} {})", doing,
                                           path.string()));
    if (denied(err))
        return Error(Exit::permission, fmt::format("permission denied: cannot {} {}; nothing was "
                                                   "written",
                                                   doing, path.string()));
    if (err == ENOENT || err == ENOTDIR)
        return Error(Exit::not_found,
                     fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(err)));
    return Error(Exit::io,
                 fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(err)));
}

// A path as SQLite's URI filenames need it: '%', '?' and '#' percent-encoded.
std::string uri_path(const std::filesystem::path& path) {
    std::string out;
    for (char ch : path.string()) {
        if (ch == '%' || ch == '?' || ch == '#')
            out += fmt::format("%{:02X}", static_cast<unsigned char>(ch));
        else
            out += ch;
    }
    return out;
}

bool has_content(const std::string& file) {
    struct stat st {};
    return ::stat(file.c_str(), &st) == 0 && st.st_size > 0;
}

// Makes `dir` and the folders above it that are missing, each 0700 whatever the umask: what
// complain keeps is nobody else's business.
void make_private_folder(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> missing;
    for (std::filesystem::path p = dir; !p.empty(); p = p.parent_path()) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0) break;
        if (errno != ENOENT) throw file_error(errno, p, "reach the folder");
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
            throw file_error(errno, *it, "create the folder");
}

// Temporary stores that first commands killed before their commit left beside the store. None
// can still be in use after a minute: a first command waits at most 5 s for anything.
void remove_abandoned(const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(dir.empty() ? "." : dir, ec)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix)) continue;
        auto modified = std::filesystem::last_write_time(entry.path(), ec);
        if (!ec && now - modified > std::chrono::minutes(1))
            std::filesystem::remove(entry.path(), ec);
    }
}

void sync_folder(const std::filesystem::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
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

Store::Store(const std::filesystem::path& path, Access access) : path_(path), file_(path) {
    try {
        open(access);
    } catch (const SQLite::Exception& e) {
        throw *store_failure(e, path_, system_errno());
    }
}

void Store::open(Access access) {
    writer_ = access != Access::read;
    const std::filesystem::path& path = path_;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT) throw file_error(errno, path, "reach the store");
        if (access != Access::create)
            throw Error(Exit::not_found,
                        fmt::format("no store at {}; `complain file` creates it, or set "
                                    "COMPLAIN_DB / --db",
                                    path.string()));
        create_new();
        return;
    }
    if (S_ISDIR(st.st_mode))
        throw Error(Exit::usage, fmt::format("{}: is a directory, not a store", path.string()));
    if (!S_ISREG(st.st_mode))
        throw Error(Exit::usage,
                    fmt::format("{}: is not a regular file, not a store", path.string()));
    if (::access(path.c_str(), R_OK) != 0) throw file_error(errno, path, "read the store");
    if (access != Access::read) {
        open_writer(access == Access::bulk_write);
        return;
    }
    open_reader();
    int version = check_version();
    if (rollback_journal_) return_to_wal();
    if (version == 0) {
        // A 0-byte file, or one a killed first command left without tables: nothing to read.
        open_empty();
        return;
    }
    if (version < schema_version)
        throw Error(Exit::integrity,
                    fmt::format("{} has schema version {}; any command that writes (such as "
                                "`complain note`) upgrades it to {}",
                                path.string(), version, schema_version));
    db_->exec("BEGIN");
}

void Store::open_reader() {
    timeout_ms_ = reader_busy_timeout_ms;
    try {
        db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READONLY, timeout_ms_);
        db_->execAndGet("PRAGMA user_version");
        return;
    } catch (const SQLite::Exception& e) {
        // A bulk write was interrupted (killed, or the machine stopped) and left its rollback
        // journal: a read-only connection cannot roll it back, a read-write one does so as it
        // first reads, and then reads the store as it was before that command, back in WAL.
        if (e.getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK) {
            db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE, timeout_ms_);
            if (sqlite3_db_readonly(db_->getHandle(), "main") == 1)
                throw Error(Exit::permission,
                            fmt::format("permission denied: {} has an interrupted write to roll "
                                        "back, which needs its owner to run complain once",
                                        path_.string()));
            db_->execAndGet("PRAGMA user_version");
            rollback_journal_ = true; // returned to WAL once the schema is known to be ours
            return;
        }
        // Reading in WAL needs the shared-memory file beside the store (-shm), which cannot be
        // made in a folder this user may not write, nor on a full disk. When there is no WAL
        // content, the file alone is the whole store, and it is read as it is.
        int code = e.getErrorCode() & 0xff;
        bool no_shm = code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR ||
                      code == SQLITE_FULL || code == SQLITE_PERM;
        if (!no_shm) throw;
        if (has_content(file_.string() + "-wal")) {
            // The last writer's changes are still in the WAL, which cannot be read without the
            // shared-memory file: only someone who may write beside the store can make it.
            int err = db_ ? sqlite3_system_errno(db_->getHandle()) : 0;
            if (disk_full(err)) throw file_error(err, file_.string() + "-shm", "create");
            throw Error(Exit::permission,
                        fmt::format("permission denied: {0}-wal holds changes that can only be "
                                    "read with {0}-shm, which this user may not create; run "
                                    "complain once as the store's owner",
                                    file_.string()));
        }
    }
    db_ = std::make_unique<SQLite::Database>("file:" + uri_path(file_) + "?immutable=1",
                                             SQLite::OPEN_READONLY | SQLite::OPEN_URI, timeout_ms_);
    db_->execAndGet("PRAGMA user_version");
}

void Store::open_writer(bool bulk) {
    // SQLite makes the WAL and its shared-memory file with the store's mode at the time: a file
    // left read-only by a read of a read-only store blocks every writer, and says so here.
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::string file = file_.string() + suffix;
        if (::access(file.c_str(), W_OK) != 0 && errno != ENOENT)
            throw Error(Exit::permission,
                        fmt::format("permission denied: {} is read-only for this user; nothing "
                                    "was written{}",
                                    file,
                                    *suffix ? " (when no complain runs, remove it or make it "
                                              "writable as the store is)"
                                            : ""));
    }
    db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE, busy_timeout_ms);
    // Until the store is known to be one this binary may change, closing the connection must not
    // fold a pending WAL into it.
    sqlite3_db_config(db_->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    if (sqlite3_db_readonly(db_->getHandle(), "main") == 1)
        throw Error(Exit::permission,
                    fmt::format("permission denied: {} is read-only for this user; nothing was "
                                "written",
                                path_.string()));
    check_version();
    sqlite3_db_config(db_->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    db_->exec("PRAGMA foreign_keys = ON");
    try {
        db_->exec("PRAGMA page_size = 65536"); // for a 0-byte file made a store now, as new ones
        choose_journal(bulk);
        db_->exec("BEGIN IMMEDIATE");
        migrate();
    } catch (...) {
        abandon(); // no destructor runs for a constructor that throws
        throw;
    }
}

void Store::create_new() {
    std::filesystem::path dir = path_.parent_path();
    if (!dir.empty()) make_private_folder(dir);
    // Built under a name of its own and given the store's name only when its first command
    // commits: until then no other process can open it, so nobody can hold a store that a
    // failing first command would have to remove.
    std::string prefix = fmt::format(".{}.new-", path_.filename().string());
    remove_abandoned(dir, prefix);
    std::string temp = (dir / (prefix + "XXXXXX")).string(); // mkstemp's pattern
    int fd = ::mkstemp(temp.data());                         // mode 0600
    if (fd < 0) throw file_error(errno, dir.empty() ? "." : dir, "create the store in");
    ::close(fd);
    file_ = temp;
    creating_ = true;
    try {
        db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE, busy_timeout_ms);
        // Evidence is stored in 1 MiB chunks: 64 KiB pages write them three times faster than
        // the default 4 KiB (bench/attach.sh). A page size is chosen once, before the first
        // table; the file is in a rollback journal until it is linked into place.
        db_->exec("PRAGMA page_size = 65536");
        db_->exec("PRAGMA foreign_keys = ON");
        db_->exec("BEGIN IMMEDIATE");
        migrate();
    } catch (...) {
        abandon();
        throw;
    }
}

void Store::open_empty() {
    db_ = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
    db_->exec("BEGIN");
    migrate();
}

int Store::check_version() {
    // The version and the tables in one statement: one snapshot, even while another first
    // command is making the tables of a 0-byte store.
    SQLite::Statement q(*db_, "SELECT (SELECT user_version FROM pragma_user_version), "
                              "(SELECT count(*) FROM sqlite_master)");
    q.executeStep();
    int version = q.getColumn(0).getInt();
    int tables = q.getColumn(1).getInt();
    if (version > schema_version)
        throw Error(Exit::integrity,
                    fmt::format("{} has schema version {}, newer than this complain knows ({}): "
                                "upgrade complain; the store was not touched",
                                path_.string(), version, schema_version));
    if (version < 0)
        throw Error(Exit::integrity, fmt::format("{} has schema version {}, which no complain "
                                                 "writes; the store was not touched",
                                                 path_.string(), version));
    // A database at version 0 that already has tables belongs to some other program: migrating it
    // would change someone else's file.
    if (version == 0 && tables > 0)
        throw Error(Exit::integrity,
                    fmt::format("{} is an SQLite database but not a complain store; it "
                                "was not touched",
                                path_.string()));
    return version;
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

int Store::system_errno() const {
    return db_ ? sqlite3_system_errno(db_->getHandle()) : last_errno_;
}

void Store::start_writeback() noexcept {
    const char* suffixes[] = {"", "-wal"};
    for (size_t i = 0; i < writeback_fds_.size(); ++i) {
        int& fd = writeback_fds_[i];
        if (fd < 0) fd = ::open((file_.string() + suffixes[i]).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    }
}

void Store::abandon() noexcept {
    if (db_) {
        last_errno_ = sqlite3_system_errno(db_->getHandle());
        try {
            db_->exec("ROLLBACK");
        } catch (...) {
        }
    }
    if (rollback_journal_ && !creating_) return_to_wal();
    db_.reset();
    if (creating_) { // a new store nobody else has seen: removing it loses nothing
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            ::unlink((file_.string() + suffix).c_str());
        creating_ = false;
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
    if (creating_)
        link_into_place();
    else if (rollback_journal_)
        return_to_wal();
}

void Store::link_into_place() {
    // In WAL from the start, as every store is at rest; closing the connection checkpoints the
    // WAL into the file and removes it, so the file is whole when it gets the store's name.
    db_->exec("PRAGMA journal_mode = WAL");
    db_.reset();
    for (int& fd : writeback_fds_)
        if (fd >= 0) ::close(std::exchange(fd, -1));
    creating_ = false;
    // The name is taken only if nobody took it meanwhile: a store another first command made in
    // the same instant is never replaced.
    int moved = ::renameat2(AT_FDCWD, file_.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
    int err = errno;
    if (moved != 0 && err == EINVAL) { // a file system without RENAME_NOREPLACE
        moved = ::link(file_.c_str(), path_.c_str());
        err = errno;
    }
    ::unlink(file_.c_str());
    if (moved != 0) {
        if (err == EEXIST)
            throw Error(Exit::busy, fmt::format("the store is busy: another complain created "
                                                "{} at the same moment; nothing was written, "
                                                "run the command again",
                                                path_.string()));
        throw file_error(err, path_, "create the store");
    }
    sync_folder(path_.parent_path());
    file_ = path_;
    db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE, busy_timeout_ms);
    db_->exec("PRAGMA foreign_keys = ON");
}

std::optional<Error> store_failure(const std::exception& e, const std::filesystem::path& store,
                                   int system_errno) {
    const auto* sql = dynamic_cast<const SQLite::Exception*>(&e);
    if (sql == nullptr) return std::nullopt;
    int code = sql->getErrorCode() & 0xff;
    if (code == SQLITE_FULL || disk_full(system_errno))
        return Error(Exit::io, fmt::format("disk full: nothing was written to {}", store.string()));
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error(Exit::busy,
                     fmt::format("the store is busy: another complain is writing to it (a writer "
                                 "waits {} s for it, a reader {} s); try again",
                                 Store::busy_timeout_ms / 1000,
                                 Store::reader_busy_timeout_ms / 1000));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error(Exit::integrity, fmt::format("{} is damaged or not a complain store: {}",
                                                  store.string(), sql->what()));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return Error(Exit::permission,
                     fmt::format("permission denied: {} (or its folder) is read-only for this "
                                 "user; nothing was written",
                                 store.string()));
    default:
        break;
    }
    if (denied(system_errno))
        return Error(Exit::permission, fmt::format("permission denied: {}: {}; nothing was written",
                                                   store.string(), std::strerror(system_errno)));
    if (code == SQLITE_CANTOPEN)
        return Error(Exit::not_found,
                     fmt::format("cannot open {}: {}", store.string(), sql->what()));
    if (code == SQLITE_IOERR)
        return Error(Exit::io,
                     fmt::format("{}: I/O error ({}); nothing was written", store.string(),
                                 system_errno ? std::strerror(system_errno) : sql->what()));
    return Error(Exit::internal, fmt::format("{}: {}", store.string(), sql->what()));
}

} // namespace complain
