// Rendering complaints for people and for programs.
#include "complain/app/views.hpp"

#include "complain/app/lifecycle.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/domain/money.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {
namespace {

nlohmann::ordered_json or_null(const std::string& s) {
    return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
}
nlohmann::ordered_json or_null(const std::optional<Instant>& t, Zone z) {
    return t ? nlohmann::ordered_json(format_iso(*t, z)) : nlohmann::ordered_json();
}

} // namespace

std::string amount_text(const Complaint& c) {
    if (!c.amount) return "";
    return fmt::format("{} {}", format_amount(*c.amount, c.currency), c.currency);
}

std::string recovered_text(const Complaint& c) {
    if (!c.recovered) return "";
    return fmt::format("{} {}", format_amount(*c.recovered, c.currency), c.currency);
}

nlohmann::ordered_json complaint_json(const Complaint& c, Session& s,
                                      const std::vector<Event>* events,
                                      const std::vector<Evidence>* evidence) {
    Zone z = s.zone();
    Instant now = s.now();
    nlohmann::ordered_json j;
    j["id"] = c.id;
    j["uuid"] = c.uuid;
    j["title"] = c.title;
    j["body"] = c.body;
    j["state"] = to_string(c.state);
    j["channel"] = c.channel;
    j["level"] = c.level;
    j["against"] = or_null(c.against);
    j["order"] = or_null(c.order);
    j["product"] = or_null(c.product);
    j["category"] = or_null(c.category);
    j["want"] = or_null(c.want);
    j["amount"] = c.amount ? nlohmann::ordered_json(format_amount(*c.amount, c.currency))
                           : nlohmann::ordered_json();
    j["recovered"] = c.recovered ? nlohmann::ordered_json(format_amount(*c.recovered, c.currency))
                                 : nlohmann::ordered_json();
    j["currency"] = or_null(c.currency);
    j["tags"] = c.tags;
    j["ref"] = or_null(c.ref);
    j["created"] = format_iso(c.created, z);
    j["updated"] = format_iso(c.updated, z);
    j["due"] = or_null(c.clock.due, z);
    j["deadline"] = or_null(c.clock.deadline);
    j["warn_at"] = or_null(c.clock.warn_at, z);
    j["paused_at"] = or_null(c.clock.paused_at, z);
    j["overdue"] = c.overdue(now);
    j["due_soon"] = c.due_soon(now);
    if (events) {
        j["events"] = nlohmann::ordered_json::array();
        for (const auto& e : *events)
            j["events"].push_back(event_json(e, z));
    }
    if (evidence) {
        j["evidence"] = nlohmann::ordered_json::array();
        for (const auto& e : *evidence)
            j["evidence"].push_back(evidence_json(e, z));
    }
    return j;
}

nlohmann::ordered_json event_json(const Event& e, Zone z) {
    nlohmann::ordered_json j;
    j["at"] = format_iso(e.at, z);
    j["recorded"] = format_iso(e.recorded, z);
    j["kind"] = e.kind;
    j["text"] = e.text;
    if (!e.field.empty()) j["field"] = e.field;
    if (!e.old_value.empty()) j["from"] = e.old_value;
    if (!e.new_value.empty()) j["to"] = e.new_value;
    j["due"] = or_null(e.due, z);
    return j;
}

nlohmann::ordered_json evidence_json(const Evidence& e, Zone z) {
    return nlohmann::ordered_json{{"sha256", e.sha256},   {"size", e.size},
                                  {"type", e.type},       {"name", e.name},
                                  {"caption", e.caption}, {"added", format_iso(e.added, z)}};
}

std::string left_text(const Complaint& c, Session& s) {
    if (c.state == State::paused) return "paused";
    if (c.state != State::open || !c.clock.due) return "";
    return time_left(s.now(), *c.clock.due, stored_rule(c, s.config()));
}

Color urgency_color(const Complaint& c, Session& s) {
    if (c.overdue(s.now())) return Color::red;
    if (c.due_soon(s.now())) return Color::yellow;
    if (is_closed(c.state)) return Color::dim;
    return Color::none;
}

Table complaint_table(const std::vector<Complaint>& list, Session& s) {
    Table t({"ID", "STATE", "CHANNEL", "DUE", "LEFT", "AGAINST", "TITLE"}, 6);
    for (const auto& c : list) {
        Color urgency = urgency_color(c, s);
        std::string due =
            c.clock.due && !is_closed(c.state) ? format_minute(*c.clock.due, s.zone()) : "";
        t.add_row({{std::to_string(c.id)},
                   {std::string(to_string(c.state)), is_closed(c.state) ? Color::dim : Color::none},
                   {c.channel},
                   {due, urgency},
                   {left_text(c, s), urgency},
                   {c.against},
                   {c.title}});
    }
    return t;
}

Table complaint_data_table(const std::vector<Complaint>& list, Session& s) {
    Table t({"id", "uuid", "state", "channel", "level", "due", "left_seconds", "overdue", "against",
             "order", "category", "amount", "currency", "tags", "ref", "created", "title"});
    Zone z = s.zone();
    Instant now = s.now();
    for (const auto& c : list) {
        bool running = c.clock.due && !is_closed(c.state);
        std::string left =
            running && c.state == State::open ? std::to_string((*c.clock.due - now).count()) : "";
        t.add_row({{std::to_string(c.id)},
                   {c.uuid},
                   {std::string(to_string(c.state))},
                   {c.channel},
                   {std::to_string(c.level)},
                   {running ? format_iso(*c.clock.due, z) : ""},
                   {left},
                   {c.overdue(now) ? "true" : "false"},
                   {c.against},
                   {c.order},
                   {c.category},
                   {c.amount ? format_amount(*c.amount, c.currency) : ""},
                   {c.currency},
                   {fmt::format("{}", fmt::join(c.tags, ","))},
                   {c.ref},
                   {format_iso(c.created, z)},
                   {c.title}});
    }
    return t;
}

void print_complaints(const std::vector<Complaint>& list, Format format, Session& s) {
    if (format == Format::csv) {
        s.out().table(complaint_data_table(list, s), format);
    } else if (format == Format::json) {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const auto& c : list)
            j.push_back(complaint_json(c, s));
        s.out().json(j);
    } else if (!list.empty() || format != Format::table) {
        s.out().table(complaint_table(list, s), format);
    }
}

std::string size_text(std::int64_t bytes) {
    if (bytes < 1024) return fmt::format("{} B", bytes);
    double v = static_cast<double>(bytes);
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        ++u;
    }
    return fmt::format("{:.1f} {}", v, units[u]);
}

std::string event_summary(const Event& e, Session& s) {
    std::string due = e.due ? fmt::format(" (due {})", format_minute(*e.due, s.zone())) : "";
    std::string text = e.text;
    if (e.kind == event_kind::escalated)
        return fmt::format("{} -> {}{}{}", e.old_value, e.new_value, due,
                           text.empty() ? "" : ": " + text);
    if (e.kind == event_kind::state || e.kind == event_kind::answered ||
        e.kind == event_kind::paused || e.kind == event_kind::resumed)
        return fmt::format("{} -> {}{}{}", e.old_value, e.new_value,
                           e.kind == event_kind::resumed ? due : "",
                           text.empty() ? "" : ": " + text);
    if (e.kind == event_kind::filed) return text + due;
    return text;
}

std::string complaint_detail(const Complaint& c, const std::vector<Event>& events,
                             const std::vector<Evidence>& evidence, Session& s) {
    Output& o = s.out();
    Zone z = s.zone();
    // Every stored text is shown through terminal_text; only the colours are complain's own.
    auto shown = [](std::string_view text) { return terminal_text(text); };
    std::string out = fmt::format(
        "{} {}  {}\n", o.paint(fmt::format("complaint {}", c.id), Color::bold), shown(c.title),
        o.paint(fmt::format("[{}]", to_string(c.state)), urgency_color(c, s)));
    auto field = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) out += fmt::format("  {:<10}{}\n", name, value);
    };
    const Channel* ch = s.config().find_channel(c.channel);
    field("channel", fmt::format("{}{}, level {}", shown(c.channel),
                                 ch ? " (" + shown(ch->name) + ")" : "", c.level));
    if (c.clock.due) {
        std::string left = left_text(c, s);
        field("due",
              fmt::format("{} ({}{})", format_minute(*c.clock.due, z), shown(c.clock.deadline),
                          left.empty() ? "" : ", " + o.paint(left, urgency_color(c, s))));
    } else if (!c.clock.deadline.empty() || ch) {
        field("due", "no deadline at this channel");
    }
    field("against", shown(c.against));
    field("order", shown(c.order));
    field("product", shown(c.product));
    field("category", shown(c.category));
    field("wants", shown(c.want));
    field("amount", shown(amount_text(c)));
    field("recovered", shown(recovered_text(c)));
    field("ref", shown(c.ref));
    field("tags", shown(fmt::format("{}", fmt::join(c.tags, ", "))));
    field("filed", format_moment(c.created, z));
    field("uuid", shown(c.uuid));
    if (!c.body.empty()) out += "\n" + shown(c.body) + (c.body.ends_with('\n') ? "" : "\n");
    out += "\n" + o.paint("Timeline", Color::bold) + "\n";
    for (const auto& e : events)
        out += fmt::format("  {}  {:<15} {}\n", format_moment(e.at, z), shown(e.kind),
                           shown(event_summary(e, s)));
    if (!evidence.empty()) {
        out += "\n" + o.paint("Evidence", Color::bold) + "\n";
        for (const auto& e : evidence)
            out += fmt::format("  {}  {:>9}  {:<18} {}{}\n", shown(e.sha256.substr(0, 12)),
                               size_text(e.size), shown(e.type), shown(e.name),
                               e.caption.empty() ? "" : " — " + shown(e.caption));
    }
    return out;
}

} // namespace complain
