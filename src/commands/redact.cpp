// `complain redact SHA`: remove a piece of evidence's content for good, keeping its hash and
// record.
#include "complain/app/history.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {

Command redact_command(CLI::App& parent) {
    struct Options {
        std::string sha, why;
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "redact",
        tr("Remove a piece of evidence's content for good (its SHA-256, size and name stay)"));
    app->add_option("sha", o->sha,
                    tr("The SHA-256 of the content, or its first 8 or more hex digits"))
        ->required()
        ->type_name("HASH"); // not SHA: completion would offer one complaint's evidence and "all"
    app->add_option("-m,--message", o->why, tr("Why (recorded in the timeline of each complaint)"))
        ->type_name("TEXT");
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain attach 3 --list",
        "complain redact 9f86d081 -m 'Private photo, attached by mistake'",
    }));
    return {
        app, [o](Session& s) {
            Redaction r = redact(s, o->sha, o->why);
            s.commit(); // the content is gone before anything says so
            Shrunk shrunk;
            if (!r.already) shrunk = shrink_store(s, r.bytes_before);
            const auto& b = r.blob;
            if (o->format == Format::json) {
                nlohmann::ordered_json j;
                j["sha256"] = b.sha256;
                j["size"] = b.size;
                j["type"] = b.type;
                j["names"] = r.names;
                j["complaints"] = r.complaints;
                j["already_redacted"] = r.already;
                j["store_bytes_before"] =
                    r.already ? nlohmann::ordered_json() : nlohmann::ordered_json(shrunk.before);
                j["store_bytes_after"] =
                    r.already ? nlohmann::ordered_json() : nlohmann::ordered_json(shrunk.after);
                j["vacuumed"] = !r.already && shrunk.done;
                s.out().json(j);
                return;
            }
            std::string what = fmt::format(
                "{} ({}, {}{})", b.sha256.substr(0, 12), size_text(b.size), terminal_line(b.type),
                r.names.empty()
                    ? ""
                    : ", " + terminal_line(fmt::format("{}", fmt::join(r.names, ", "))));
            if (r.already) {
                s.out().line(trf("{} was redacted already: nothing changed", what));
                return;
            }
            std::vector<std::string> ids;
            for (auto id : r.complaints)
                ids.push_back(std::to_string(id));
            s.out().line(trf("Redacted {}: its content is removed from the store for good{}", what,
                             ids.empty() ? ""
                                         : trf("; recorded on complaint{} {}",
                                               ids.size() == 1 ? "" : "s", fmt::join(ids, ", "))));
            if (shrunk.done)
                s.out().line(trf("Store: {} before, {} after", size_text(shrunk.before),
                                 size_text(shrunk.after)));
            else
                s.out().warning(
                    trf("the store was busy, so its file is not smaller yet ({} now); the content "
                        "is removed all the same. To shrink it, run `sqlite3 {} VACUUM` when no "
                        "complain runs",
                        size_text(shrunk.after), s.store_path().string()));
            s.out().line(tr("Backups and exports made before keep the content."));
        }};
}

} // namespace complain
