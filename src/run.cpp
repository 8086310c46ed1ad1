// Parses the command line, runs the chosen command, and maps every failure to one line on stderr
// and a documented exit code. The only place that catches errors.
#include "complain/run.hpp"

#include "complain/commands/command.hpp"
#include "complain/config/config.hpp"
#include "complain/environment.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"
#include "complain/output/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <sstream>

namespace complain {

namespace {

const char* const description =
    N_("complain: keep every complaint, its channel's deadline, the timeline and the evidence, and "
       "escalate up the ladder when a channel does not answer in time.");

// The option of `app` named `name` as typed ("--db", "-n"), or null. `inherited`: the apps above
// it count too, since options fall through.
const CLI::Option* option_named(const CLI::App& app, std::string_view name, bool inherited) {
    for (const CLI::App* a = &app; a != nullptr; a = inherited ? a->get_parent() : nullptr)
        for (const CLI::Option* opt : a->get_options()) {
            if (!opt->nonpositional()) continue;
            for (const auto& l : opt->get_lnames())
                if (name == "--" + l) return opt;
            for (const auto& n : opt->get_snames())
                if (name == "-" + n) return opt;
        }
    return nullptr;
}

// Whether `word` is an option of `app` (or of the apps above it) that takes a value in the next
// word: `--db PATH`, but not `--db=PATH` or a flag.
bool takes_next_word(const CLI::App& app, std::string_view word) {
    if (!word.starts_with("-") || word.find('=') != std::string_view::npos) return false;
    const CLI::Option* opt = option_named(app, word, true);
    return opt != nullptr && opt->get_items_expected_max() > 0;
}

// CLI11's help with every description wrapped to 80 columns, as a terminal shows it best.
class HelpFormatter : public CLI::Formatter {
  public:
    static constexpr int help_width = 80;
    HelpFormatter() {
        column_width(30);
        for (const char* label : {N_("Usage"), N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"),
                                  N_("Positionals"), N_("REQUIRED"), N_("Options")})
            this->label(label, tr(label));
    }

    // Group names ("Options", "Subcommands", complain's own) in the language of the help.
    std::string make_group(std::string group, bool is_positional,
                           std::vector<const CLI::Option*> opts) const override {
        return CLI::Formatter::make_group(tr(group.c_str()), is_positional, std::move(opts));
    }
    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
        std::string text = CLI::Formatter::make_subcommands(app, mode);
        const std::string heading = "\nSubcommands:\n";
        if (auto at = text.find(heading); at != std::string::npos)
            text.replace(at, heading.size(), fmt::format("\n{}:\n", tr(N_("Subcommands"))));
        return text;
    }

    std::string make_option_desc(const CLI::Option* opt) const override {
        return wrap(CLI::Formatter::make_option_desc(opt), description_width());
    }
    std::string make_description(const CLI::App* app) const override {
        std::string text;
        std::istringstream paragraphs(app->get_description());
        for (std::string line; std::getline(paragraphs, line);)
            text += wrap(line, help_width) + "\n";
        return text;
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        std::stringstream out;
        CLI::detail::format_help(out, sub->get_display_name(true),
                                 wrap(sub->get_description(), description_width()), column_width_);
        return out.str();
    }

  private:
    int description_width() const { return help_width - static_cast<int>(column_width_); }
    // Lines joined by '\n', which CLI11 indents to the description's column. Chinese, which
    // has no spaces, breaks between characters.
    static std::string wrap(const std::string& text, int width) {
        std::string words;
        std::istringstream in(text);
        for (std::string w; in >> w;)
            words += (words.empty() ? "" : " ") + w;
        return hang_text(words, 0, width);
    }
};

// The first word that is not an option or an option's value: the subcommand typed, if any.
std::string first_word(const CLI::App& app, int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") return i + 1 < argc ? argv[i + 1] : "";
        if (takes_next_word(app, a)) {
            ++i;
            continue;
        }
        if (a.starts_with("-")) continue;
        return std::string(a);
    }
    return "";
}

// The commands a start builds, from the first word that is not an option: each costs the start
// its options. The one typed is enough to run it, the default one for a bare `complain` and
// `--version`. Help, completion and a word that is no command's name (whose messages name the
// others and their options) need them all.
std::vector<const CommandEntry*> commands_to_build(const std::string& word, int argc,
                                                   const char* const* argv) {
    std::span<const CommandEntry> table = command_table();
    auto named = [&](std::string_view name) {
        return std::find_if(table.begin(), table.end(),
                            [&](const CommandEntry& e) { return e.name == name; });
    };
    auto typed = named(word.empty() ? default_command : std::string_view(word));
    bool asks_help = false;
    for (int i = 1; i < argc && word.empty(); ++i)
        asks_help =
            asks_help || std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0;
    if (typed != table.end() && !typed->reads_others && !asks_help) return {&*typed};
    std::vector<const CommandEntry*> all;
    for (const CommandEntry& entry : table)
        all.push_back(&entry);
    return all;
}

// The innermost command the parser got to: `calendar` for `complain calendar ad`.
CLI::App* parsed_command(CLI::App& app) {
    CLI::App* at = &app;
    for (bool deeper = true; deeper;) {
        deeper = false;
        for (CLI::App* sub : at->get_subcommands())
            if (sub->parsed()) {
                at = sub;
                deeper = true;
                break;
            }
    }
    return at;
}

std::string command_path(const CLI::App& app) {
    std::string path = app.get_name();
    for (const CLI::App* a = app.get_parent(); a != nullptr; a = a->get_parent())
        path = a->get_name() + " " + path;
    return path;
}

// Every long option of `at` and of the apps above it, as typed: "--amount".
std::vector<std::string> option_names(const CLI::App& at) {
    std::vector<std::string> names;
    for (const CLI::App* a = &at; a != nullptr; a = a->get_parent())
        for (const CLI::Option* opt : a->get_options())
            if (opt->nonpositional())
                for (const auto& l : opt->get_lnames())
                    names.push_back("--" + l);
    return names;
}

// Whether `word` (`--all`, `-n`, `--db=x`) names an option of `app` itself.
bool known_option(const CLI::App& app, std::string_view word) {
    return option_named(app, word.substr(0, word.find('=')), false) != nullptr;
}

// An option typed before any command that no command knows: the nearest among them all.
std::string unknown_anywhere(const CLI::App& app, std::string_view typed) {
    std::string name(typed.substr(0, typed.find('=')));
    std::vector<std::string> names = option_names(app);
    for (const CLI::App* sub : app.get_subcommands({}))
        for (const auto& n : option_names(*sub))
            names.push_back(n);
    std::string hint = did_you_mean(name, names);
    if (hint == name)
        return trf("'{}' is a command's option: it goes after the command's name", name);
    return hint.empty()
               ? trf("unknown option '{}'", name)
               : trf("unknown option '{}'; did you mean '{}' (after the command)?", name, hint);
}

// "unknown option '--ammount'; did you mean '--amount'?"
std::string unknown_option(const CLI::App& at, std::string_view typed) {
    std::string name(typed.substr(0, typed.find('=')));
    std::string hint = did_you_mean(name, option_names(at));
    if (hint == name) // an option of the command, typed before the command's name
        return trf("'{}' goes after the command: {} {}", name, command_path(at), typed);
    return hint.empty() ? trf("unknown option '{}'", name)
                        : trf("unknown option '{}'; did you mean '{}'?", name, hint);
}

// The option or positional a CLI11 message names first ("--at: 1 required TIME missing"), as the
// user would know it: "--at", or "TITLE" for a positional.
std::string option_in(const CLI::App& at, const std::string& message) {
    std::string name = message.substr(0, message.find_first_of(": "));
    for (const CLI::App* a = &at; a != nullptr; a = a->get_parent())
        for (const CLI::Option* opt : a->get_options()) {
            if (opt->get_name() == name || opt->get_name(true) == name ||
                (!opt->get_lnames().empty() && "--" + opt->get_lnames().front() == name))
                return opt->nonpositional() ? "--" + opt->get_lnames().front()
                                            : opt->get_type_name();
        }
    return name;
}

// What went wrong on the command line, in complain's words rather than the parser's, with the
// near miss named: an option (`--ammount`), a nested command (`calendar ad`), a value missing
// or given twice, a word too many.
std::string usage_message(CLI::App& at, const CLI::ParseError& e, int argc,
                          const char* const* argv) {
    const std::string message = e.what();
    std::vector<std::string> names;
    for (CLI::App* sub : at.get_subcommands([](CLI::App* a) { return !a->get_group().empty(); }))
        names.push_back(sub->get_name());
    if (!names.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
        // The word after this command's name, if any, is the nested command mistyped.
        std::string typed;
        for (int i = 1; i + 1 < argc; ++i)
            if (argv[i] == at.get_name() && argv[i + 1][0] != '-') typed = argv[i + 1];
        std::string hint = typed.empty() ? "" : did_you_mean(typed, names);
        if (!hint.empty())
            return trf("'{}' is not a '{}' command; did you mean '{}'?", typed, command_path(at),
                       hint);
        return trf("'{}' needs one of: {}", command_path(at), fmt::join(names, ", "));
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        // Words nobody took, in the order typed. An option among them is the mistake that left
        // the others over (`--ammount 12` leaves 12): it is the one to name.
        std::vector<std::string> extra;
        for (const CLI::App* a = &at; a != nullptr; a = a->get_parent())
            for (const auto& w : a->remaining())
                extra.push_back(w);
        // After `--` every word is a word, however it looks.
        auto words = std::find(extra.begin(), extra.end(), "--");
        for (auto w = extra.begin(); w != words; ++w)
            if (w->size() > 1 && (*w)[0] == '-') return unknown_option(at, *w);
        if (words != extra.end()) words = extra.erase(words);
        if (!extra.empty())
            return trf("'{}' takes no more words: '{}' is one too many (quote a text "
                       "with spaces: '...')",
                       command_path(at), extra.front());
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
        std::string name = option_in(at, message);
        return trf("'{}' needs {}", command_path(at), name);
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
        std::string name = option_in(at, message);
        if (message.find("At Most") != std::string::npos)
            return trf("{} was given more than once; give it once", name);
        return trf("{} needs a value", name);
    }
    if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr ||
        dynamic_cast<const CLI::ConversionError*>(&e) != nullptr)
        return message;
    return message;
}

// Help and the version are written by CLI11 through stdio: whether they reached the reader is
// known only once stdio's buffer is flushed. Returns `status`, or 74 (141 for a closed pipe).
int written(std::ostream& out, Output& plain, int status) {
    errno = 0;
    out.flush();
    int err = errno;
    if (&out != &std::cout) return out ? status : static_cast<int>(Exit::io);
    if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return status;
    if (err == 0) err = errno;
    if (err == EPIPE) return static_cast<int>(Exit::closed_pipe);
    plain.error(trf("cannot write to standard output: {}", std::strerror(err ? err : EIO)));
    return static_cast<int>(Exit::io);
}

// `complain help calendar add` is `complain calendar add --help`, as git's is.
int help(CLI::App& app, int argc, const char* const* argv, std::ostream& out, Output& plain) {
    CLI::App* at = &app;
    bool after_help = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (!after_help) {
            after_help = a == "help";
            continue;
        }
        if (takes_next_word(*at, a)) {
            ++i;
            continue;
        }
        if (a.starts_with("-")) continue;
        CLI::App* sub = nullptr;
        std::vector<std::string> subs;
        for (CLI::App* candidate : at->get_subcommands({})) {
            if (candidate->get_group().empty()) continue; // hidden: __complete
            subs.push_back(candidate->get_name());
            if (candidate->get_name() == a) sub = candidate;
        }
        if (sub == nullptr) {
            std::string hint = did_you_mean(std::string(a), subs);
            plain.error(hint.empty() ? trf("'{}' is not a '{}' command (see: complain --help)", a,
                                           command_path(*at))
                                     : trf("'{}' is not a '{}' command; did you mean '{}'?", a,
                                           command_path(*at), hint));
            return static_cast<int>(Exit::usage);
        }
        at = sub;
    }
    out << (at == &app ? app.help() : at->help(command_path(*at->get_parent())));
    return written(out, plain, 0);
}

} // namespace

int run(int argc, const char* const* argv) {
    return run(argc, argv, std::cout, std::cerr);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    // The language first: help and the parser's errors speak it too.
    Environment env = Environment::from_process();
    set_language(language_of(env));
    CLI::App app{tr(description), "complain"};
    app.formatter(std::make_shared<HelpFormatter>());
    app.set_help_flag("-h,--help", tr("Print this help message and exit"));
    GlobalOptions global;
    app.add_option(
           "--db", global.db,
           tr("Store file (default: $COMPLAIN_DB, else $XDG_DATA_HOME/complain/complain.db)"))
        ->type_name("PATH");
    app.add_option("--config", global.config,
                   tr("Config file (default: $COMPLAIN_CONFIG, else "
                      "$XDG_CONFIG_HOME/complain/config.toml)"))
        ->type_name("PATH");
    app.add_option("--color", global.color, tr("Colour: auto (default), always or never"))
        ->type_name("WHEN");
    bool no_pager = false;
    app.add_flag("--no-pager", no_pager,
                 tr("Never page long output (default: $COMPLAIN_PAGER, $PAGER or less -FRX on a "
                    "terminal)"));
    app.set_version_flag("--version", std::string("complain ") + COMPLAIN_VERSION,
                         "Print the version and exit");
    app.require_subcommand(0, 1);
    app.fallthrough();
    std::string word = first_word(app, argc, argv);
    std::vector<Command> commands;
    std::vector<bool> loads_context;
    for (const CommandEntry* entry : commands_to_build(word, argc, argv)) {
        commands.push_back(entry->add(app));
        loads_context.push_back(entry->loads_context);
    }
    app.footer("\nRun 'complain help COMMAND' for a command's options; 'man complain' for the\n"
               "whole story.\n"
               "Exit status: 0 ok, 1 --exit-code condition, 2 usage, 3 not found, 4 config,\n"
               "5 store busy, 6 integrity, 70 internal error, 74 I/O error (disk full, output\n"
               "not written), 77 permission denied; 141 quietly when the output's reader went\n"
               "away.");

    Output plain(out, err, ColorMode::never, false, 0);
    if (!word.empty()) {
        std::vector<std::string> names;
        for (const CommandEntry& entry : command_table())
            names.emplace_back(entry.name);
        if (word == "help") return help(app, argc, argv, out, plain);
        if (std::find(names.begin(), names.end(), word) == names.end()) {
            // `complain --formt json`: the word is the value of an option mistyped before it.
            for (int i = 1; i < argc && argv[i] != word; ++i) {
                std::string_view a = argv[i];
                if (a.size() < 2 || a[0] != '-' || a == "--" || takes_next_word(app, a)) continue;
                if (known_option(app, a)) continue;
                plain.error(trf("{} (see: complain --help)", unknown_anywhere(app, a)));
                return static_cast<int>(Exit::usage);
            }
            std::string hint = did_you_mean(word, names);
            plain.error(
                hint.empty()
                    ? trf("'{}' is not a complain command (see: complain --help)", word)
                    : trf("'{}' is not a complain command; did you mean '{}'?", word, hint));
            return static_cast<int>(Exit::usage);
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return written(out, plain, app.exit(e, out, err));
    } catch (const CLI::CallForAllHelp& e) {
        return written(out, plain, app.exit(e, out, err));
    } catch (const CLI::CallForVersion& e) {
        return written(out, plain, app.exit(e, out, err));
    } catch (const CLI::ParseError& e) {
        CLI::App* deepest = parsed_command(app);
        plain.error(trf("{} (see: {} --help)", usage_message(*deepest, e, argc, argv),
                        command_path(*deepest)));
        return static_cast<int>(Exit::usage);
    } catch (const Error& e) { // a value checked as it was parsed: --format xml
        plain.error(e.what());
        return static_cast<int>(e.code());
    }

    try {
        Output output =
            Output::for_terminal(out, err, parse_color_mode(global.color), env, !no_pager);
        Session session(global, output, env);
        try {
            auto chosen = std::find_if(commands.begin(), commands.end(),
                                       [](const Command& c) { return c.app->parsed(); });
            if (chosen == commands.end()) // bare `complain` lists open work, like `task` does
                chosen = std::find_if(commands.begin(), commands.end(), [](const Command& c) {
                    return c.app->get_name() == default_command;
                });
            if (chosen == commands.end()) throw std::logic_error("no command was built to run");
            if (loads_context[chosen - commands.begin()]) {
                session.config();
                session.now();
            }
            chosen->run(session);
            session.commit();
            // Output that did not reach its reader is a failure, not a success that cron never
            // mails: a full disk, /dev/full.
            try {
                output.flush();
            } catch (const Error& e) {
                // A script that retries what failed must not do it twice.
                if (e.code() != Exit::io || !session.wrote()) throw;
                output.error(trf("{}; the change itself was recorded in the store", e.what()));
                return static_cast<int>(e.code());
            }
            // Rows the command could not read were left out; it served the others first.
            std::vector<std::string> damaged = session.damaged();
            for (const auto& row : damaged)
                output.error(trf("{}; it was left out (run: complain verify)", row));
            if (!damaged.empty()) return static_cast<int>(Exit::integrity);
            return static_cast<int>(session.exit_code());
        } catch (const Error& e) {
            if (e.code() == Exit::closed_pipe) return static_cast<int>(e.code());
            output.error(e.what());
            return static_cast<int>(e.code());
        }
    } catch (const Error& e) {
        plain.error(e.what());
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        plain.error(trf("internal error: {}", e.what()));
        return static_cast<int>(Exit::internal);
    }
}

} // namespace complain
