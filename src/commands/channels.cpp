// `complain channels`: the channels of the config, their deadlines and ladder.
#include "complain/commands/command.hpp"
#include "complain/output/output.hpp"

#include <algorithm>

namespace complain {

namespace {

nlohmann::ordered_json channel_json(const Channel& ch, const Config& config) {
    auto str_or_null = [](const std::string& v) {
        return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v);
    };
    return nlohmann::ordered_json{
        {"key", ch.key},
        {"name", ch.name},
        {"kind", str_or_null(ch.kind)},
        {"contact", str_or_null(ch.contact)},
        {"deadline",
         ch.deadline ? nlohmann::ordered_json(ch.deadline->str()) : nlohmann::ordered_json()},
        {"warn", ch.deadline ? nlohmann::ordered_json(ch.warning_or_default().str())
                             : nlohmann::ordered_json()},
        {"calendar", config.calendar_of(ch).name()},
        {"roll", ch.roll},
        {"next", str_or_null(ch.next)},
        {"basis", str_or_null(ch.basis)},
        {"default", ch.key == config.default_channel()},
        {"defined", ch.origin.str()},
    };
}

} // namespace

Command channels_command(CLI::App& parent) {
    struct Options {
        Format format;
        bool names = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "channels", "List the channels, their deadlines and escalation ladder");
    add_format_option(app, o->format, {Format::table, Format::json, Format::csv, Format::markdown});
    app->add_flag("--names", o->names,
                  "Print channel keys and names only, one per line, tab-separated");
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
                    nlohmann::ordered_json j = nlohmann::ordered_json::array();
                    for (const auto& ch : config.channels())
                        j.push_back(channel_json(ch, config));
                    s.out().json(j);
                    return;
                }
                Table t({{"KEY", Fit::text},
                         {"DEADLINE", Fit::phrase},
                         {"WARN", Fit::phrase},
                         {"CALENDAR", Fit::text},
                         {"NEXT", Fit::text},
                         {"NAME", Fit::text}});
                for (const auto& ch : config.channels()) {
                    bool days = ch.deadline && !ch.deadline->is_elapsed();
                    t.add_row(
                        {{ch.key + (ch.key == config.default_channel() ? " *" : "")},
                         {ch.deadline ? ch.deadline->str() + (ch.roll ? " roll" : "") : "none"},
                         {ch.deadline ? ch.warning_or_default().str() : ""},
                         {days ? config.calendar_of(ch).name() : ""},
                         {ch.next},
                         {ch.name}});
                }
                if (format != Format::csv) s.out().page();
                s.out().table(t, format);
                if (format != Format::table) return;
                std::vector<std::string> words{"*", "default", "channel;", "ladder:"};
                for (const Channel* ch : config.ladder_from(config.default_channel()))
                    words.push_back((words.size() > 4 ? "-> " : "") + terminal_line(ch->key));
                int width = s.out().width() > 0 ? std::max(s.out().width(), Table::narrowest) : 0;
                s.out().line("\n" + wrap_words(words, width, "  "));
            }};
}

} // namespace complain
