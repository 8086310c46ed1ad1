// `complain note ID TEXT`: add a line to a complaint's timeline.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"

#include <fmt/format.h>

namespace complain {

Command note_command(CLI::App& parent) {
    struct Options {
        std::string id, text, kind = "note", at;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "note", "Add a note, a contact or a channel's answer to the timeline");
    app->add_option("id", o->id, "Complaint id")->required()->type_name("ID");
    app->add_option("text", o->text, "What happened")->required()->type_name("TEXT");
    app->add_option("--kind", o->kind,
                    "note (default), contact (a call or message) or answer (their reply)")
        ->type_name("KIND");
    app->add_option("--at", o->at, "When it happened (ISO 8601; default now)")->type_name("TIME");
    app->footer(examples({
        "complain note 3 'Called 400 hotline, agent 工号 1234 promised a callback'",
        "complain note 3 'They asked for the unboxing video' --kind answer --at '2026-11-20 14:05'",
    }));
    return {app, [o](Session& s) {
                NoteRequest r{.id = parse_id(o->id), .text = o->text, .kind = o->kind};
                if (!o->at.empty()) r.at = o->at;
                Event e = add_note(s, r);
                s.out().line(fmt::format("Noted on complaint {} ({}, {})", r.id, e.kind,
                                         format_moment(e.at, s.zone())));
            }};
}

} // namespace complain
