// `complain file TITLE ...`: open a new complaint with a channel.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command file_command(CLI::App& parent) {
    struct Options {
        Filing filing;
        std::string at;
        std::string format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app =
        parent.add_subcommand("file", "File a new complaint with a channel and start its clock");
    app->add_option("title", o->filing.title, "What the complaint is about")
        ->required()
        ->type_name("TITLE");
    app->add_option("--channel", o->filing.channel,
                    "Channel filed with (default: the config's default_channel)")
        ->type_name("CHANNEL");
    app->add_option("--against", o->filing.against,
                    "Shop, company or agent (and 工号) complained about")
        ->type_name("NAME");
    app->add_option("--order", o->filing.order, "Order number")->type_name("NUMBER");
    app->add_option("--product", o->filing.product, "Product or service")->type_name("TEXT");
    app->add_option("--want", o->filing.want,
                    "What you want: refund, replacement, compensation, apology")
        ->type_name("TEXT");
    app->add_option("--amount", o->filing.amount, "Amount in dispute, as 199.00 or 199.00CNY")
        ->type_name("AMOUNT");
    app->add_option("--category", o->filing.category, "Category, for summaries")->type_name("TEXT");
    app->add_option("--tag", o->filing.tags, "A tag (repeatable)")->type_name("TAG");
    app->add_option("--ref", o->filing.ref, "The channel's own case number")->type_name("REF");
    app->add_option("--body", o->filing.body,
                    "The full text of the complaint; - reads it from stdin")
        ->type_name("TEXT");
    app->add_option("--at", o->at, "When it was filed (ISO 8601; default now)")->type_name("TIME");
    add_format_option(app, o->format, {"table", "json"});
    app->footer(examples({
        "complain file '退款被拒' --against '某某旗舰店' --order 3921 --amount 199.00 --want "
        "refund",
        "complain file 'Parcel lost' --channel taobao-app --at 2026-11-20T09:30",
        "complain file 'Late refund' --body - < letter.txt",
    }));
    return {app, [o](Session& s) {
                Format format = parse_format(o->format, {Format::table, Format::json});
                Filing f = o->filing;
                f.body = text_or_stdin(f.body, "the body");
                if (!o->at.empty()) f.at = o->at;
                Complaint c = file_complaint(s, f);
                if (format == Format::json) {
                    s.out().json(complaint_json(c, s));
                    return;
                }
                const Channel& ch = s.config().channel(c.channel);
                std::string due =
                    c.clock.due ? fmt::format("due {} ({})", format_minute(*c.clock.due, s.zone()),
                                              c.clock.deadline)
                                : "no deadline";
                // A channel's key and name come from a config, which anyone may have written.
                s.out().line(fmt::format("Filed complaint {} with {} ({}): {}", c.id,
                                         terminal_text(ch.key), terminal_text(ch.name), due));
            }};
}

} // namespace complain
