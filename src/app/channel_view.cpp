// The channels of the config as a table and as data.
#include "complain/app/channel_view.hpp"

#include "complain/app/fields.hpp"
#include "complain/i18n.hpp"

namespace complain {

nlohmann::ordered_json channel_json(const Channel& ch, const Config& config) {
    using json = nlohmann::ordered_json;
    auto or_null = [](const std::string& v) { return v.empty() ? json() : json(v); };
    return json{
        {"key", ch.key},
        {"name", ch.name},
        {"kind", or_null(ch.kind)},
        {"contact", or_null(ch.contact)},
        {"deadline", ch.deadline ? json(ch.deadline->str()) : json()},
        {"warn", ch.deadline ? json(ch.warning_or_default().str()) : json()},
        {"calendar", config.calendar_of(ch).name()},
        {"roll", ch.roll},
        {"next", or_null(ch.next)},
        {"basis", or_null(ch.basis)},
        {"default", ch.key == config.default_channel()},
        {"defined", ch.origin.str()},
        {"law", or_null(ch.law)}, // added after the first release: last
    };
}

nlohmann::ordered_json channels_json(const Config& config) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& ch : config.channels())
        j.push_back(channel_json(ch, config));
    return j;
}

Table channel_table(const Config& config, Format format) {
    if (format == Format::csv) {
        // The same names and values as JSON, so that a program reads either the same way.
        static const std::vector<std::string> keys{
            "key",  "name", "kind",  "contact", "deadline", "warn", "calendar",
            "roll", "next", "basis", "default", "defined",  "law"};
        Table t(keys);
        for (const auto& ch : config.channels()) {
            nlohmann::ordered_json j = channel_json(ch, config);
            std::vector<Cell> row;
            for (const auto& key : keys)
                row.push_back({csv_cell(j.at(key))});
            t.add_row(std::move(row));
        }
        return t;
    }
    // Keys are what a reader types: they stay whole, and so do the calendar and next rung.
    Table t({{tr("KEY"), Fit::keep},
             {tr("DEADLINE"), Fit::phrase},
             {tr("WARN"), Fit::phrase},
             {tr("CALENDAR"), Fit::keep},
             {tr("NEXT"), Fit::keep},
             {tr("NAME"), Fit::text}});
    // A terminal table explains the marker below it; Markdown stands alone.
    std::string mark = format == Format::table ? " *" : tr(" (default)");
    for (const auto& ch : config.channels()) {
        bool days = ch.deadline && !ch.deadline->is_elapsed();
        t.add_row({{ch.key + (ch.key == config.default_channel() ? mark : "")},
                   {ch.deadline ? ch.deadline->str() + (ch.roll ? " roll" : "") : tr("none")},
                   {ch.deadline ? ch.warning_or_default().str() : ""},
                   {days ? config.calendar_of(ch).name() : ""},
                   {ch.next},
                   {ch.name}});
    }
    return t;
}

} // namespace complain
