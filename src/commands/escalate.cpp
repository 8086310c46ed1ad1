// `complain escalate ID`: take a complaint to the next rung of its ladder.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command escalate_command(CLI::App& parent) {
    struct Options {
        std::vector<std::string> ids;
        std::string to, text, at;
        Format format;
        bool dry_run = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app =
        parent.add_subcommand("escalate", tr("Take a complaint to the next channel of its ladder"));
    app->add_option("id", o->ids, tr("Complaint id (several: each goes up its own ladder)"))
        ->required()
        ->type_name("ID");
    app->add_option("--to", o->to, tr("Escalate to this channel instead of the next rung"))
        ->type_name("CHANNEL");
    app->add_option("-m,--message", o->text, tr("Why (recorded in the timeline)"))
        ->type_name("TEXT");
    app->add_option("--at", o->at, tr("When it was escalated (ISO 8601; default now)"))
        ->type_name("TIME");
    app->add_flag("-n,--dry-run", o->dry_run,
                  tr("Show where it would go and when that channel's answer would be due"));
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain escalate 3 -m 'Seller ignored the refund request'",
        "complain escalate 3 --to 12315 --dry-run",
    }));
    return {
        app, [o](Session& s) {
            std::vector<std::int64_t> ids = parse_ids(o->ids);
            std::vector<Escalation> done;
            for (std::int64_t id : ids) {
                EscalationRequest r{.id = id, .to = o->to, .text = o->text, .dry_run = o->dry_run};
                if (!o->at.empty()) r.at = o->at;
                done.push_back(for_each_id_change(id, ids.size(), [&] { return escalate(s, r); }));
            }
            s.commit(); // all of them or none, before anything reads as done
            nlohmann::ordered_json escalated = nlohmann::ordered_json::array();
            for (const Escalation& e : done) {
                if (o->format == Format::json) {
                    escalated.push_back(complaint_json(e.complaint, s));
                    continue;
                }
                const Complaint& c = e.complaint;
                const Channel& ch = s.config().channel(c.channel);
                std::string due = c.clock.due
                                      ? trf("due {} ({})", format_minute(*c.clock.due, s.zone()),
                                            c.clock.deadline)
                                      : std::string(tr("no deadline"));
                std::string from = terminal_text(e.from), to = terminal_text(ch.key),
                            name = terminal_text(ch.name);
                s.out().line(e.written ? trf("Escalated complaint {} from {} to {} ({}), level "
                                             "{}: {}",
                                             c.id, from, to, name, c.level, terminal_text(due))
                                       : trf("Would escalate complaint {} from {} to {} ({}), "
                                             "level {}: {}",
                                             c.id, from, to, name, c.level, terminal_text(due)));
            }
            if (o->format == Format::json) s.out().json(ids.size() == 1 ? escalated[0] : escalated);
        }};
}

} // namespace complain
