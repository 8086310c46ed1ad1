// A new store: built under a temporary name beside its path, with nobody else able to open it,
// and linked into place when its first command commits.
#include "complain/i18n.hpp"
#include "complain/store/store.hpp"
#include "failure.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace complain {
namespace {

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
        db_ = std::make_unique<SQLite::Database>(
            file_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, busy_timeout_ms);
        // Evidence is stored in 1 MiB chunks: 64 KiB pages write them three times faster than
        // the default 4 KiB (bench/attach.sh). A page size is chosen once, before the first
        // table; the file is in a rollback journal until it is linked into place.
        db_->exec("PRAGMA page_size = 65536");
        db_->exec("PRAGMA foreign_keys = ON");
        // Statement journals (the pages one statement changed, to undo it alone) in memory: with
        // 64 KiB pages they pass SQLite's 64 KiB spill threshold at the first page, and every
        // insert would write its pages to a temporary file as well (bench/import.sh).
        db_->exec("PRAGMA temp_store = MEMORY");
        db_->exec("BEGIN IMMEDIATE");
        migrate();
    } catch (...) {
        abandon();
        throw;
    }
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
            throw Error(Exit::busy, trf("the store is busy: another complain created "
                                        "{} at the same moment; nothing was written, "
                                        "run the command again",
                                        path_.string()));
        throw file_error(err, path_, "create the store");
    }
    sync_folder(path_.parent_path());
    file_ = path_;
    db_ = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX,
                                             busy_timeout_ms);
    db_->exec("PRAGMA foreign_keys = ON");
}

} // namespace complain
