// A subcommand: its CLI11 wiring and what runs when it was the one typed.
#pragma once

#include "complain/app/session.hpp"
#include "complain/store/store.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace complain {

struct Command {
    CLI::App* app = nullptr;
    std::function<void(Session&)> run;
};

// One function per file in src/commands/, each adding its subcommand to `parent`.
Command file_command(CLI::App& parent);
Command status_command(CLI::App& parent);
Command note_command(CLI::App& parent);
Command edit_command(CLI::App& parent);
Command attach_command(CLI::App& parent);
Command verify_command(CLI::App& parent);
Command escalate_command(CLI::App& parent);
Command report_command(CLI::App& parent);
Command channels_command(CLI::App& parent);
Command config_command(CLI::App& parent);
Command calendar_command(CLI::App& parent);
// Hidden: `complain __complete ...`, the values the shell completion scripts offer.
Command complete_command(CLI::App& parent);

// Options shared by the commands that list complaints (status, report).
struct FilterOptions {
    std::vector<std::string> states;
    std::vector<std::string> tags;
    std::string channel, against, since, until, search;
    bool all = false;
};
void add_filter_options(CLI::App* app, FilterOptions& f);
// Checks and converts the typed filters; without --state or --all, open work only.
ComplaintFilter make_filter(const FilterOptions& f, Session& s);

// Adds --format with the allowed values, defaulting to table.
void add_format_option(CLI::App* app, std::string& target, const std::vector<std::string>& allowed);
// `value` as typed, or all of standard input when it is "-": wherever a text is expected, "-"
// means standard input (`file --body -`, `edit --body -`, `note ID -`).
std::string text_or_stdin(const std::string& value, std::string_view what);
// A complaint id as typed: a positive integer, else Error(usage).
std::int64_t parse_id(std::string_view text);
// "Examples:\n  complain ...\n" for a subcommand's help footer.
std::string examples(const std::vector<std::string>& lines);

} // namespace complain
