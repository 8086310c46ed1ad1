// Redaction (evidence content removed for good, the hash and the record kept) and backup.
#include "complain/app/history.hpp"

#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {

Redaction redact(Session& s, const std::string& typed, const std::string& why) {
    std::string prefix;
    for (char ch : typed)
        prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (prefix.size() < 8 || prefix.size() > 64 ||
        prefix.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw Error(Exit::usage,
                    trf("'{}' is not a SHA-256 prefix: give at least 8 hex digits (see: "
                        "complain attach ID --list)",
                        typed));
    check_text("-m", why, 1000, false);
    Store& store = s.store(Store::Access::write);
    std::int64_t bytes_before = store.file_bytes();
    auto found = store.blobs_by_prefix(prefix, 10);
    if (found.empty())
        throw Error(Exit::not_found,
                    trf("no stored evidence has a SHA-256 starting with {}", prefix));
    if (found.size() > 1) {
        std::vector<std::string> shas;
        for (const auto& b : found)
            shas.push_back(b.sha256.substr(0, 16));
        throw Error(Exit::usage, trf("{} is ambiguous: it starts {}{}; give more digits", prefix,
                                     fmt::join(shas, ", "), found.size() == 10 ? ", ..." : ""));
    }
    Redaction out{.blob = found.front(), .bytes_before = bytes_before};
    const std::string& sha = out.blob.sha256;
    out.complaints = store.complaints_linking(sha);
    for (std::int64_t id : out.complaints)
        for (const Evidence& e : store.evidence(id))
            if (e.sha256 == sha &&
                std::find(out.names.begin(), out.names.end(), e.name) == out.names.end())
                out.names.push_back(e.name);
    if (out.blob.content == "redacted") {
        out.already = true;
        return out;
    }
    store.remove_content(sha);
    Instant now = s.now();
    for (std::int64_t id : out.complaints) {
        auto c = store.find_complaint(id);
        Event e{.complaint_id = id,
                .at = now,
                .recorded = now,
                .kind = std::string(event_kind::redacted),
                .text = fmt::format("{} (sha256 {}, {}): {}", fmt::join(out.names, ", "),
                                    sha.substr(0, 12), size_text(out.blob.size),
                                    why.empty() ? "content removed for good; its hash, size and "
                                                  "name are kept"
                                                : why),
                .field = "evidence",
                .new_value = sha,
                .due = c ? c->clock.due : std::nullopt};
        store.add_event(e);
        store.rebuild(id);
    }
    out.blob.content = "redacted";
    return out;
}

Shrunk shrink_store(Session& s, std::int64_t before) {
    Store& store = s.store(Store::Access::write);
    Shrunk out{.before = before};
    out.done = store.compact();
    out.after = store.file_bytes();
    return out;
}

Store::BackupCopy backup_store(Session& s, const std::filesystem::path& file, bool force) {
    Store& store = s.store(Store::Access::read);
    Store::BackupCopy copy = store.backup(file, force);
    store.commit();
    return copy;
}

} // namespace complain
