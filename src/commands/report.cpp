// `complain report`: overdue and due-soon lists for cron, summaries, exports, and the dossier.
#include "complain/app/report.hpp"

#include "complain/app/dossier.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {
namespace {

struct ReportOptions {
    std::string id, output, lang;
    Format format = Format::table;
    bool overdue = false, due_soon = false, flag = false, only_new = false, exit_code = false;
    bool dossier = false;
    FilterOptions filters;

    bool lists() const { return overdue || due_soon || flag || only_new || exit_code; }
};

void run_dossier(Session& s, const ReportOptions& o) {
    if (o.id.empty())
        throw Error(Exit::usage, tr("--dossier needs a complaint id: complain report 3 --dossier"));
    if (o.lists())
        throw Error(Exit::usage,
                    tr("--dossier is about one complaint; --overdue, --due-soon, --flag, "
                       "--new and --exit-code are for lists"));
    std::int64_t id = parse_id(o.id);
    if (o.format != Format::table && o.format != Format::markdown && o.format != Format::html)
        throw Error(Exit::usage, trf("--format {}: a dossier is markdown (the default) or "
                                     "html",
                                     to_string(o.format)));
    Format format = o.format == Format::html ? Format::html : Format::markdown;
    std::optional<Language> lang;
    if (!o.lang.empty()) {
        lang = language_named(o.lang);
        if (!lang)
            throw Error(Exit::usage, trf("--lang {}: a dossier is written in zh_CN or en", o.lang));
    }
    if (o.output.empty()) {
        std::string text = dossier(s, id, format, lang);
        s.out().page();
        s.out().raw(text);
        return;
    }
    write_file_atomically(o.output, dossier(s, id, format, lang));
    s.out().line(trf("Wrote the dossier of complaint {} to {}", id, terminal_text(o.output)));
}

void run_list(Session& s, ReportOptions o, Format format) {
    ListRequest r{.overdue = o.overdue,
                  .due_soon = o.due_soon,
                  .flag = o.flag,
                  .only_new = o.only_new,
                  .filter = make_filter(o.filters, s)};
    // --flag, --new and --exit-code are about what is late: alone, they mean --overdue.
    if (!r.overdue && !r.due_soon && o.lists()) r.overdue = true;
    ListResult result = report_list(s, r, format);
    // Only a list that reached its reader counts as sent: a full disk or a closed mail pipe
    // throws here, and the overdue complaints are flagged (and listed by --new) next run.
    s.out().flush();
    record_flags(s, result);
    if (o.exit_code && result.listed > 0) s.set_exit_code(Exit::condition);
}

void run_summary(Session& s, ReportOptions o, Format format) {
    if (o.filters.states.empty()) o.filters.all = true; // a summary counts closed complaints too
    Summary summary = summarize(s, make_filter(o.filters, s));
    switch (format) {
    case Format::json:
        s.out().json(summary_json(summary, s.zone()));
        break;
    case Format::csv:
        s.out().table(summary_csv_table(summary), Format::csv);
        break;
    case Format::markdown:
        s.out().page();
        s.out().raw(summary_markdown(summary, s.zone()));
        break;
    default:
        s.out().page();
        s.out().raw(summary_text(summary, s.zone(), s.out().color(), s.out().width()));
        break;
    }
}

} // namespace

Command report_command(CLI::App& parent) {
    auto o = std::make_shared<ReportOptions>();
    CLI::App* app = parent.add_subcommand(
        "report", tr("Overdue and due-soon lists (for cron), summaries, exports, and dossiers"));
    app->add_option("id", o->id, tr("Complaint id, with --dossier"))->type_name("ID");
    app->add_flag("--overdue", o->overdue, tr("List open complaints past their due"))
        ->group("Lists");
    app->add_flag("--due-soon", o->due_soon, tr("List open complaints in their warning window"))
        ->group("Lists");
    app->add_flag("--flag", o->flag,
                  tr("Record a flagged-overdue event on each overdue complaint listed, once per "
                     "deadline"))
        ->group("Lists");
    app->add_flag("--new", o->only_new,
                  tr("Leave out complaints already flagged for their current deadline"))
        ->group("Lists");
    app->add_flag("--exit-code", o->exit_code, tr("Exit with 1 when the list is not empty"))
        ->group("Lists");
    app->add_flag(
           "--dossier", o->dossier,
           tr("Everything about complaint ID, for a regulator or a court (markdown or html)"))
        ->group("Dossier");
    app->add_option("-o,--output", o->output,
                    tr("Write the dossier to FILE (replaced atomically) instead of stdout"))
        ->type_name("FILE")
        ->group("Dossier");
    app->add_option("--lang", o->lang,
                    tr("The dossier's language: zh_CN or en (default: that of messages)"))
        ->type_name("LANG")
        ->group("Dossier");
    add_format_option(
        app, o->format,
        {Format::table, Format::json, Format::csv, Format::markdown, Format::ics, Format::html});
    add_filter_options(app, o->filters);
    app->footer(examples({
        "complain report                        # per channel, state and category",
        "complain report --overdue --flag --new # for cron: each overdue complaint once",
        "complain report --due-soon             # what to chase before it is late",
        "complain report --since 2026-01-01 --format json",
        "complain report --format ics > deadlines.ics",
        "complain report 3 --dossier --format html -o complaint-3.html",
        "",
        "Without --overdue or --due-soon, --flag, --new and --exit-code apply to the",
        "overdue list. A complaint is answered in time when the channel answered",
        "(`status ID answer`, a note of kind answer, or resolving it) at or before the",
        "due in force at that moment.",
    }));
    return {
        app, [o](Session& s) {
            if (o->dossier || !o->id.empty()) {
                if (!o->dossier)
                    throw Error(Exit::usage, trf("report {0} makes a dossier: complain report {0} "
                                                 "--dossier (complain status {0} shows it)",
                                                 o->id));
                run_dossier(s, *o);
                return;
            }
            if (!o->output.empty())
                throw Error(Exit::usage,
                            tr("-o goes with --dossier; redirect other reports with >"));
            Format format = o->format;
            if (format == Format::html)
                throw Error(Exit::usage, tr("--format html is for a dossier: complain report ID "
                                            "--dossier --format html"));
            if (o->lists() || format == Format::ics)
                run_list(s, *o, format);
            else
                run_summary(s, *o, format);
        }};
}

} // namespace complain
