// `complain __complete`: the values shell completion offers, one `value<TAB>description` per line,
// read from CLI11's own option list, the live config and the store, so completion scripts never
// parse human output and never go stale. Hidden from --help; never prints an error.
#include "complain/app/letter.hpp"
#include "complain/app/records.hpp"
#include "complain/commands/command.hpp"
#include "complain/domain/state.hpp"
#include "complain/output/output.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

namespace complain {

namespace {

// Printed alone on a line: the shell should complete file (or folder) names itself.
const char* const files_directive = ":files";
const char* const dirs_directive = ":dirs";

std::string one_line(std::string text) {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return text;
}

void emit(Session& s, std::string_view value, std::string_view description = {}) {
    if (description.empty())
        s.out().line(terminal_text(value));
    else
        s.out().line(fmt::format("{}\t{}", terminal_text(value),
                                 terminal_text(one_line(std::string(description)))));
}

bool visible(const CLI::App* app) {
    return !app->get_group().empty() && !app->get_name().empty();
}

CLI::App* find_subcommand(CLI::App* app, std::string_view name) {
    for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; }))
        if (sub->get_name() == name) return sub;
    return nullptr;
}

// The app that `path` (command names such as {"calendar", "add"}) names, or null.
CLI::App* app_at(CLI::App* root, const std::vector<std::string>& path) {
    CLI::App* app = root;
    for (const auto& name : path)
        if (!(app = find_subcommand(app, name))) return nullptr;
    return app;
}

bool takes_value(const CLI::Option* opt) {
    return opt->get_items_expected_max() > 0;
}

// An option of `app` or, since options fall through, of the apps above it.
const CLI::Option* find_option(CLI::App* app, std::string_view name) {
    for (CLI::App* a = app; a != nullptr; a = a->get_parent())
        for (const CLI::Option* opt : a->get_options()) {
            if (opt->get_positional() && !opt->nonpositional()) continue;
            for (const auto& l : opt->get_lnames())
                if (name == "--" + l) return opt;
            for (const auto& sn : opt->get_snames())
                if (name == "-" + sn) return opt;
        }
    return nullptr;
}

std::vector<const CLI::Option*> positionals(CLI::App* app) {
    std::vector<const CLI::Option*> out;
    for (const CLI::Option* o : app->get_options())
        if (o->get_positional() && !o->nonpositional()) out.push_back(o);
    return out;
}

void commands(Session& s, CLI::App* app) {
    for (CLI::App* sub : app->get_subcommands([](CLI::App* a) { return visible(a); }))
        emit(s, sub->get_name(), sub->get_description());
}

void options(Session& s, CLI::App* app) {
    for (const CLI::Option* opt : app->get_options()) {
        if (!opt->nonpositional()) continue;
        std::string name = opt->get_lnames().empty() ? "-" + opt->get_snames().front()
                                                     : "--" + opt->get_lnames().front();
        emit(s, name, opt->get_description());
    }
}

void channels(Session& s) {
    for (const auto& ch : s.config().channels())
        emit(s, ch.key, ch.name);
}

void calendars(Session& s) {
    for (const auto& name : s.config().calendar_names())
        emit(s, name);
}

void states(Session& s) {
    for (State st : all_states())
        emit(s, to_string(st));
}

// At most this many ids or tags: a TAB answers at once in any store, and a shell lists them
// without asking first. Typing a digit more narrows them.
constexpr int most_candidates = 200;

// Complaint ids that start with what was typed, with their titles: open work first, the most
// recent first, then closed ones.
void ids(Session& s, std::string_view typed) {
    for (const auto& c : id_candidates(s, typed, most_candidates))
        emit(s, std::to_string(c.id),
             c.state == State::open ? c.title
                                    : fmt::format("{} [{}]", c.title, to_string(c.state)));
}

void tags(Session& s, std::string_view typed) {
    for (const auto& t : tag_names(s, typed, most_candidates))
        emit(s, t);
}

// The formats a command's --format allows, as add_format_option lists them.
void formats(Session& s, CLI::App* app) {
    const CLI::Option* opt = find_option(app, "--format");
    if (opt == nullptr) return;
    std::string text = opt->get_description();
    auto colon = text.find(':');
    if (colon == std::string::npos) return;
    std::string list = text.substr(colon + 1);
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        std::string word = list.substr(start, end - start);
        word.erase(0, word.find_first_not_of(' '));
        word.erase(word.find_last_not_of(' ') + 1);
        if (!word.empty()) emit(s, word);
        start = end + 1;
    }
}

// The verbs `status ID STATE` accepts from the complaint's current state.
void actions(Session& s, const std::string& id_text) {
    std::vector<Action> list;
    try {
        auto c = find_complaint(s, parse_id(id_text));
        if (c) list = allowed_actions(c->state);
    } catch (const Error&) {
    }
    if (list.empty())
        list = {Action::answer,  Action::pause, Action::resume,
                Action::resolve, Action::drop,  Action::reopen};
    for (Action a : list)
        emit(s, to_string(a), fmt::format("-> {}", to_string(target_of(a))));
}

// What one complaint's evidence can be extracted as: its SHA-256 digests, or all.
void evidence(Session& s, const std::string& id_text) {
    emit(s, "all", "every file");
    try {
        for (const auto& e : list_evidence(s, parse_id(id_text)))
            emit(s, e.sha256, e.name);
    } catch (const Error&) {
    }
}

// What a positional or an option's value can be, judged by its type name (ID, CHANNEL, ...).
struct Slot {
    const CLI::Option* option = nullptr;
    CLI::App* app = nullptr;
    std::string id;    // the complaint id typed before it, if any
    std::string typed; // what is typed of the value so far: ids and tags are filtered by it
};

void values(Session& s, const Slot& slot) {
    const CLI::Option* opt = slot.option;
    std::string type = opt->get_type_name();
    std::string name = opt->nonpositional() ? opt->get_name() : opt->get_name(true);
    if (type == "ID")
        ids(s, slot.typed);
    else if (type == "CHANNEL")
        channels(s);
    else if (type == "CALENDAR")
        calendars(s);
    else if (type == "STATE" && !opt->nonpositional())
        actions(s, slot.id);
    else if (type == "STATE")
        states(s);
    else if (type == "FORMAT")
        formats(s, slot.app);
    else if (type == "TAG")
        tags(s, slot.typed);
    else if (type == "TEMPLATE")
        for (const auto& t : letter_templates(s))
            emit(s, t.name, t.description);
    else if (type == "WHEN") {
        emit(s, "auto", "colour on a terminal (default)");
        emit(s, "always");
        emit(s, "never");
    } else if (type == "KIND") {
        emit(s, "note", "a note (default)");
        emit(s, "contact", "a call or message");
        emit(s, "answer", "the channel's reply");
    } else if (type.starts_with("SHA"))
        evidence(s, slot.id);
    else if (type == "DIR")
        s.out().line(dirs_directive);
    else if (type == "FILE" || type == "PATH")
        s.out().line(files_directive);
}

// Completes the last of `words` (the command line after `complain`, the word at the cursor last,
// possibly empty) the way the parser would read the words before it.
void words(Session& s, CLI::App* root, std::vector<std::string> words) {
    if (words.empty()) words.emplace_back();
    std::string current = words.back();
    words.pop_back();

    CLI::App* app = root;
    GlobalOptions global = s.options();
    std::size_t positional = 0;
    bool only_positionals = false;
    std::string id;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (!only_positionals && w == "--") {
            only_positionals = true;
            continue;
        }
        if (!only_positionals && w.size() > 1 && w[0] == '-') {
            std::string name = w.substr(0, w.find('='));
            const CLI::Option* opt = find_option(app, name);
            if (opt == nullptr || !takes_value(opt) || name.size() != w.size()) continue;
            if (i + 1 == words.size()) { // the cursor is on this option's value
                Session inner(global, s.out(), s.environment());
                values(inner, {opt, app, id, current});
                return;
            }
            if (name == "--db") global.db = words[i + 1];
            if (name == "--config") global.config = words[i + 1];
            ++i;
            continue;
        }
        if (positional == 0 && !only_positionals) {
            if (CLI::App* sub = find_subcommand(app, w)) {
                app = sub;
                continue;
            }
        }
        auto list = positionals(app);
        if (positional < list.size() && list[positional]->get_type_name() == "ID") id = w;
        if (positional + 1 < list.size() || list.empty() ||
            list[positional < list.size() ? positional : list.size() - 1]
                    ->get_items_expected_max() <= 1)
            ++positional;
    }

    Session inner(global, s.out(), s.environment());
    if (!only_positionals && current.starts_with("-")) {
        auto eq = current.find('=');
        if (current.starts_with("--") && eq != std::string::npos) {
            const CLI::Option* opt = find_option(app, current.substr(0, eq));
            if (opt == nullptr || !takes_value(opt)) return;
            // --channel=se: the values, each with the option in front as the shell expects.
            std::ostringstream text, chatter;
            Output collect_out(text, chatter, ColorMode::never, false, 0);
            Session collect(global, collect_out, s.environment());
            values(collect, {opt, app, id, current.substr(eq + 1)});
            std::string prefix = current.substr(0, eq + 1);
            std::istringstream lines(text.str());
            for (std::string line; std::getline(lines, line);)
                if (!line.starts_with(":")) s.out().line(terminal_text(prefix) + line);
            return;
        }
        options(inner, app);
        return;
    }
    if (positional == 0 && !app->get_subcommands([](CLI::App* a) { return visible(a); }).empty()) {
        commands(inner, app);
        return;
    }
    auto list = positionals(app);
    if (list.empty()) return;
    const CLI::Option* slot = list[std::min(positional, list.size() - 1)];
    if (positional >= list.size() && slot->get_items_expected_max() <= 1) return;
    values(inner, {slot, app, id, current});
}

} // namespace

Command complete_command(CLI::App& parent) {
    struct Options {
        std::string what;
        std::vector<std::string> args;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "__complete", "Values for shell completion, one 'value<TAB>description' per line");
    app->group(""); // hidden: for completion scripts, not people
    app->add_option("what", o->what,
                    "commands [CMD...], options CMD..., formats CMD..., channels, calendars, "
                    "states, ids [TYPED], tags [TYPED], or words -- WORD... (the command line to "
                    "complete)")
        ->required();
    app->add_option("args", o->args, "Command names, or the words of the command line");
    CLI::App* root = &parent;
    return {app, [o, root](Session& s) {
                try {
                    if (o->what == "words") {
                        words(s, root, o->args);
                        return;
                    }
                    if (o->what == "channels") return channels(s);
                    if (o->what == "calendars") return calendars(s);
                    if (o->what == "states") return states(s);
                    std::string typed = o->args.empty() ? "" : o->args.front();
                    if (o->what == "ids") return ids(s, typed);
                    if (o->what == "tags") return tags(s, typed);
                    CLI::App* app = app_at(root, o->args);
                    if (app == nullptr) return;
                    if (o->what == "commands") return commands(s, app);
                    if (o->what == "options") return options(s, app);
                    if (o->what == "formats") return formats(s, app);
                } catch (const std::exception&) {
                    // A broken config or a busy store means fewer values, never an error under
                    // the user's cursor.
                }
            }};
}

} // namespace complain
