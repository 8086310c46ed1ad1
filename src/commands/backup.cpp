// `complain backup FILE`: a consistent copy of the live store, safe while cron writes to it.
#include "complain/app/history.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command backup_command(CLI::App& parent) {
    struct Options {
        std::string file;
        bool force = false;
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "backup", tr("Copy the store to a file, consistently, even while another complain writes"));
    app->add_option("file", o->file, tr("Where the copy goes (a new file)"))
        ->required()
        ->type_name("FILE");
    app->add_flag("-f,--force", o->force, tr("Replace FILE when it exists"));
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain backup ~/complain-$(date +%F).db",
        "complain --db ~/complain-2026-11-23.db verify",
    }));
    return {app, [o](Session& s) {
                Store::BackupCopy copy = backup_store(s, o->file, o->force);
                if (o->format == Format::json) {
                    s.out().json({{"file", o->file},
                                  {"complaints", copy.complaints},
                                  {"events", copy.events},
                                  {"files", copy.files},
                                  {"bytes", copy.bytes}});
                    return;
                }
                s.out().line(trf(
                    "Copied the store to {}: {} complaint{}, {} event{}, {} file{} of evidence; "
                    "{}",
                    terminal_line(o->file), copy.complaints, copy.complaints == 1 ? "" : "s",
                    copy.events, copy.events == 1 ? "" : "s", copy.files,
                    copy.files == 1 ? "" : "s", size_text(copy.bytes)));
            }};
}

} // namespace complain
