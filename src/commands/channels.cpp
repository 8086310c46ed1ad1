// `complain channels`: the channels of the config, their deadlines and ladder.
#include "complain/app/channel_view.hpp"
#include "complain/commands/command.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <algorithm>

namespace complain {

Command channels_command(CLI::App& parent) {
    struct Options {
        Format format;
        bool names = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "channels", tr("List the channels, their deadlines and escalation ladder"));
    add_format_option(app, o->format, {Format::table, Format::json, Format::csv, Format::markdown});
    app->add_flag("--names", o->names,
                  tr("Print channel keys and names only, one per line, tab-separated"));
    app->footer(examples({"complain channels", "complain channels --format json"}));
    return {app, [o](Session& s) {
                Format format = o->format;
                const Config& config = s.config();
                if (o->names) {
                    for (const auto& ch : config.channels())
                        s.out().line(terminal_text(ch.key) + "\t" + terminal_text(ch.name));
                    return;
                }
                if (format == Format::json) {
                    s.out().json(channels_json(config));
                    return;
                }
                Table t = channel_table(config, format);
                if (format != Format::csv) s.out().page();
                s.out().table(t, format);
                if (format != Format::table) return;
                std::vector<std::string> words{tr("* default channel; ladder:")};
                for (const Channel* ch : config.ladder_from(config.default_channel()))
                    words.push_back((words.size() > 1 ? "-> " : "") + terminal_line(ch->key));
                int width = s.out().width() > 0 ? std::max(s.out().width(), Table::narrowest) : 0;
                s.out().line("\n" + wrap_words(words, width, "  "));
            }};
}

} // namespace complain
