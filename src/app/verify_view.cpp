// What verify found, as JSON and as lines for people.
#include "complain/app/verify_view.hpp"

#include "complain/app/views.hpp"
#include "complain/i18n.hpp"
#include "complain/output/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {

nlohmann::ordered_json verification_json(const Verification& v) {
    using json = nlohmann::ordered_json;
    json j{{"ok", v.integrity.empty() && v.blobs.empty()},
           {"blobs", v.blobs_checked},
           {"bytes", v.bytes_checked},
           {"integrity", v.integrity},
           {"problems", json::array()},
           {"redacted", v.blobs_redacted}, // added after release: at the end
           {"absent", v.blobs_absent}};
    for (const auto& b : v.blobs) {
        json uses = json::array();
        for (const auto& e : b.uses)
            uses.push_back({{"complaint", e.complaint_id}, {"name", e.name}});
        j["problems"].push_back({{"sha256", b.sha256}, {"problem", b.problem}, {"evidence", uses}});
    }
    return j;
}

std::vector<std::string> verification_lines(const Verification& v) {
    std::vector<std::string> out;
    for (const auto& line : v.integrity)
        out.push_back("store: " + terminal_text(line));
    for (const auto& b : v.blobs) {
        // A damaged store may hold anything where a hash should be.
        std::string sha = terminal_text(b.sha256.substr(0, 12));
        std::string problem = terminal_text(b.problem);
        if (b.uses.empty()) out.push_back(fmt::format("{}: {}", sha, problem));
        for (const auto& e : b.uses)
            out.push_back(trf("complaint {}: {} (sha256 {}): {}", e.complaint_id,
                              terminal_text(e.name), sha, problem));
    }
    if (v.integrity.empty() && v.blobs.empty())
        // Contents: an attachment shared is one.
        out.push_back(v.blobs_checked == 1
                          ? trf("ok: store intact, {} stored file ({}) matches its SHA-256",
                                v.blobs_checked, size_text(v.bytes_checked))
                          : trf("ok: store intact, {} stored files ({}) match their SHA-256",
                                v.blobs_checked, size_text(v.bytes_checked)));
    if (v.integrity.empty() && v.blobs.empty() && v.blobs_redacted + v.blobs_absent > 0) {
        std::vector<std::string> kinds;
        if (v.blobs_redacted > 0)
            kinds.push_back(trf("{} redacted (content removed for good)", v.blobs_redacted));
        if (v.blobs_absent > 0) kinds.push_back(trf("{} imported without content", v.blobs_absent));
        out.push_back(trf("   not re-hashed, only their SHA-256 kept: {}", fmt::join(kinds, ", ")));
    }
    return out;
}

} // namespace complain
