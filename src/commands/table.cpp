// The command table: every subcommand of complain, in the order `complain --help` lists them.
#include "complain/commands/command.hpp"

namespace complain {

namespace {

// One command a line, as `complain --help` lists them (clang-format would fill the lines).
// clang-format off
constexpr CommandEntry commands[] = {
    {file_command},
    {status_command},
    {note_command},
    {edit_command},
    {attach_command},
    {escalate_command},
    {report_command},
    {letter_command},
    {channels_command},
    {calendar_command},
    {config_command},
    {verify_command},
    {export_command},
    {import_command},
    {undo_command},
    {redact_command},
    {backup_command},
    {complete_command, false},
};
// clang-format on

} // namespace

std::span<const CommandEntry> command_table() {
    return commands;
}

} // namespace complain
