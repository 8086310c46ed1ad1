// `complain edit ID`: correct or complete a complaint's facts; the timeline keeps the old values.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command edit_command(CLI::App& parent) {
    struct Options {
        std::string id, at, format;
        Edit edit;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "edit", "Correct or complete a complaint's facts (each change is an 'edited' event)");
    app->add_option("id", o->id, "Complaint id")->required()->type_name("ID");
    app->add_option("--title", o->edit.title, "New title")->type_name("TITLE");
    app->add_option("--against", o->edit.against, "Shop, company or agent complained about")
        ->type_name("NAME");
    app->add_option("--order", o->edit.order, "Order number")->type_name("NUMBER");
    app->add_option("--product", o->edit.product, "Product or service")->type_name("TEXT");
    app->add_option("--want", o->edit.want, "What you want")->type_name("TEXT");
    app->add_option("--amount", o->edit.amount,
                    "Amount in dispute, as 199.00 or 199.00CNY ('' clears it)")
        ->type_name("AMOUNT");
    app->add_option("--category", o->edit.category, "Category")->type_name("TEXT");
    app->add_option("--ref", o->edit.ref, "The channel's own case number")->type_name("REF");
    app->add_option("--body", o->edit.body, "The full text of the complaint; - reads it from stdin")
        ->type_name("TEXT");
    app->add_option("--tag", o->edit.add_tags, "Add a tag (repeatable)")->type_name("TAG");
    app->add_option("--untag", o->edit.remove_tags, "Remove a tag (repeatable)")->type_name("TAG");
    app->add_option("--at", o->at, "When the change happened (ISO 8601; default now)")
        ->type_name("TIME");
    add_format_option(app, o->format, {"table", "json"});
    app->footer(examples({
        "complain edit 3 --ref TS20261124001       # the case number the platform assigned",
        "complain edit 3 --amount 249.00 --tag urgent",
    }));
    return {app, [o](Session& s) {
                Format format = parse_format(o->format, {Format::table, Format::json});
                Edit e = o->edit;
                e.id = parse_id(o->id);
                if (e.body) e.body = text_or_stdin(*e.body, "the body");
                if (!o->at.empty()) e.at = o->at;
                auto [complaint, events] = edit_complaint(s, e);
                if (format == Format::json) {
                    s.out().json(complaint_json(complaint, s));
                    return;
                }
                if (events.empty()) {
                    s.out().line(fmt::format("Complaint {}: nothing changed", complaint.id));
                    return;
                }
                for (const auto& ev : events)
                    s.out().line(
                        fmt::format("Complaint {}: {}", complaint.id, terminal_text(ev.text)));
            }};
}

} // namespace complain
