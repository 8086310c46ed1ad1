// Opening the store: checking its schema, choosing its journal, committing; and a store in memory.
#include "complain/store/store.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "failure.hpp"
#include "rows.hpp"

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

std::int64_t sum(const std::vector<std::int64_t>& sizes) {
    std::int64_t total = 0;
    for (std::int64_t size : sizes)
        total += size;
    return total;
}

bool has_content(const std::string& file) {
    struct stat st {};
    return ::stat(file.c_str(), &st) == 0 && st.st_size > 0;
}

} // namespace

Store::Store(const std::filesystem::path& path, Access access,
             const std::vector<std::int64_t>& incoming)
    : path_(path), file_(path) {
    try {
        open(access, incoming);
    } catch (const SQLite::Exception& e) {
        throw failure(e);
    }
}

Store::Store(std::shared_ptr<SQLite::Database> memory, Access access)
    : path_(":memory:"), file_(":memory:"), db_(std::move(memory)), memory_(true),
      writer_(access != Access::read) {
    try {
        db_->exec(writer_ ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (const SQLite::Exception& e) {
        throw failure(e);
    }
}

MemoryStore::MemoryStore() {
    db_ = std::make_shared<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
    db_->exec("PRAGMA foreign_keys = ON");
    Store schema(db_, Store::Access::create);
    schema.migrate();
    schema.commit();
}

std::unique_ptr<Store> MemoryStore::open(Store::Access access) const {
    return std::unique_ptr<Store>(new Store(db_, access));
}

std::unique_ptr<Store> Store::in_memory() {
    return MemoryStore().open(Access::create);
}

bool Store::is_store_file(const std::filesystem::path& store, const std::filesystem::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-journal"})
        if (std::filesystem::equivalent(store.string() + suffix, file, ec)) return true;
    return false;
}

Error Store::failure(const SQLite::Exception& e) const {
    return *store_failure(e, path_, system_errno());
}

Store::Journal Store::journal() try {
    return {db_->execAndGet("PRAGMA journal_mode").getString(),
            db_->execAndGet("PRAGMA synchronous").getInt()};
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::open(Access access, const std::vector<std::int64_t>& incoming) {
    writer_ = access != Access::read;
    const std::filesystem::path& path = path_;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT) throw file_error(errno, path, "reach the store");
        if (access != Access::create)
            throw Error(Exit::not_found, trf("no store at {}; `complain file` creates it, or set "
                                             "COMPLAIN_DB / --db",
                                             path.string()));
        create_new();
        return;
    }
    if (S_ISDIR(st.st_mode))
        throw Error(Exit::usage, trf("{}: is a directory, not a store", path.string()));
    if (!S_ISREG(st.st_mode))
        throw Error(Exit::usage, trf("{}: is not a regular file, not a store", path.string()));
    if (::access(path.c_str(), R_OK) != 0) throw file_error(errno, path, "read the store");
    if (access != Access::read) {
        open_writer(incoming);
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
    if (version < schema_version) {
        // A store an older complain wrote: upgraded first, in a transaction of its own, so that
        // after an upgrade of complain the first command (cron's report, say) reads on.
        db_.reset();
        try {
            Store writer(path_, Access::write);
            writer.commit();
        } catch (const Error& e) {
            if (e.code() != Exit::permission && e.code() != Exit::io) throw;
            throw Error(e.code(),
                        fmt::format("{} has schema version {}, and upgrading it to {} failed: {}",
                                    path.string(), version, schema_version, e.what()));
        }
        open_reader();
        check_version();
    }
    db_->exec(fmt::format("PRAGMA cache_size = -{}", reader_cache_kib));
    db_->exec("BEGIN");
}

// Every connection to a store file is opened without SQLite's own mutexes (OPEN_NOMUTEX): only
// the thread that opened it uses it (the helper threads of attach and import hash and read files,
// never SQLite), and a lock around every column read cost a long list 5% of its time.
void Store::open_reader() {
    timeout_ms_ = reader_busy_timeout_ms;
    try {
        db_ = std::make_unique<SQLite::Database>(
            file_, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, timeout_ms_);
        db_->execAndGet("PRAGMA user_version");
        return;
    } catch (const SQLite::Exception& e) {
        // A bulk write was interrupted (killed, or the machine stopped) and left its rollback
        // journal: a read-only connection cannot roll it back, a read-write one does so as it
        // first reads, and then reads the store as it was before that command, back in WAL.
        if (e.getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK) {
            db_ = std::make_unique<SQLite::Database>(
                file_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, timeout_ms_);
            if (sqlite3_db_readonly(db_->getHandle(), "main") == 1)
                throw Error(Exit::permission,
                            trf("permission denied: {} has an interrupted write to roll "
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
                        trf("permission denied: {0}-wal holds changes that can only be "
                            "read with {0}-shm, which this user may not create; run "
                            "complain once as the store's owner",
                            file_.string()));
        }
    }
    db_ = std::make_unique<SQLite::Database>(
        "file:" + uri_path(file_) + "?immutable=1",
        SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX, timeout_ms_);
    db_->execAndGet("PRAGMA user_version");
}

void Store::open_writer(const std::vector<std::int64_t>& incoming) {
    // SQLite makes the WAL and its shared-memory file with the store's mode at the time: a file
    // left read-only by a read of a read-only store blocks every writer, and says so here.
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::string file = file_.string() + suffix;
        if (::access(file.c_str(), W_OK) != 0 && errno != ENOENT)
            throw Error(Exit::permission,
                        trf("permission denied: {} is read-only for this user; nothing "
                            "was written{}",
                            file,
                            *suffix ? " (when no complain runs, remove it or make it "
                                      "writable as the store is)"
                                    : ""));
    }
    db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX,
                                             busy_timeout_ms);
    // Until the store is known to be one this binary may change, closing the connection must not
    // fold a pending WAL into it.
    sqlite3_db_config(db_->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    if (sqlite3_db_readonly(db_->getHandle(), "main") == 1)
        throw Error(Exit::permission,
                    trf("permission denied: {} is read-only for this user; nothing was "
                        "written",
                        path_.string()));
    int version = check_version();
    sqlite3_db_config(db_->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    db_->exec("PRAGMA foreign_keys = ON");
    // Statement journals (the pages one statement changed, to undo it alone) in memory: with
    // 64 KiB pages they pass SQLite's 64 KiB spill threshold at the first page, and every insert
    // would write its pages to a temporary file as well (bench/import.sh).
    db_->exec("PRAGMA temp_store = MEMORY");
    try {
        db_->exec("PRAGMA page_size = 65536"); // for a 0-byte file made a store now, as new ones
        choose_journal(version > 0 ? bulk(incoming) : sum(incoming) >= bulk_bytes);
        db_->exec("BEGIN IMMEDIATE");
        migrate();
    } catch (...) {
        abandon(); // no destructor runs for a constructor that throws
        throw;
    }
}

bool Store::bulk(const std::vector<std::int64_t>& incoming) {
    if (sum(incoming) < bulk_bytes) return false;
    // Content can only duplicate a stored blob of the same size: count what will be written, as
    // more often than not a same-size blob is the same content. Read before the transaction, as a
    // guess: a wrong one costs time, never data.
    std::int64_t fresh = 0;
    for (std::int64_t size : incoming)
        if (!has_blob_of_size(size)) fresh += size;
    return fresh >= bulk_bytes;
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
                    trf("{} has schema version {}, newer than this complain knows ({}): "
                        "upgrade complain; the store was not touched",
                        path_.string(), version, schema_version));
    if (version < 0)
        throw Error(Exit::integrity, trf("{} has schema version {}, which no complain "
                                         "writes; the store was not touched",
                                         path_.string(), version));
    // A database at version 0 that already has tables belongs to some other program: migrating it
    // would change someone else's file.
    if (version == 0 && tables > 0)
        throw Error(Exit::integrity, trf("{} is an SQLite database but not a complain store; it "
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
    finalize_statements();
    db_.reset();
    for (int fd : writeback_fds_)
        if (fd >= 0) ::close(fd);
}

int Store::system_errno() const {
    return db_ ? sqlite3_system_errno(db_->getHandle()) : last_errno_;
}

void Store::start_writeback() noexcept {
    if (memory_) return;
    const char* suffixes[] = {"", "-wal"};
    for (size_t i = 0; i < writeback_fds_.size(); ++i) {
        int& fd = writeback_fds_[i];
        if (fd < 0) fd = ::open((file_.string() + suffixes[i]).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    }
}

void Store::finalize_statements() noexcept {
    statements_.clear();
    complaint_by_id_.reset();
}

void Store::abandon() noexcept {
    finalize_statements(); // before the rollback and the close
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

void Store::commit() try {
    finalize_statements();
    db_->exec("COMMIT");
    committed_ = true;
    if (creating_)
        link_into_place();
    else if (rollback_journal_)
        return_to_wal();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

} // namespace complain
