// Export and import: the whole record as versioned JSON Lines (complain(1), EXPORT FORMAT), and
// an export merged back into a store by UUID and SHA-256.
#pragma once

#include "complain/app/session.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

inline constexpr int export_version = 1;

struct ExportOptions {
    std::vector<std::int64_t> ids; // none: every complaint
    std::optional<Instant> since;  // only what was recorded at or after it
    bool content = true;           // evidence content as chunks; false: hashes only
};
// Writes the export to `sink`, a line at a time, each ending in "\n", from one snapshot of the
// store. An unknown id is Error(not_found) before the first line.
void export_records(Session& s, const ExportOptions& o,
                    const std::function<void(std::string_view)>& sink);

struct ImportResult {
    std::int64_t complaints = 0; // new complaints
    std::int64_t events = 0;     // new events
    std::int64_t evidence = 0;   // new evidence links
    std::int64_t files = 0;      // files whose content arrived
    std::int64_t bytes = 0;      // their size
    std::int64_t redacted = 0;   // files whose content the import removed (redacted elsewhere)
    std::int64_t already = 0;    // records of the file that the store had already
    // Complaints here whose filing the import's events took back (an undo on another machine).
    std::vector<std::int64_t> taken_back;
    // The new complaints, one line each, "ID\tUUID\tTITLE\n", kept in a temporary file rather
    // than in memory (an import can bring a hundred thousand).
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> mapping{nullptr, &std::fclose};
    // Calls `f` for each new complaint, in the order of the file.
    void each_new(const std::function<void(std::int64_t id, std::string_view uuid,
                                           std::string_view title)>& f) const;
};
// Reads an export from `file` (a path, or "-" for standard input) and merges it into the store
// in the command's transaction, which the caller commits. Bad content is Error(integrity) naming
// the line; nothing is written then.
ImportResult import_records(Session& s, const std::string& file);

} // namespace complain
