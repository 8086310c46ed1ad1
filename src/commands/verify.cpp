// `complain verify`: the store's integrity, and every piece of evidence re-hashed.
#include "complain/app/records.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command verify_command(CLI::App& parent) {
    struct Options {
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "verify",
        "Check the store's integrity and re-hash every piece of evidence (exit 6 on a mismatch)");
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({"complain verify", "complain verify --format json"}));
    return {app, [o](Session& s) {
                Format format = o->format;
                Verification v = verify_store(s);
                bool ok = v.integrity.empty() && v.blobs.empty();
                if (format == Format::json) {
                    nlohmann::ordered_json j{{"ok", ok},
                                             {"blobs", v.blobs_checked},
                                             {"bytes", v.bytes_checked},
                                             {"integrity", v.integrity},
                                             {"problems", nlohmann::ordered_json::array()}};
                    for (const auto& b : v.blobs) {
                        nlohmann::ordered_json uses = nlohmann::ordered_json::array();
                        for (const auto& e : b.uses)
                            uses.push_back({{"complaint", e.complaint_id}, {"name", e.name}});
                        j["problems"].push_back(
                            {{"sha256", b.sha256}, {"problem", b.problem}, {"evidence", uses}});
                    }
                    s.out().json(j);
                } else {
                    for (const auto& line : v.integrity)
                        s.out().line("store: " + terminal_text(line));
                    for (const auto& b : v.blobs) {
                        // A damaged store may hold anything where a hash should be.
                        std::string sha = terminal_text(b.sha256.substr(0, 12));
                        std::string problem = terminal_text(b.problem);
                        if (b.uses.empty()) s.out().line(fmt::format("{}: {}", sha, problem));
                        for (const auto& e : b.uses)
                            s.out().line(fmt::format("complaint {}: {} (sha256 {}): {}",
                                                     e.complaint_id, terminal_text(e.name), sha,
                                                     problem));
                    }
                    if (ok)
                        s.out().line(fmt::format( // contents: an attachment shared is one
                            "ok: store intact, {} stored {} ({}) {} SHA-256", v.blobs_checked,
                            v.blobs_checked == 1 ? "file" : "files", size_text(v.bytes_checked),
                            v.blobs_checked == 1 ? "matches its" : "match their"));
                }
                if (!ok)
                    throw Error(
                        Exit::integrity,
                        fmt::format("verify found {} problem(s): {} in the store, {} in evidence",
                                    v.integrity.size() + v.blobs.size(), v.integrity.size(),
                                    v.blobs.size()));
            }};
}

} // namespace complain
