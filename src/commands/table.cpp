// The command table: every subcommand of complain, in the order `complain --help` lists them.
#include "complain/commands/command.hpp"

namespace complain {

namespace {

// One command a line, as `complain --help` lists them (clang-format would fill the lines).
// clang-format off
constexpr CommandEntry commands[] = {
    {.name = "file", .add = file_command},
    {.name = "status", .add = status_command},
    {.name = "note", .add = note_command},
    {.name = "edit", .add = edit_command},
    {.name = "attach", .add = attach_command},
    {.name = "escalate", .add = escalate_command},
    {.name = "report", .add = report_command},
    {.name = "letter", .add = letter_command},
    {.name = "channels", .add = channels_command},
    {.name = "calendar", .add = calendar_command},
    // `config path` names the file even when it is broken, to be opened and mended; `config show`
    // and `config check` load the config and the clock themselves.
    {.name = "config", .add = config_command, .loads_context = false},
    {.name = "verify", .add = verify_command},
    {.name = "export", .add = export_command},
    {.name = "import", .add = import_command},
    {.name = "undo", .add = undo_command},
    {.name = "redact", .add = redact_command},
    {.name = "backup", .add = backup_command},
    {.name = "__complete", .add = complete_command, .loads_context = false, .reads_others = true},
};
// clang-format on

} // namespace

std::span<const CommandEntry> command_table() {
    return commands;
}

} // namespace complain
