// The list of a complaint's fields, each with its names and how it reads.
#include "complain/app/fields.hpp"

#include "complain/domain/money.hpp"
#include "complain/i18n.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <stdexcept>

namespace complain {
namespace {

using json = nlohmann::ordered_json;

json or_null(const std::string& s) {
    return s.empty() ? json() : json(s);
}

std::string money_text(const std::optional<std::int64_t>& minor, const std::string& currency) {
    return minor ? fmt::format("{} {}", format_amount(*minor, currency), currency) : "";
}

json money_data(const std::optional<std::int64_t>& minor, const std::string& currency) {
    return minor ? json(format_amount(*minor, currency)) : json();
}

} // namespace

const std::vector<ComplaintField>& complaint_fields() {
    using C = const Complaint&;
    static const std::vector<ComplaintField> fields{
        {"against", N_("against"), N_("Against"), [](C c) { return c.against; },
         [](C c) { return or_null(c.against); }},
        {"order", N_("order"), N_("Order"), [](C c) { return c.order; },
         [](C c) { return or_null(c.order); }},
        {"product", N_("product"), N_("Product"), [](C c) { return c.product; },
         [](C c) { return or_null(c.product); }},
        {"category", N_("category"), N_("Category"), [](C c) { return c.category; },
         [](C c) { return or_null(c.category); }},
        {"want", N_("wants"), N_("Wants"), [](C c) { return c.want; },
         [](C c) { return or_null(c.want); }},
        {"amount", N_("amount"), N_("Amount in dispute"),
         [](C c) { return money_text(c.amount, c.currency); },
         [](C c) { return money_data(c.amount, c.currency); }},
        {"recovered", N_("recovered"), N_("Recovered"),
         [](C c) { return money_text(c.recovered, c.currency); },
         [](C c) { return money_data(c.recovered, c.currency); }},
        // People read the currency with the amounts; programs get it on its own.
        {"currency", "", "", [](C) { return std::string(); },
         [](C c) { return or_null(c.currency); }},
        {"tags", N_("tags"), N_("Tags"),
         [](C c) { return fmt::format("{}", fmt::join(c.tags, ", ")); },
         [](C c) { return json(c.tags); }},
        {"ref", N_("ref"), N_("Case number"), [](C c) { return c.ref; },
         [](C c) { return or_null(c.ref); }},
        // Added after the first release: new keys come last.
        {"credit_code", N_("credit code"), N_("Credit code (统一社会信用代码)"),
         [](C c) { return c.credit_code; }, [](C c) { return or_null(c.credit_code); }},
    };
    return fields;
}

const ComplaintField& complaint_field(std::string_view key) {
    for (const auto& f : complaint_fields())
        if (f.key == key) return f;
    throw std::out_of_range(fmt::format("no complaint field {}", key));
}

std::string csv_cell(const nlohmann::ordered_json& data) {
    if (data.is_null()) return "";
    if (data.is_string()) return data.get<std::string>();
    if (data.is_array()) {
        std::string out;
        for (size_t i = 0; i < data.size(); ++i) {
            if (i > 0) out += ',';
            out += csv_cell(data[i]);
        }
        return out;
    }
    return data.dump();
}

} // namespace complain
