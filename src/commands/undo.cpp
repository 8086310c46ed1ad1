// `complain undo [ID]`: take back the last command that changed a complaint, or list the last ones.
#include "complain/app/undo.hpp"

#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {
namespace {

// "Took back" or "Redid" (an undo taken back), and what, without the "undo: " of a retraction.
std::pair<std::string, std::string> verb_and_what(const TakenBack& t, bool written) {
    std::string_view what = t.what;
    bool redo = what.starts_with("redo: ");
    if (what.starts_with("redo: ") || what.starts_with("undo: ")) what.remove_prefix(6);
    if (written) return {redo ? tr("Redid") : tr("Took back"), std::string(what)};
    return {redo ? tr("Would redo") : tr("Would take back"), std::string(what)};
}

// The complaint's state after the undo, in a sentence.
std::string state_line(const TakenBack& t, Session& s, bool written) {
    const Complaint& c = t.after;
    if (c.undone)
        return written ? trf("complaint {} is taken back: listed nowhere (complain undo {} files "
                             "it again)",
                             c.id, c.id)
                       : trf("complaint {} would be taken back: listed nowhere (complain undo {} "
                             "files it again)",
                             c.id, c.id);
    std::string due;
    if (c.state == State::open && c.clock.due)
        due = trf(", due {} ({})", format_minute(*c.clock.due, s.zone()),
                  terminal_text(c.clock.deadline));
    std::string_view state = to_string(c.state);
    std::string channel = terminal_text(c.channel);
    if (t.before.undone)
        return written ? trf("complaint {} is filed again: {} at {}{}", c.id, state, channel, due)
                       : trf("complaint {} would be filed again: {} at {}{}", c.id, state, channel,
                             due);
    if (c.state != t.before.state)
        return written ? trf("complaint {} is {} again at {}{}", c.id, state, channel, due)
                       : trf("complaint {} would be {} again at {}{}", c.id, state, channel, due);
    if (c.channel != t.before.channel)
        return written ? trf("complaint {} is back at {}, {}{}", c.id, channel, state, due)
                       : trf("complaint {} would be back at {}, {}{}", c.id, channel, state, due);
    return written ? trf("complaint {} is still {} at {}{}", c.id, state, channel, due)
                   : trf("complaint {} would still be {} at {}{}", c.id, state, channel, due);
}

} // namespace

Command undo_command(CLI::App& parent) {
    struct Options {
        std::string id;
        bool list = false, dry_run = false;
        int limit = 10;
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "undo", tr("Take back the last command that changed a complaint (undo again redoes)"));
    app->add_option("id", o->id,
                    tr("Only this complaint's last change (a filing taken back included)"))
        ->type_name("ID");
    app->add_flag("--list", o->list,
                  tr("List the last commands, most recent first, and whether each still stands"));
    app->add_option("--limit", o->limit, tr("With --list: how many commands (default 10)"))
        ->type_name("N");
    app->add_flag("-n,--dry-run", o->dry_run, tr("Show what would be taken back; write nothing"));
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain undo                 # take back the last command",
        "complain undo 7               # the last change of complaint 7",
        "complain undo                 # again: redoes what the first undo took back",
        "complain undo --list",
        "complain undo --dry-run",
    }));
    return {app, [o](Session& s) {
                std::optional<std::int64_t> id;
                if (!o->id.empty()) id = parse_id(o->id);
                Zone z = s.zone();
                if (o->list) {
                    if (o->dry_run)
                        throw Error(Exit::usage, tr("--dry-run goes with an undo, not --list"));
                    if (o->limit < 1)
                        throw Error(Exit::usage, tr("--limit takes a positive number"));
                    auto list = recent_changes(s, id, o->limit);
                    if (o->format == Format::json) {
                        nlohmann::ordered_json j = nlohmann::ordered_json::array();
                        for (const RecentChange& c : list)
                            j.push_back(
                                {{"command", c.command.empty() ? nlohmann::ordered_json()
                                                               : nlohmann::ordered_json(c.command)},
                                 {"recorded", format_iso(c.recorded, z)},
                                 {"complaints", c.complaints},
                                 {"kinds", c.kinds},
                                 {"what", c.what},
                                 {"standing", c.standing},
                                 {"undoable", !c.command.empty()}});
                        s.out().json(j);
                        return;
                    }
                    Table t({{tr("RECORDED"), Fit::keep},
                             {tr("COMPLAINTS"), Fit::phrase},
                             {tr("STANDING"), Fit::keep},
                             {tr("WHAT"), Fit::text}});
                    for (const RecentChange& c : list)
                        t.add_row({{format_minute(c.recorded, z)},
                                   {fmt::format("{}", fmt::join(c.complaints, " "))},
                                   {c.command.empty() ? tr("stands (before undo)")
                                                      : tr(c.standing.c_str()),
                                    c.standing == "stands" ? Color::none : Color::dim},
                                   {c.what}});
                    if (list.empty())
                        s.out().line(id ? trf("No change of complaint {} is recorded.", *id)
                                        : std::string(tr("No change is recorded.")));
                    else
                        s.out().table(t, Format::table);
                    return;
                }
                if (o->limit != 10) throw Error(Exit::usage, tr("--limit goes with --list"));
                Undone done = undo(s, UndoRequest{.id = id, .dry_run = o->dry_run});
                s.commit(); // before anything reads as done
                if (o->format == Format::json) {
                    nlohmann::ordered_json j;
                    j["command"] = done.command;
                    j["recorded"] = format_iso(done.recorded, z);
                    j["dry_run"] = !done.written;
                    j["redo"] = done.redo;
                    j["complaints"] = nlohmann::ordered_json::array();
                    for (const TakenBack& t : done.complaints) {
                        nlohmann::ordered_json c;
                        c["id"] = t.id;
                        c["took_back"] = t.what;
                        c["retracted"] = nlohmann::ordered_json::array();
                        for (const Event& e : t.cancelled)
                            c["retracted"].push_back(e.uuid);
                        c["undone"] = t.after.undone;
                        c["complaint"] = complaint_json(t.after, s);
                        j["complaints"].push_back(std::move(c));
                    }
                    s.out().json(j);
                    return;
                }
                for (const TakenBack& t : done.complaints) {
                    auto [verb, what] = verb_and_what(t, done.written);
                    s.out().line(trf("{} on complaint {}: {}, {}", verb, t.id, terminal_line(what),
                                     format_minute(done.recorded, z)));
                    s.out().line(state_line(t, s, done.written));
                }
            }};
}

} // namespace complain
