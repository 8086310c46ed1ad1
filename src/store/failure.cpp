// What failures of SQLite and of the file system under the store mean to a user.
#include "failure.hpp"

#include "complain/i18n.hpp"
#include "complain/store/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sqlite3.h>

namespace complain {

bool disk_full(int err) {
    return err == ENOSPC || err == EDQUOT;
}
bool denied(int err) {
    return err == EACCES || err == EPERM || err == EROFS;
}

Error file_error(int err, const std::filesystem::path& path, std::string_view doing) {
    if (disk_full(err))
        return Error(Exit::io,
                     trf("disk full: nothing was written (cannot {} {})", doing, path.string()));
    if (denied(err))
        return Error(Exit::permission, trf("permission denied: cannot {} {}; nothing was "
                                           "written",
                                           doing, path.string()));
    if (err == ENOENT || err == ENOTDIR)
        return Error(Exit::not_found,
                     trf("cannot {} {}: {}", doing, path.string(), std::strerror(err)));
    return Error(Exit::io, trf("cannot {} {}: {}", doing, path.string(), std::strerror(err)));
}

std::optional<Error> store_failure(const std::exception& e, const std::filesystem::path& store,
                                   int system_errno) {
    const auto* sql = dynamic_cast<const SQLite::Exception*>(&e);
    if (sql == nullptr) return std::nullopt;
    int code = sql->getErrorCode() & 0xff;
    if (code == SQLITE_FULL || disk_full(system_errno))
        return Error(Exit::io, trf("disk full: nothing was written to {}", store.string()));
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error(Exit::busy,
                     trf("the store is busy: another complain is writing to it (a writer "
                         "waits {} s for it, a reader {} s); try again",
                         Store::busy_timeout_ms / 1000, Store::reader_busy_timeout_ms / 1000));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error(Exit::integrity,
                     trf("{} is damaged or not a complain store: {}", store.string(), sql->what()));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return Error(Exit::permission,
                     trf("permission denied: {} (or its folder) is read-only for this "
                         "user; nothing was written",
                         store.string()));
    default:
        break;
    }
    if (denied(system_errno))
        return Error(Exit::permission, trf("permission denied: {}: {}; nothing was written",
                                           store.string(), std::strerror(system_errno)));
    if (code == SQLITE_CANTOPEN)
        return Error(Exit::not_found, trf("cannot open {}: {}", store.string(), sql->what()));
    if (code == SQLITE_IOERR)
        return Error(Exit::io, trf("{}: I/O error ({}); nothing was written", store.string(),
                                   system_errno ? std::strerror(system_errno) : sql->what()));
    return Error(Exit::internal, fmt::format("{}: {}", store.string(), sql->what()));
}

} // namespace complain
