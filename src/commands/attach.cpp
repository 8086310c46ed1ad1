// `complain attach ID FILE...`, `--list`, `--extract SHA|all -o DIR`: evidence in, listed, out.
#include "complain/app/evidence.hpp"
#include "complain/app/records.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command attach_command(CLI::App& parent) {
    struct Options {
        std::string id, caption, purpose, extract, dir;
        Format format;
        std::vector<std::string> files;
        bool list = false, force = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "attach",
        tr("Keep files as evidence (hashed, inside the store), list them, or extract them"));
    app->add_option("id", o->id, tr("Complaint id"))->required()->type_name("ID");
    app->add_option("files", o->files,
                    tr("Files to attach: screenshots, chat logs, order pages, recordings"))
        ->type_name("FILE");
    app->add_option("--caption", o->caption, tr("What the files show"))->type_name("TEXT");
    app->add_option("--purpose", o->purpose,
                    tr("What the files prove (证明目的), for a letter's evidence list; change it "
                       "later with edit ID --evidence SHA --purpose TEXT"))
        ->type_name("TEXT");
    app->add_flag("--list", o->list, tr("List the complaint's evidence"));
    app->add_option("--extract", o->extract,
                    tr("Write out the evidence with this SHA-256 (a prefix will do), or all"))
        ->type_name("SHA|all");
    app->add_option("-o,--output", o->dir,
                    tr("With --extract: the folder to write into (created 0700), or - for standard "
                       "output (one file)"))
        ->type_name("DIR");
    app->add_flag("--force", o->force, tr("With --extract: replace files that already exist"));
    add_format_option(app, o->format, {Format::table, Format::json, Format::csv, Format::markdown});
    app->footer(examples({
        "complain attach 3 chat.png order.pdf --caption 'Seller refuses the refund'",
        "complain attach 3 chat.png --purpose '证明商家拒绝退款'",
        "complain attach 3 --list",
        "complain attach 3 --extract 1a2b3c -o ~/case-3",
        "complain attach 3 --extract all -o ~/case-3",
        "complain attach 3 --extract 1a2b3c -o - | less",
    }));
    return {
        app, [o](Session& s) {
            Format format = o->format;
            std::int64_t id = parse_id(o->id);
            int modes =
                (o->list ? 1 : 0) + (!o->extract.empty() ? 1 : 0) + (!o->files.empty() ? 1 : 0);
            if (modes != 1)
                throw Error(Exit::usage,
                            tr("give files to attach, or --list, or --extract SHA|all -o DIR"));
            if (!o->extract.empty() && o->dir.empty())
                throw Error(Exit::usage, tr("--extract needs -o DIR: the folder to write into"));
            if (o->extract.empty() && (!o->dir.empty() || o->force))
                throw Error(Exit::usage, tr("-o and --force go with --extract"));
            if (o->files.empty() && (!o->caption.empty() || !o->purpose.empty()))
                throw Error(Exit::usage, tr("--caption and --purpose go with files to attach"));
            if (o->list) {
                auto evidence = list_evidence(s, id);
                if (format == Format::json) {
                    s.out().json(evidence_list_json(evidence, s.zone()));
                    return;
                }
                if (evidence.empty() && format == Format::table) return;
                if (format != Format::csv) s.out().page();
                s.out().table(evidence_table(evidence, format, s.zone()), format);
                return;
            }
            if (!o->extract.empty() && o->dir == "-") {
                if (o->force || format != Format::table)
                    throw Error(Exit::usage, tr("-o - writes the file's bytes as they are: "
                                                "--force and --format go with -o DIR"));
                extract_one(s, id, o->extract, [&](std::string_view bytes) { s.out().raw(bytes); });
                return;
            }
            if (!o->extract.empty()) {
                auto extracted = extract_evidence(s, id, o->extract, o->dir, o->force);
                if (format == Format::json) {
                    nlohmann::ordered_json j = nlohmann::ordered_json::array();
                    for (const auto& x : extracted)
                        j.push_back(evidence_json(x.evidence, s.zone(), x.path.string()));
                    s.out().json(j);
                    return;
                }
                for (const auto& x : extracted) {
                    const Evidence& e = x.evidence;
                    std::string name = x.path.filename().string();
                    s.out().line(trf(
                        "Extracted {} ({}, sha256 {}){}", terminal_text(x.path.string()),
                        size_text(e.size), e.sha256.substr(0, 12),
                        name == e.name ? ""
                                       : fmt::format(": stored as '{}'", terminal_text(e.name))));
                }
                return;
            }
            auto attached = attach_files(s, id, o->files, o->caption, o->purpose);
            if (format == Format::json) {
                std::vector<Evidence> list;
                for (const auto& a : attached)
                    list.push_back(a.evidence);
                s.out().json(evidence_list_json(list, s.zone()));
                return;
            }
            for (const auto& a : attached) {
                const Evidence& e = a.evidence;
                if (a.already_attached) {
                    s.out().warning(
                        trf("{}: complaint {} already has this content ({}); not added again",
                            terminal_text(e.name), id, e.sha256.substr(0, 12)));
                    continue;
                }
                s.out().line(trf("Attached {} to complaint {}: sha256 {}, {}, {}{}",
                                 terminal_text(e.name), id, e.sha256.substr(0, 12),
                                 size_text(e.size), e.type,
                                 a.stored ? "" : tr(" (content already in the store)")));
            }
        }};
}

} // namespace complain
