// A subcommand: its CLI11 wiring and what runs when it was the one typed.
#pragma once

#include "complain/app/session.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"
#include "complain/store/store.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <functional>
#include <optional>
#include <span>
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
Command export_command(CLI::App& parent);
Command import_command(CLI::App& parent);
Command escalate_command(CLI::App& parent);
Command report_command(CLI::App& parent);
Command letter_command(CLI::App& parent);
Command channels_command(CLI::App& parent);
Command config_command(CLI::App& parent);
Command calendar_command(CLI::App& parent);
Command undo_command(CLI::App& parent);
Command redact_command(CLI::App& parent);
Command backup_command(CLI::App& parent);
// Hidden: `complain __complete ...`, the values the shell completion scripts offer.
Command complete_command(CLI::App& parent);

// A row of the command table.
struct CommandEntry {
    // The name `add` gives the subcommand: run() builds only the command typed, found by it.
    std::string_view name;
    Command (*add)(CLI::App& parent);
    // Whether the config and the clock are loaded before the command runs, so that a broken
    // config or COMPLAIN_NOW is reported by every command, not only by those that need it.
    // Completion loads what it needs itself: it must stay quiet under the cursor. So does
    // `config`, whose `path` names the file even when it is broken.
    bool loads_context = true;
    // Whether the command reads the other commands' options (completion does): then they are
    // all built.
    bool reads_others = false;
};
// Every subcommand, in the order `complain --help` lists them. run() reads this table and
// nothing else about commands: a new command is a file in src/commands/ and a row here.
std::span<const CommandEntry> command_table();
// What a bare `complain` runs, as a bare `task` lists the next tasks.
inline constexpr std::string_view default_command = "status";

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

// Adds --format with the formats the command writes, the first of them the default. The value
// is checked as it is parsed; a wrong one is a usage error listing these.
CLI::Option* add_format_option(CLI::App* app, Format& target, std::vector<Format> allowed);

// The facts of a complaint, which `file` sets and `edit` corrects: declared once for both.
struct FieldOptions {
    std::optional<std::string> against, credit_code, order, product, want, amount, category, ref,
        body;
    std::vector<std::string> tags;
};
enum class FieldUse { filing, editing };
void add_field_options(CLI::App* app, FieldOptions& f, FieldUse use);

// Runs `change` on one of the complaints a command names. With several, an Error names the
// complaint it is about (`status 5 6 7 drop`: which one could not move) and says that the
// others were not changed either, since the command is one transaction.
template <class F>
auto for_each_id_change(std::int64_t id, std::size_t count, F&& change) -> decltype(change()) {
    try {
        return change();
    } catch (const Error& e) {
        if (count < 2 || e.code() == Exit::not_found) throw; // "no complaint 7" names it
        throw Error(e.code(),
                    fmt::format("complaint {}: {} (none of the {} complaints was changed)", id,
                                e.what(), count));
    }
}

// Complaint ids as typed (`status 5 6 7`), each checked by parse_id; duplicates are refused.
std::vector<std::int64_t> parse_ids(const std::vector<std::string>& texts);

// `value` as typed, or all of standard input when it is "-": wherever a text is expected, "-"
// means standard input (`file --body -`, `edit --body -`, `note ID -`).
std::string text_or_stdin(const std::string& value, std::string_view what);
// A complaint id as typed: a positive integer, else Error(usage).
std::int64_t parse_id(std::string_view text);
// "Examples:\n  complain ...\n" for a subcommand's help footer.
std::string examples(const std::vector<std::string>& lines);

} // namespace complain
