// `complain export [ID...] [--since T] [--no-content] [-o FILE]`: the record as JSON Lines.
#include "complain/app/dossier.hpp"
#include "complain/app/exchange.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

namespace complain {

Command export_command(CLI::App& parent) {
    struct Options {
        std::vector<std::string> ids;
        std::string since, output;
        bool no_content = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "export",
        tr("Write the record as JSON Lines (complaints, timelines, evidence), for import"));
    app->add_option("ids", o->ids, tr("Complaints to export (default: every one)"))
        ->type_name("ID");
    app->add_option("--since", o->since,
                    tr("Only events recorded and evidence added at or after this time, of the "
                       "complaints that have such events"))
        ->type_name("TIME");
    app->add_flag("--no-content", o->no_content,
                  tr("Leave evidence content out; hashes, sizes and names stay"));
    app->add_option("-o,--output", o->output,
                    tr("Write to FILE, which appears whole at the end (default and -: standard "
                       "output)"))
        ->type_name("FILE");
    app->footer(examples({
        "complain export -o complaints.jsonl",
        "complain export 3 7 --no-content",
        "complain export --since 2026-11-01 | ssh server complain import -",
    }));
    return {app, [o](Session& s) {
                ExportOptions e;
                e.ids = parse_ids(o->ids);
                if (!o->since.empty()) e.since = s.parse_time(o->since);
                e.content = !o->no_content;
                if (o->output.empty() || o->output == "-") {
                    export_records(s, e, [&](std::string_view line) { s.out().raw(line); });
                    return;
                }
                AtomicFile file(o->output);
                std::string buffer;
                buffer.reserve(size_t{1} << 20);
                export_records(s, e, [&](std::string_view line) {
                    buffer += line;
                    if (buffer.size() >= size_t{1} << 20) {
                        file.write(buffer);
                        buffer.clear();
                    }
                });
                file.write(buffer);
                file.finish();
            }};
}

} // namespace complain
