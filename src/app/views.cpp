// Rendering complaints for people and for programs.
#include "complain/app/views.hpp"

#include "complain/app/fields.hpp"
#include "complain/app/lifecycle.hpp"
#include "complain/domain/deadline.hpp"

#include <algorithm>
#include <cctype>
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

// Seconds before the due while its clock runs (negative when overdue); none when paused, closed,
// answered without a follow-up, or without a deadline.
std::optional<std::int64_t> left_seconds(const Complaint& c, Instant now) {
    if (!c.running() || !c.clock.due) return std::nullopt;
    return (*c.clock.due - now).count();
}

std::optional<Instant> closed_instant(const Complaint& c, Session& s) {
    if (!is_closed(c.state)) return std::nullopt;
    return closed_at(c, s);
}

} // namespace

std::string content_note(const Evidence& e) {
    if (e.content == "redacted") return " [redacted: content removed]";
    if (e.content == "absent") return " [content not in this store]";
    return "";
}

std::string amount_text(const Complaint& c) {
    return complaint_field("amount").text(c);
}

std::string recovered_text(const Complaint& c) {
    return complaint_field("recovered").text(c);
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
    for (const ComplaintField& f : complaint_fields())
        j[std::string(f.key)] = f.data(c);
    j["created"] = format_iso(c.created, z);
    j["updated"] = format_iso(c.updated, z);
    j["closed"] = or_null(closed_instant(c, s), z);
    j["due"] = or_null(c.clock.due, z);
    auto left = left_seconds(c, now);
    j["left_seconds"] = left ? nlohmann::ordered_json(*left) : nlohmann::ordered_json();
    j["deadline"] = or_null(c.clock.deadline);
    j["warn_at"] = or_null(c.clock.warn_at, z);
    j["paused_at"] = or_null(c.clock.paused_at, z);
    j["overdue"] = c.overdue(now);
    j["due_soon"] = c.due_soon(now);
    j["follow_up"] = c.follow_up; // answered with a promise: `due` is the promise's
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
    j["uuid"] = e.uuid;
    j["undone"] = e.cancelled; // taken back by undo: kept in the timeline, skipped by the replay
    if (!e.retracts.empty()) j["retracts"] = e.retracts;
    return j;
}

nlohmann::ordered_json evidence_json(const Evidence& e, Zone z, const std::string& path) {
    nlohmann::ordered_json j{{"sha256", e.sha256},   {"size", e.size},
                             {"type", e.type},       {"name", e.name},
                             {"caption", e.caption}, {"added", format_iso(e.added, z)},
                             {"content", e.content}, {"purpose", e.purpose}};
    if (!path.empty()) j["path"] = path;
    return j;
}

nlohmann::ordered_json evidence_list_json(const std::vector<Evidence>& list, Zone z) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& e : list)
        j.push_back(evidence_json(e, z));
    return j;
}

Table evidence_table(const std::vector<Evidence>& list, Format format, Zone z) {
    if (format == Format::csv) {
        Table t(std::vector<std::string>{"sha256", "size", "type", "added", "name", "caption",
                                         "content", "purpose"});
        for (const auto& e : list)
            t.add_row({{e.sha256},
                       {std::to_string(e.size)},
                       {e.type},
                       {format_iso(e.added, z)},
                       {e.name},
                       {e.caption},
                       {e.content},
                       {e.purpose}});
        return t;
    }
    Table t({{"SHA256", Fit::keep},
             {"SIZE", Fit::keep, true},
             {"TYPE", Fit::phrase},
             {"ADDED", Fit::keep},
             {"NAME", Fit::text},
             {"CAPTION", Fit::text},
             {"PURPOSE", Fit::text}});
    for (const auto& e : list)
        t.add_row({{e.sha256.substr(0, 12)},
                   {size_text(e.size)},
                   {e.type},
                   {format_minute(e.added, z)},
                   {e.name + content_note(e)},
                   {e.caption},
                   {e.purpose}});
    return t;
}

std::string left_text(const Complaint& c, Session& s) {
    if (c.state == State::paused) return "paused";
    if (!c.running() || !c.clock.due) return "";
    return time_left(s.now(), *c.clock.due, stored_rule(c, s.config()));
}

Color urgency_color(const Complaint& c, Session& s) {
    if (c.overdue(s.now())) return Color::red;
    if (c.due_soon(s.now())) return Color::yellow;
    if (is_closed(c.state)) return Color::dim;
    return Color::none;
}

Table complaint_table(const std::vector<Complaint>& list, Session& s) {
    const ComplaintField& against = complaint_field("against");
    // Identifiers and instants stay whole; the title keeps more than the name it is against, and
    // the time left is cut last of all.
    Table t({{"ID", Fit::keep},
             {"STATE", Fit::keep},
             {"CHANNEL", Fit::keep},
             {"DUE", Fit::keep},
             {"LEFT", Fit::phrase},
             {"AGAINST", Fit::text},
             {"TITLE", Fit::text, false, 16}});
    for (const auto& c : list) {
        Color urgency = urgency_color(c, s);
        bool closed = is_closed(c.state);
        std::string due = c.clock.due && !closed ? format_minute(*c.clock.due, s.zone()) : "";
        // A closed row says when it closed: the list orders closed rows by it.
        std::string left =
            closed ? fmt::format("closed {}", format_day(local_day(closed_at(c, s), s.zone())))
                   : left_text(c, s);
        if (c.follow_up && !closed) left = "follow-up, " + left; // a promise, not the channel's
        t.add_row({{std::to_string(c.id)},
                   {std::string(to_string(c.state)), closed ? Color::dim : Color::none},
                   {c.channel},
                   {due, urgency},
                   {left, urgency},
                   {against.text(c)},
                   {c.title}});
    }
    return t;
}

Table complaint_data_table(const std::vector<Complaint>& list, Session& s) {
    std::vector<Column> columns{{"id"},  {"uuid"},         {"state"},   {"channel"},  {"level"},
                                {"due"}, {"left_seconds"}, {"overdue"}, {"follow_up"}};
    for (const ComplaintField& f : complaint_fields())
        columns.push_back({std::string(f.key)});
    for (std::string_view name : {"created", "updated", "closed", "title"})
        columns.push_back({std::string(name)});
    Table t(std::move(columns));
    Zone z = s.zone();
    Instant now = s.now();
    for (const auto& c : list) {
        bool running = c.clock.due && !is_closed(c.state);
        auto seconds = left_seconds(c, now);
        std::optional<Instant> closed = closed_instant(c, s);
        std::vector<Cell> row{{std::to_string(c.id)},
                              {c.uuid},
                              {std::string(to_string(c.state))},
                              {c.channel},
                              {std::to_string(c.level)},
                              {running ? format_iso(*c.clock.due, z) : ""},
                              {seconds ? std::to_string(*seconds) : ""},
                              {c.overdue(now) ? "true" : "false"},
                              {c.follow_up ? "true" : "false"}};
        for (const ComplaintField& f : complaint_fields())
            row.push_back({csv_cell(f.data(c))});
        row.push_back({format_iso(c.created, z)});
        row.push_back({format_iso(c.updated, z)});
        row.push_back({closed ? format_iso(*closed, z) : ""});
        row.push_back({c.title});
        t.add_row(std::move(row));
    }
    return t;
}

Instant closed_at(const Complaint& c, Session& s) {
    // The last move into its state; a note written since does not count.
    auto events = s.store(Store::Access::read).events(c.id);
    for (auto e = events.rbegin(); e != events.rend(); ++e)
        if (!e->cancelled && e->kind == event_kind::state && e->new_value == to_string(c.state))
            return e->at;
    return c.updated;
}

std::vector<Complaint> in_list_order(std::vector<Complaint> list, Session& s) {
    // Open work keeps the store's order (soonest due first); closed complaints follow, in the
    // order they closed, which the table shows: a due that no longer runs orders nothing.
    auto closed = std::stable_partition(list.begin(), list.end(),
                                        [](const Complaint& c) { return !is_closed(c.state); });
    std::vector<std::pair<Instant, Complaint>> keyed;
    for (auto it = closed; it != list.end(); ++it)
        keyed.emplace_back(closed_at(*it, s), std::move(*it));
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    list.erase(closed, list.end());
    for (auto& [at, c] : keyed)
        list.push_back(std::move(c));
    return list;
}

void print_complaints(const std::vector<Complaint>& unordered, Format format, Session& s) {
    std::vector<Complaint> list = in_list_order(unordered, s);
    if (format == Format::csv) {
        s.out().table(complaint_data_table(list, s), format);
    } else if (format == Format::json) {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const auto& c : list)
            j.push_back(complaint_json(c, s));
        s.out().json(j);
    } else if (!list.empty() || format != Format::table) {
        s.out().page();
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

bool starts_follow_up(const Event& e) {
    // Written by row_change, compact: the change of an answer that set a follow-up.
    return e.kind == event_kind::answered &&
           e.change.find("\"follow_up\":true") != std::string::npos;
}

std::string event_summary(const Event& e, Session& s) {
    std::string due = e.due ? fmt::format(" (due {})", format_minute(*e.due, s.zone())) : "";
    std::string text = e.text;
    if (e.kind == event_kind::escalated)
        return fmt::format("{} -> {}{}{}", e.old_value, e.new_value, due,
                           text.empty() ? "" : ": " + text);
    if (starts_follow_up(e))
        return fmt::format("{} -> {}, follow-up due {}{}", e.old_value, e.new_value,
                           e.due ? format_minute(*e.due, s.zone()) : "",
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
    // The first line fits the terminal: a long title is cut there and given whole below it.
    int width = o.width() > 0 ? std::max(o.width(), Table::narrowest) : 0;
    std::string head = fmt::format("complaint {}", c.id);
    std::string state = fmt::format("[{}]", to_string(c.state));
    std::string title = terminal_line(c.title);
    if (width > 0)
        title =
            fit_width(title, std::max(3, width - display_width(head) - display_width(state) - 3));
    std::string out = fmt::format("{} {}  {}\n", o.paint(head, Color::bold), title,
                                  o.paint(state, urgency_color(c, s)));
    auto field = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) out += fmt::format("  {:<10}{}\n", name, value);
    };
    if (title != terminal_line(c.title))
        field("title", hang_text(terminal_line(c.title), 12, width));
    const Channel* ch = s.config().find_channel(c.channel);
    field("channel", fmt::format("{}{}, level {}", shown(c.channel),
                                 ch ? " (" + shown(ch->name) + ")" : "", c.level));
    if (c.follow_up && c.clock.due) {
        // The channel's own deadline was met by its answer; what runs now is its promise.
        std::string left = left_text(c, s);
        if (!left.empty() && std::isdigit(static_cast<unsigned char>(left.front())))
            left += " left";
        field("follow-up",
              fmt::format("{} ({} promised{})", format_minute(*c.clock.due, z),
                          shown(c.clock.deadline),
                          left.empty() ? "" : ", " + o.paint(left, urgency_color(c, s))));
    } else if (c.clock.due) {
        // "(7wd deadline, 5wd left)", "(48h deadline, overdue 3h)": which figure is which.
        std::string left = left_text(c, s);
        if (!left.empty() && std::isdigit(static_cast<unsigned char>(left.front())))
            left += " left";
        field("due", fmt::format("{} ({} deadline{})", format_minute(*c.clock.due, z),
                                 shown(c.clock.deadline),
                                 left.empty() ? "" : ", " + o.paint(left, urgency_color(c, s))));
    } else if (!c.clock.deadline.empty() || ch) {
        field("due", "no deadline at this channel");
    }
    for (const ComplaintField& f : complaint_fields())
        if (!f.label.empty()) field(f.label, shown(f.text(c)));
    field("filed", format_moment(c.created, z));
    field("uuid", shown(c.uuid));
    if (!c.body.empty()) out += "\n" + shown(c.body) + (c.body.ends_with('\n') ? "" : "\n");
    out += "\n" + o.paint("Timeline", Color::bold) + "\n";
    // Long notes wrap under their own column instead of under the dates.
    // An event taken back by undo stays in the timeline, marked and dimmed: it no longer counts.
    for (const auto& e : events) {
        std::string head = fmt::format("  {}  {:<15} ", format_moment(e.at, z), shown(e.kind));
        std::string text =
            hang_text(terminal_line(event_summary(e, s)), display_width(head), width);
        if (e.cancelled) {
            out +=
                o.paint(head + text, Color::dim) + " " + o.paint("(undone)", Color::yellow) + "\n";
            continue;
        }
        out += head + text + "\n";
    }
    if (!evidence.empty()) {
        out += "\n" + o.paint("Evidence", Color::bold) + "\n";
        for (const auto& e : evidence) {
            std::string head = fmt::format("  {}  {:>9}  {:<18} ", shown(e.sha256.substr(0, 12)),
                                           size_text(e.size), shown(e.type));
            std::string name =
                terminal_line(e.name) + content_note(e) +
                (e.caption.empty() ? "" : " — " + terminal_line(e.caption)) +
                (e.purpose.empty() ? "" : " (proves: " + terminal_line(e.purpose) + ")");
            out += head + hang_text(name, display_width(head), width) + "\n";
        }
    }
    return out;
}

} // namespace complain
