// `complain config show|check|path`: the configuration in effect and where it comes from.
#include "complain/app/letter.hpp"
#include "complain/commands/command.hpp"
#include "complain/config/toml.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {

Command config_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand("config", tr("Show, check or locate the configuration"));
    app->require_subcommand(1);
    CLI::App* show_app = app->add_subcommand(
        "show", tr("Print the configuration in effect, with where each part was set"));
    CLI::App* check_app = app->add_subcommand(
        "check", tr("Check the configuration; exit 4 naming file, line and key if it is wrong"));
    CLI::App* path_app = app->add_subcommand(
        "path", tr("Print the path of the config file in use (or where one would be read)"));
    app->footer(examples(
        {"complain config check", "complain config show", "$EDITOR \"$(complain config path)\""}));
    return {
        app, [=](Session& s) {
            if (!path_app->parsed()) { // what every other command loads first (run.cpp)
                s.config();
                s.now();
            }
            if (show_app->parsed()) {
                std::vector<std::string> header;
                for (const SettingSource& setting : s.sources())
                    header.push_back(
                        fmt::format("{}: {} ({})", setting.setting, setting.value, setting.source));
                s.out().raw(config_toml(s.config(), header));
            } else if (check_app->parsed()) {
                const Config& c = s.config();
                check_channel_templates(s);
                s.out().line(trf("config ok: {} channels, from {}", c.channels().size(),
                                 terminal_text(fmt::format("{}", fmt::join(c.sources(), ", ")))));
            } else if (path_app->parsed()) {
                auto path = s.config_path();
                s.out().line(
                    terminal_text(path ? path->string() : s.default_config_path().string()));
                if (!path)
                    s.out().warning(
                        tr("no config file there yet: complain uses its built-in config"));
            }
        }};
}

} // namespace complain
