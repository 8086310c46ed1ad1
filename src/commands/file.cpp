// `complain file TITLE ...`: open a new complaint with a channel.
#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command file_command(CLI::App& parent) {
    struct Options {
        Filing filing;
        FieldOptions fields;
        std::string at;
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "file", tr("File a new complaint with a channel and start its clock"));
    app->add_option("title", o->filing.title, tr("What the complaint is about"))
        ->required()
        ->type_name("TITLE");
    app->add_option("--channel", o->filing.channel,
                    tr("Channel filed with (default: the config's default_channel)"))
        ->type_name("CHANNEL");
    add_field_options(app, o->fields, FieldUse::filing);
    app->add_option("--at", o->at, tr("When it was filed (ISO 8601; default now)"))
        ->type_name("TIME");
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain file '退款被拒' --against '某某旗舰店' --order 3921 --amount 199.00",
        "complain file 'Parcel lost' --channel taobao-app --at 2026-11-20T09:30",
        "complain file 'Late refund' --body - < letter.txt",
    }));
    return {app, [o](Session& s) {
                Format format = o->format;
                Filing f = o->filing;
                const FieldOptions& given = o->fields;
                f.against = given.against.value_or("");
                f.credit_code = given.credit_code.value_or("");
                f.order = given.order.value_or("");
                f.product = given.product.value_or("");
                f.want = given.want.value_or("");
                f.amount = given.amount.value_or("");
                f.category = given.category.value_or("");
                f.ref = given.ref.value_or("");
                f.tags = given.tags;
                f.body = text_or_stdin(given.body.value_or(""), "the body");
                if (!o->at.empty()) f.at = o->at;
                Complaint c = file_complaint(s, f);
                s.commit();
                if (format == Format::json) {
                    s.out().json(complaint_json(c, s));
                    return;
                }
                const Channel& ch = s.config().channel(c.channel);
                std::string due = c.clock.due
                                      ? trf("due {} ({})", format_minute(*c.clock.due, s.zone()),
                                            c.clock.deadline)
                                      : std::string(tr("no deadline"));
                // A channel's key and name come from a config, which anyone may have written.
                s.out().line(trf("Filed complaint {} with {} ({}): {}", c.id, terminal_text(ch.key),
                                 terminal_text(ch.name), due));
            }};
}

} // namespace complain
