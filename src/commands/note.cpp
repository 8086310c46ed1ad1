// `complain note ID TEXT`: add a line to a complaint's timeline.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/domain/duration.hpp"
#include "complain/domain/time.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <fmt/format.h>

namespace complain {

Command note_command(CLI::App& parent) {
    struct Options {
        std::vector<std::string> ids;
        std::string text, kind = "note", at, follow_up;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "note", tr("Add a note, a contact or a channel's answer to the timeline"));
    app->add_option("id", o->ids, tr("Complaint id (several: the same note on each)"))
        ->required()
        ->type_name("ID");
    // `note 5 6 TEXT`: the parser gives every word to the ids; the last of them is the text.
    app->add_option("text", o->text, tr("What happened; - reads it from stdin (required)"))
        ->type_name("TEXT");
    app->add_option("--kind", o->kind,
                    tr("note (default), contact (a call or message) or answer (their reply: the "
                       "complaint becomes answered, as with status ID answer)"))
        ->type_name("KIND");
    app->add_option("--at", o->at, tr("When it happened (ISO 8601; default now)"))
        ->type_name("TIME");
    app->add_option("--follow-up", o->follow_up,
                    tr("With --kind answer: the deadline of what they promised (3d, 48h, 2wd), as "
                       "with status ID answer --follow-up"))
        ->type_name("DURATION");
    app->footer(examples({
        "complain note 3 'Called 400 hotline, agent 工号 1234 promised a callback'",
        "complain note 3 'They offered 50%' --kind answer --at '2026-11-20 14:05'",
        "complain note 3 '商家同意三天内退款' --kind answer --follow-up 3d",
        "complain note 3 - < call-notes.txt",
        "complain note 5 6 'Same agent, same promise'",
    }));
    return {
        app, [o](Session& s) {
            std::vector<std::string> words = o->ids;
            if (o->text.empty() && words.size() > 1) {
                o->text = words.back();
                words.pop_back();
            } else if (o->text.empty()) {
                throw Error(Exit::usage, tr("'complain note' needs TEXT after the id: complain "
                                            "note ID TEXT (see: complain note --help)"));
            }
            std::vector<std::int64_t> ids = parse_ids(words);
            NoteRequest r{.kind = o->kind, .follow_up = o->follow_up};
            r.text = text_or_stdin(o->text, "the note");
            // A note read from a file or a pipe ends in a newline that is not part of it.
            if (o->text == "-")
                while (!r.text.empty() && (r.text.back() == '\n' || r.text.back() == '\r'))
                    r.text.pop_back();
            if (!o->at.empty()) r.at = o->at;
            std::vector<Event> added;
            for (std::int64_t id : ids) {
                r.id = id;
                added.push_back(for_each_id_change(id, ids.size(), [&] { return add_note(s, r); }));
            }
            s.commit(); // all of them or none, before anything reads as done
            for (const Event& e : added) {
                // An answer with a promise says its due, as status ID answer does.
                if (starts_follow_up(e) && e.due)
                    s.out().line(trf("Complaint {}: {} -> {}{}", e.complaint_id, e.old_value,
                                     e.new_value,
                                     trf(": follow-up due {} ({})", format_minute(*e.due, s.zone()),
                                         parse_duration(r.follow_up).str())));
                else if (e.kind == event_kind::answered)
                    s.out().line(trf("Complaint {}: {} -> {} ({})", e.complaint_id, e.old_value,
                                     e.new_value, format_moment(e.at, s.zone())));
                else
                    s.out().line(trf("Noted on complaint {} ({}, {})", e.complaint_id, e.kind,
                                     format_moment(e.at, s.zone())));
            }
        }};
}

} // namespace complain
