// What redact and backup mean: evidence content removed for good (its hash kept), and a
// consistent copy of the live store.
#pragma once

#include "complain/app/session.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace complain {

struct Redaction {
    Store::BlobInfo blob;
    std::vector<std::string> names;       // the names it was attached under
    std::vector<std::int64_t> complaints; // each given a `redacted` event
    bool already = false;                 // it was redacted before: nothing changed
    std::int64_t bytes_before = 0;        // the store file and its WAL, before
};
// Removes the content whose SHA-256 starts with `prefix` (at least 8 hex digits) in the command's
// transaction: Error(usage) when ambiguous (naming the candidates), Error(not_found) when unknown.
Redaction redact(Session& s, const std::string& prefix, const std::string& why);

struct Shrunk {
    std::int64_t before = 0, after = 0; // bytes of the store and its WAL
    bool done = false;                  // false: the store was busy; the file is not smaller yet
};
// After the commit: VACUUM and checkpoint, so that the file gives the removed content back.
Shrunk shrink_store(Session& s, std::int64_t before);

// A consistent copy of the store at `file` (see Store::backup), refused over an existing file
// unless `force`.
Store::BackupCopy backup_store(Session& s, const std::filesystem::path& file, bool force);

} // namespace complain
