// `complain letter ID`: the written complaint for a channel, drafted from the record.
#include "complain/app/letter.hpp"

#include "complain/app/dossier.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace complain {

Command letter_command(CLI::App& parent) {
    struct Options {
        std::string id, to, template_name, output;
        Format format = Format::table;
        bool format_given = false, next = false, templates = false, anonymous = false;
        bool dry_run = false, force = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "letter", tr("Draft the written complaint (投诉书) for a channel from the record"));
    app->add_option("id", o->id, tr("Complaint id"))->type_name("ID");
    app->add_option("--to", o->to, tr("Write to this channel instead of the complaint's own"))
        ->type_name("CHANNEL");
    app->add_flag("--next", o->next,
                  tr("Write to the channel the complaint would escalate to (the next rung)"));
    app->add_option(
           "--template", o->template_name,
           tr("Template NAME (see --templates) or a FILE.mustache; default: the channel's"))
        ->type_name("TEMPLATE");
    app->add_flag("--anonymous", o->anonymous,
                  tr("Leave the complainant out (a 12315 report, 举报, may be anonymous)"));
    app->add_option_function<std::string>(
           "--format",
           [o](const std::string& text) {
               o->format_given = true;
               if (text == "text")
                   o->format = Format::table;
               else if (text == "markdown" || text == "md")
                   o->format = Format::markdown;
               else if (text == "html")
                   o->format = Format::html;
               else if (text == "json")
                   o->format = Format::json;
               else
                   throw Error(Exit::usage,
                               trf("--format {}: use one of text, markdown, html (json "
                                   "with --templates)",
                                   text));
           },
           "Output format: text, markdown, html, json")
        ->type_name("FORMAT");
    app->add_option("-o,--output", o->output,
                    tr("Write the letter to FILE (atomically; an existing file only with --force)"))
        ->type_name("FILE");
    app->add_flag("-f,--force", o->force, tr("With -o: replace FILE when it exists"));
    app->add_flag("-n,--dry-run", o->dry_run, tr("Draft the letter without recording it"));
    app->add_flag("--templates", o->templates,
                  tr("List the templates and where each comes from (built-in or a file)"));
    app->footer(examples({
        "complain letter 3                       # to the channel it is with now",
        "complain letter 3 --next -o 投诉书.txt   # to the next rung, into a file",
        "complain letter 3 --to 12315 --format html -o 12315.html",
        "complain letter 3 --template 12315-report --anonymous",
        "complain letter --templates",
        "",
        "Each letter drafted is recorded on the complaint's timeline: an event of kind",
        "letter, with the template and the SHA-256 of the text. --dry-run records nothing.",
        "Templates of your own: $XDG_CONFIG_HOME/complain/templates/NAME.mustache",
        "(~/.config/complain/templates/), replacing a built-in one of the same name.",
    }));
    return {app, [o](Session& s) {
                if (o->templates) {
                    if (!o->id.empty() || !o->to.empty() || o->next || !o->template_name.empty() ||
                        !o->output.empty())
                        throw Error(Exit::usage,
                                    tr("--templates lists the templates: it takes no ID, --to, "
                                       "--next, --template or -o"));
                    if (o->format != Format::table && o->format != Format::json)
                        throw Error(Exit::usage, tr("--templates is listed as text or json"));
                    auto list = letter_templates(s);
                    if (o->format == Format::json)
                        s.out().json(templates_json(list));
                    else
                        s.out().table(templates_table(list), Format::table);
                    return;
                }
                if (o->id.empty())
                    throw Error(Exit::usage,
                                tr("letter needs a complaint id: complain letter 3 (complain "
                                   "letter --templates lists the templates)"));
                if (o->format == Format::json)
                    throw Error(Exit::usage,
                                tr("--format json is for --templates; a letter is text, markdown "
                                   "or html"));
                if (o->next && !o->to.empty())
                    throw Error(Exit::usage, tr("--to names the channel and --next takes the next "
                                                "rung: give one of them"));
                if (o->force && o->output.empty())
                    throw Error(Exit::usage, tr("--force goes with -o FILE"));
                LetterRequest r{.id = parse_id(o->id),
                                .to = o->to,
                                .next = o->next,
                                .template_name = o->template_name,
                                .format = o->format,
                                .anonymous = o->anonymous,
                                .dry_run = o->dry_run};
                std::filesystem::path file = o->output;
                std::error_code ec;
                if (!file.empty() && !o->force &&
                    std::filesystem::symlink_status(file, ec).type() !=
                        std::filesystem::file_type::not_found &&
                    !std::filesystem::is_directory(file, ec))
                    throw Error(Exit::usage, trf("{}: already exists; nothing was written (--force "
                                                 "replaces it)",
                                                 o->output));
                Letter letter = draft_letter(s, r);
                // The letter reaches its reader first, then its event is committed: a letter
                // that could not be written is not recorded as drafted.
                if (file.empty()) {
                    s.out().raw(letter.text);
                    s.out().flush();
                    s.commit();
                    return;
                }
                write_file_atomically(file, letter.text);
                s.commit();
                std::string name = terminal_text(letter.template_name);
                std::string to = terminal_text(o->output);
                std::string sha = letter.sha256.substr(0, 12);
                s.out().line(
                    letter.recorded
                        ? trf("Wrote the letter to {} ({} template) for complaint {} to {}: "
                              "sha256 {}",
                              letter.channel, name, r.id, to, sha)
                        : trf("Wrote (not recorded) the letter to {} ({} template) for complaint "
                              "{} to {}: sha256 {}",
                              letter.channel, name, r.id, to, sha));
            }};
}

} // namespace complain
