// `complain edit ID`: correct or complete a complaint's facts; the timeline keeps the old values.
#include "complain/app/evidence.hpp"
#include "complain/app/lifecycle.hpp"
#include "complain/app/records.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command edit_command(CLI::App& parent) {
    struct Options {
        std::vector<std::string> ids;
        std::string at;
        Format format;
        std::optional<std::string> title;
        FieldOptions fields;
        std::vector<std::string> untag;
        std::optional<std::string> evidence, purpose;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "edit", tr("Correct or complete a complaint's facts (each change is an 'edited' event)"));
    app->add_option("id", o->ids, tr("Complaint id (several: each gets the same change)"))
        ->required()
        ->type_name("ID");
    app->add_option("--title", o->title, tr("New title"))->type_name("TITLE");
    add_field_options(app, o->fields, FieldUse::editing);
    app->add_option("--untag", o->untag, tr("Remove a tag (repeatable)"))->type_name("TAG");
    app->add_option("--evidence", o->evidence,
                    tr("With --purpose: the piece of evidence, by its SHA-256 or its first 4 or "
                       "more hex digits (see: attach ID --list)"))
        ->type_name("SHA");
    app->add_option(
           "--purpose", o->purpose,
           tr("What the evidence named by --evidence proves (证明目的); empty: the caption "
              "says it"))
        ->type_name("TEXT");
    app->add_option("--at", o->at, tr("When the change happened (ISO 8601; default now)"))
        ->type_name("TIME");
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({
        "complain edit 3 --ref TS20261124001     # the platform's case number",
        "complain edit 3 --amount 249.00 --tag urgent",
        "complain edit 3 4 5 --tag batch-11      # several at once, in one transaction",
        "complain edit 3 --evidence 9f86d081 --purpose '证明商家拒绝退款'",
    }));
    return {app, [o](Session& s) {
                std::vector<std::int64_t> ids = parse_ids(o->ids);
                if (o->evidence.has_value() != o->purpose.has_value())
                    throw Error(Exit::usage,
                                tr("--evidence and --purpose go together: complain edit "
                                   "ID --evidence SHA --purpose TEXT"));
                if (o->evidence && ids.size() > 1)
                    throw Error(Exit::usage, tr("--evidence names evidence of one complaint: give "
                                                "one id"));
                const FieldOptions& given = o->fields;
                Edit e{.title = o->title,
                       .against = given.against,
                       .credit_code = given.credit_code,
                       .order = given.order,
                       .product = given.product,
                       .category = given.category,
                       .want = given.want,
                       .amount = given.amount,
                       .ref = given.ref,
                       .add_tags = given.tags,
                       .remove_tags = o->untag};
                if (given.body) e.body = text_or_stdin(*given.body, "the body");
                if (!o->at.empty()) e.at = o->at;
                std::vector<std::pair<Complaint, std::vector<Event>>> done;
                for (std::int64_t id : ids) {
                    e.id = id;
                    done.push_back(
                        for_each_id_change(id, ids.size(), [&] { return edit_complaint(s, e); }));
                }
                if (o->evidence) {
                    auto& [complaint, events] = done.front();
                    if (auto ev = set_purpose(s, complaint.id, *o->evidence, *o->purpose, e.at)) {
                        events.push_back(*ev);
                        complaint = load_record(s, complaint.id).complaint; // its new `updated`
                    }
                }
                s.commit(); // all of them or none, before anything reads as done
                nlohmann::ordered_json edited = nlohmann::ordered_json::array();
                for (const auto& [complaint, events] : done) {
                    if (o->format == Format::json) {
                        edited.push_back(complaint_json(complaint, s));
                        continue;
                    }
                    if (events.empty())
                        s.out().line(trf("Complaint {}: nothing changed", complaint.id));
                    for (const auto& ev : events)
                        s.out().line(trf("Complaint {}: {}", complaint.id, terminal_text(ev.text)));
                }
                // One complaint is one object, as before; several are an array.
                if (o->format == Format::json) s.out().json(ids.size() == 1 ? edited[0] : edited);
            }};
}

} // namespace complain
