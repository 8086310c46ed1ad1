// `complain import FILE|-`: an export merged into the store, by UUID and SHA-256.
#include "complain/app/exchange.hpp"
#include "complain/app/history.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"
#include "complain/output/text.hpp"

#include <nlohmann/json.hpp>

namespace complain {
namespace {

// "1 new event", "2 new events": both forms said whole, for languages that count otherwise.
std::string count(std::int64_t n, const char* one, const char* many) {
    return fmt::format(fmt::runtime(tr(n == 1 ? one : many)), n);
}

} // namespace

Command import_command(CLI::App& parent) {
    struct Options {
        std::string file;
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "import", tr("Merge an export into the store: new complaints, events and evidence are "
                     "added, what is here already is left as it is"));
    app->add_option("file", o->file, tr("The export (complain export), or - for standard input"))
        ->required()
        ->type_name("FILE");
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain import complaints.jsonl",
        "ssh laptop complain export | complain import -",
    }));
    return {
        app, [o](Session& s) {
            ImportResult r = import_records(s, o->file);
            s.commit();
            // Content redacted elsewhere left its pages free here: given back to the disk, as
            // `complain redact` does.
            if (r.redacted) shrink_store(s, 0);
            if (o->format == Format::json) {
                nlohmann::ordered_json j;
                j["new_complaints"] = nlohmann::ordered_json::array();
                r.each_new([&](std::int64_t id, std::string_view uuid, std::string_view title) {
                    j["new_complaints"].push_back({{"id", id}, {"uuid", uuid}, {"title", title}});
                });
                j["complaints"] = r.complaints;
                j["events"] = r.events;
                j["evidence"] = r.evidence;
                j["files"] = r.files;
                j["bytes"] = r.bytes;
                j["redacted"] = r.redacted;
                j["already_here"] = r.already;
                j["taken_back"] = r.taken_back;
                s.out().json(j);
                return;
            }
            r.each_new([&](std::int64_t id, std::string_view uuid, std::string_view title) {
                s.out().line(trf("new complaint {}: {} ({})", id, terminal_line(title), uuid));
            });
            // "2 new complaints, 15 new events, ...", joined as the language joins a list.
            std::string sep = tr(", ");
            std::string news =
                count(r.complaints, N_("{} new complaint"), N_("{} new complaints")) + sep +
                count(r.events, N_("{} new event"), N_("{} new events"));
            if (r.evidence)
                news += sep +
                        count(r.evidence, N_("{} new evidence link"), N_("{} new evidence links"));
            if (r.files)
                news += sep + count(r.files, N_("{} new file"), N_("{} new files")) +
                        trf(" ({})", size_text(r.bytes));
            if (r.redacted)
                news += sep + count(r.redacted, N_("{} file redacted"), N_("{} files redacted"));
            for (std::int64_t id : r.taken_back)
                s.out().line(trf("complaint {} was taken back by an undo on the other "
                                 "machine: listed nowhere now (complain undo {} files it "
                                 "again)",
                                 id, id));
            // The file's records of every kind (complaints, events, evidence, files) that the
            // store had: counted as records, not as any one kind.
            std::string here =
                count(r.already, N_("{} record already here"), N_("{} records already here"));
            if (r.complaints + r.events + r.evidence + r.files + r.redacted == 0)
                s.out().line(trf("nothing new: {} ({})", news, here));
            else
                s.out().line(trf("imported {}; {}", news, here));
        }};
}

} // namespace complain
