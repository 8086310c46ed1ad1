// `complain status [ID [STATE]]`: open work by due date, one complaint in full, or a state change.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command status_command(CLI::App& parent) {
    struct Options {
        std::string id, state, text, at, recovered, format;
        FilterOptions filters;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "status", "List open complaints by due date, show one, or change its state");
    app->add_option("id", o->id, "Complaint id: show it, or change its state")->type_name("ID");
    app->add_option(
           "state", o->state,
           "answer, pause, resume, resolve, drop or reopen (or the state: answered, paused, "
           "open, resolved, dropped)")
        ->type_name("STATE");
    app->add_option("-m,--message", o->text, "Why, or what they said (recorded in the timeline)")
        ->type_name("TEXT");
    app->add_option("--at", o->at, "When it happened (ISO 8601; default now)")->type_name("TIME");
    app->add_option("--recovered", o->recovered, "With resolve: the amount won back, as 120.00")
        ->type_name("AMOUNT");
    add_format_option(app, o->format, {"table", "json", "csv", "markdown"});
    add_filter_options(app, o->filters);
    app->footer(examples({
        "complain status                      # open work, soonest deadline first",
        "complain status 3                    # one complaint with its timeline and evidence",
        "complain status 3 answer -m 'They offered 50%'",
        "complain status 3 pause -m 'They asked for the unboxing video'",
        "complain status 3 resolve --recovered 199.00",
        "complain status --all --format json",
    }));
    return {
        app, [o](Session& s) {
            std::vector<Format> formats{Format::table, Format::json, Format::csv, Format::markdown};
            Format format = parse_format(o->format, formats);
            if (o->id.empty()) {
                ComplaintFilter filter = make_filter(o->filters, s);
                print_complaints(s.store(Store::Access::read).complaints(filter), format, s);
                return;
            }
            std::int64_t id = parse_id(o->id);
            if (o->state.empty()) {
                if (format == Format::csv || format == Format::markdown)
                    throw Error(
                        Exit::usage,
                        "--format csv and markdown are for lists; use json for one complaint");
                Store& store = s.store(Store::Access::read);
                Complaint c = store.complaint(id);
                auto events = store.events(id);
                auto evidence = store.evidence(id);
                if (format == Format::json)
                    s.out().json(complaint_json(c, s, &events, &evidence));
                else {
                    s.out().page();
                    s.out().raw(complaint_detail(c, events, evidence, s));
                }
                return;
            }
            StateChange change{
                .id = id, .word = o->state, .text = o->text, .recovered = o->recovered};
            if (!o->at.empty()) change.at = o->at;
            StateChanged done = change_state(s, change);
            if (format == Format::json) {
                s.out().json(complaint_json(done.complaint, s));
                return;
            }
            std::string extra;
            const Complaint& c = done.complaint;
            if (done.event.kind == event_kind::resumed && c.clock.due)
                extra = fmt::format(": due {}", format_minute(*c.clock.due, s.zone()));
            if (c.state == State::open && done.event.kind != event_kind::resumed && c.clock.due)
                extra = fmt::format(": due {} ({})", format_minute(*c.clock.due, s.zone()),
                                    terminal_text(c.clock.deadline));
            s.out().line(fmt::format("Complaint {}: {} -> {}{}", c.id, to_string(done.from),
                                     to_string(c.state), extra));
        }};
}

} // namespace complain
