// Options and conversions that several subcommands share.
#include "complain/commands/command.hpp"
#include "complain/config/config.hpp"
#include "complain/domain/state.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <iterator>

namespace complain {

void add_filter_options(CLI::App* app, FilterOptions& f) {
    app->add_option("--state", f.states, tr("Only complaints in this state (repeatable)"))
        ->type_name("STATE")
        ->group(N_("Filters"));
    app->add_option("--channel", f.channel, tr("Only complaints at this channel"))
        ->type_name("CHANNEL")
        ->group(N_("Filters"));
    app->add_option("--tag", f.tags, tr("Only complaints with this tag (repeatable: all of them)"))
        ->type_name("TAG")
        ->group(N_("Filters"));
    app->add_option("--against", f.against, tr("Only complaints against a name containing this"))
        ->type_name("TEXT")
        ->group(N_("Filters"));
    app->add_option("--since", f.since, tr("Only complaints filed at or after this time"))
        ->type_name("TIME")
        ->group(N_("Filters"));
    app->add_option("--until", f.until, tr("Only complaints filed before this time"))
        ->type_name("TIME")
        ->group(N_("Filters"));
    app->add_option("--search", f.search, tr("Only complaints whose text contains this"))
        ->type_name("TEXT")
        ->group(N_("Filters"));
    app->add_flag("--all", f.all, tr("Include resolved and dropped complaints"))
        ->group(N_("Filters"));
}

ComplaintFilter make_filter(const FilterOptions& f, Session& s) {
    ComplaintFilter out;
    for (const auto& word : f.states) {
        auto state = parse_state(word);
        if (!state) {
            std::vector<std::string> names;
            for (State st : all_states())
                names.emplace_back(to_string(st));
            std::string hint = did_you_mean(word, names);
            throw Error(Exit::usage,
                        trf("--state {}{}: use open, answered, paused, resolved or dropped", word,
                            hint.empty() ? "" : trf(" (did you mean '{}'?)", hint)));
        }
        out.states.push_back(*state);
    }
    if (out.states.empty() && !f.all) out.states = {State::open, State::answered, State::paused};
    if (!f.channel.empty()) {
        // A channel since removed from the config still filters the complaints filed with it.
        if (s.config().find_channel(f.channel) == nullptr)
            s.out().warning(trf("channel {} is not in the config", f.channel));
        out.channel = f.channel;
    }
    out.tags = f.tags;
    out.against = f.against;
    if (!f.search.empty()) {
        if (!valid_utf8(f.search)) throw Error(Exit::usage, tr("--search is not valid UTF-8"));
        // The text index reads words of two characters or more (store/schema.cpp, 3 -> 4).
        if (std::count_if(f.search.begin(), f.search.end(),
                          [](char ch) { return (ch & 0xC0) != 0x80; }) < 2)
            throw Error(Exit::usage,
                        trf("--search {}: search for two characters or more (工号, 退款, a "
                            "word, a number)",
                            terminal_text(f.search)));
    }
    out.search = f.search;
    if (!f.since.empty()) out.since = s.parse_time(f.since);
    if (!f.until.empty()) out.until = s.parse_time(f.until);
    return out;
}

CLI::Option* add_format_option(CLI::App* app, Format& target, std::vector<Format> allowed) {
    target = allowed.front();
    std::vector<std::string_view> names;
    for (Format f : allowed)
        names.push_back(to_string(f));
    return app
        ->add_option_function<std::string>(
            "--format",
            [&target, allowed](const std::string& text) { target = parse_format(text, allowed); },
            trf("Output format: {}", fmt::join(names, ", ")))
        ->type_name("FORMAT");
}

void add_field_options(CLI::App* app, FieldOptions& f, FieldUse use) {
    bool editing = use == FieldUse::editing;
    app->add_option("--against", f.against,
                    tr("Shop, company or agent (and 工号) complained about"))
        ->type_name("NAME");
    app->add_option("--credit-code", f.credit_code,
                    tr("Its 统一社会信用代码 (unified social credit code), for letters"))
        ->type_name("CODE");
    app->add_option("--order", f.order, tr("Order number"))->type_name("NUMBER");
    app->add_option("--product", f.product, tr("Product or service"))->type_name("TEXT");
    app->add_option("--want", f.want,
                    tr("What you want: refund, replacement, compensation, apology"))
        ->type_name("TEXT");
    app->add_option("--amount", f.amount,
                    editing ? tr("Amount in dispute, as 199.00 or 199.00CNY ('' clears it)")
                            : tr("Amount in dispute, as 199.00 or 199.00CNY"))
        ->type_name("AMOUNT");
    app->add_option("--category", f.category, tr("Category, for summaries"))->type_name("TEXT");
    app->add_option("--ref", f.ref, tr("The channel's own case number"))->type_name("REF");
    app->add_option("--body", f.body, tr("The full text of the complaint; - reads it from stdin"))
        ->type_name("TEXT");
    app->add_option("--tag", f.tags,
                    editing ? tr("Add a tag (repeatable)") : tr("A tag (repeatable)"))
        ->type_name("TAG");
}

std::vector<std::int64_t> parse_ids(const std::vector<std::string>& texts) {
    std::vector<std::int64_t> ids;
    for (const auto& text : texts) {
        std::int64_t id = parse_id(text);
        if (std::find(ids.begin(), ids.end(), id) != ids.end())
            throw Error(Exit::usage, trf("complaint {} is named twice", id));
        ids.push_back(id);
    }
    return ids;
}

std::string text_or_stdin(const std::string& value, std::string_view what) {
    if (value != "-") return value;
    std::string text(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>{});
    if (std::cin.bad()) throw Error(Exit::io, trf("cannot read {} from standard input", what));
    return text;
}

std::int64_t parse_id(std::string_view text) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
        throw Error(Exit::usage, trf("'{}' is not a complaint id: ids are whole numbers such as 12 "
                                     "(see: complain status)",
                                     text));
    return id;
}

std::string examples(const std::vector<std::string>& lines) {
    std::string out = "\n" + std::string(tr("Examples:")) + "\n";
    for (const auto& l : lines)
        out += "  " + l + "\n";
    return out;
}

} // namespace complain
