// Rendering complaints for people and for programs.
#include "complain/app/views.hpp"

#include "complain/app/fields.hpp"
#include "complain/app/ics.hpp"
#include "complain/app/lifecycle.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
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
    if (e.content == "redacted") return tr(" [redacted: content removed]");
    if (e.content == "absent") return tr(" [content not in this store]");
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
    return complaint_json(c, closed_instant(c, s), s, events, evidence);
}

nlohmann::ordered_json complaint_json(const Complaint& c, std::optional<Instant> closed, Session& s,
                                      const std::vector<Event>* events,
                                      const std::vector<Evidence>* evidence) {
    Zone z = s.zone();
    Instant now = s.now();
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    // Room for every field below, and a list's "matches": an ordered object that grows copies
    // its keys and values, its keys being const.
    j.get_ref<nlohmann::ordered_json::object_t&>().reserve(complaint_fields().size() + 22);
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
    j["closed"] = or_null(closed, z);
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
    Table t({{tr("SHA256"), Fit::keep},
             {tr("SIZE"), Fit::keep, true},
             {tr("TYPE"), Fit::phrase},
             {tr("ADDED"), Fit::keep},
             {tr("NAME"), Fit::text},
             {tr("CAPTION"), Fit::text},
             {tr("PURPOSE"), Fit::text}});
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

void append_left(std::string& out, const Complaint& c, Session& s) {
    if (c.state == State::paused)
        out += tr("paused");
    else if (c.running() && c.clock.due)
        append_time_left(out, s.now(), *c.clock.due, stored_rule(c, s.config()));
}

std::string left_text(const Complaint& c, Session& s) {
    std::string out;
    append_left(out, c, s);
    return out;
}

Color urgency_color(const Complaint& c, Session& s) {
    if (c.overdue(s.now())) return Color::red;
    if (c.due_soon(s.now())) return Color::yellow;
    if (is_closed(c.state)) return Color::dim;
    return Color::none;
}

std::vector<Column> complaint_columns() {
    // Identifiers and instants stay whole; the title keeps more than the name it is against, and
    // the time left is cut last of all.
    return {{tr("ID"), Fit::keep},
            {tr("STATE"), Fit::keep},
            {tr("CHANNEL"), Fit::keep},
            {tr("DUE"), Fit::keep},
            {tr("LEFT"), Fit::phrase},
            {tr("AGAINST"), Fit::text},
            {tr("TITLE"), Fit::text, false, 16}};
}

void complaint_row(std::vector<Cell>& row, const Complaint& c, std::optional<Instant> closed_on,
                   Session& s) {
    Color urgency = urgency_color(c, s);
    bool closed = is_closed(c.state);
    row.resize(7);
    // Each cell written over the last row's, in its buffer.
    char id[24];
    row[0].text.assign(id, std::to_chars(id, id + sizeof id, c.id).ptr);
    row[0].color = Color::none;
    row[1].text.assign(to_string(c.state));
    row[1].color = closed ? Color::dim : Color::none;
    row[2].text.assign(c.channel);
    row[2].color = Color::none;
    row[3].text.clear();
    if (c.clock.due && !closed) append_minute(row[3].text, *c.clock.due, s.zone());
    row[3].color = urgency;
    // A closed row says when it closed: the list orders closed rows by it.
    std::string& left = row[4].text;
    left.clear();
    if (closed)
        left = trf("closed {}",
                   format_day(local_day(closed_on ? *closed_on : closed_at(c, s), s.zone())));
    else if (c.follow_up)
        left = trf("follow-up, {}", left_text(c, s)); // a promise, not the channel's
    else
        append_left(left, c, s);
    row[4].color = urgency;
    row[5].text.assign(c.against);
    row[5].color = Color::none;
    row[6].text.assign(c.title);
    row[6].color = Color::none;
}

std::vector<Column> complaint_data_columns() {
    std::vector<Column> columns{{"id"},  {"uuid"},         {"state"},   {"channel"},  {"level"},
                                {"due"}, {"left_seconds"}, {"overdue"}, {"follow_up"}};
    for (const ComplaintField& f : complaint_fields())
        columns.push_back({std::string(f.key)});
    for (std::string_view name : {"created", "updated", "closed", "title"})
        columns.push_back({std::string(name)});
    return columns;
}

std::vector<Cell> complaint_data_row(const Complaint& c, std::optional<Instant> closed,
                                     Session& s) {
    Zone z = s.zone();
    Instant now = s.now();
    bool running = c.clock.due && !is_closed(c.state);
    auto seconds = left_seconds(c, now);
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
    return row;
}

Instant closed_at(const Complaint& c, Session& s) {
    // The last move into its state; a note written since does not count.
    auto events = s.store(Store::Access::read).events(c.id);
    for (auto e = events.rbegin(); e != events.rend(); ++e)
        if (!e->cancelled && e->kind == event_kind::state && e->new_value == to_string(c.state))
            return e->at;
    return c.updated;
}

namespace {

// What later rows of a long list may need in the columns kept whole: the largest id, the widest
// state and channel, a due, "closed 2026-11-20" (complaint_columns' order).
void reserve_widths(TableStream& t, const ComplaintFilter& filter, Session& s) {
    std::vector<State> states = filter.states.empty() ? all_states() : filter.states;
    t.reserve(0, static_cast<int>(
                     std::to_string(s.store(Store::Access::read).next_complaint_id() - 1).size()));
    for (State st : states) {
        t.reserve(1, display_width(to_string(st)));
        if (is_closed(st)) t.reserve(4, display_width(trf("closed {}", "2026-11-20")));
        if (!is_closed(st)) t.reserve(3, display_width("2026-11-20 24:00"));
    }
    for (const Channel& ch : s.config().channels())
        t.reserve(2, display_width(terminal_line(ch.key)));
}

// Where `search` first is in `text`, ASCII letters in any case, as the store compares them.
size_t find_folded(std::string_view text, std::string_view search) {
    auto fold = [](char ch) {
        return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    };
    if (search.empty() || search.size() > text.size()) return std::string_view::npos;
    for (size_t i = 0; i + search.size() <= text.size(); ++i) {
        size_t k = 0;
        while (k < search.size() && fold(text[i + k]) == fold(search[k]))
            ++k;
        if (k == search.size()) return i;
    }
    return std::string_view::npos;
}

// The last characters of `text` that fit in `columns`, after "…" when some were left out.
std::string last_columns(std::string_view text, int columns) {
    if (display_width(text) <= columns) return std::string(text);
    size_t start = text.size();
    while (start > 0) {
        size_t prev = start - 1;
        while (prev > 0 && (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80)
            --prev;
        if (display_width(text.substr(prev)) > columns - 1) break;
        start = prev;
    }
    return "…" + std::string(text.substr(start));
}

// One matched line under a complaint's row: "    note 2026-11-20 10:00  …客服«工号 8812»说…",
// fitted to the width, the match in bold on a colour terminal and between « » elsewhere (<< >>
// in a locale that is not UTF-8), with some of what comes before it.
std::string match_line(const Store::TextMatch& m, std::string_view search, Session& s) {
    std::string head = fmt::format("    {}{} {}  ", m.kind, m.field.empty() ? "" : " " + m.field,
                                   format_minute(m.at, s.zone()));
    std::string text = terminal_line(m.text);
    size_t at = find_folded(m.text, search);
    // terminal_line keeps the text's length where it has nothing to show (no control characters):
    // the match is then where it was; elsewhere the line is shown without a mark.
    if (at == std::string::npos || text.size() != m.text.size())
        return head + fit_width(text, s.out().width() > 0
                                          ? std::max(s.out().width() - display_width(head), 10)
                                          : 1 << 30);
    std::string before = text.substr(0, at), found = text.substr(at, search.size()),
                after = text.substr(at + search.size());
    bool color = s.out().color();
    std::string open = color ? "" : s.out().utf8() ? "«" : "<<";
    std::string close = color ? "" : s.out().utf8() ? "»" : ">>";
    if (int width = s.out().width(); width > 0) {
        int room = std::max(width - display_width(head), 20) - display_width(open + close);
        // Some context before the match, then as much as fits after it.
        before = last_columns(before, std::min(display_width(before), std::max(room / 3, 1)));
        room -= display_width(before);
        if (display_width(found) > room) found = fit_width(found, std::max(room, 1));
        room -= display_width(found);
        after = room > 0 ? fit_width(after, room) : "";
    }
    return head + before + open + (color ? s.out().paint(found, Color::bold) : found) + close +
           after;
}

// Whether every complaint of the list is past its due: a list of overdue complaints, not also of
// those due soon.
bool overdue_only(const ComplaintFilter& filter) {
    return filter.late && filter.late->overdue && !filter.late->due_soon;
}

nlohmann::ordered_json match_json(const Store::TextMatch& m, Zone z) {
    nlohmann::ordered_json j;
    j["kind"] = m.kind;
    j["field"] = m.field.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.field);
    j["at"] = format_iso(m.at, z);
    j["text"] = m.text;
    return j;
}

} // namespace

size_t print_listed(Session& s, const ComplaintFilter& filter, Format format,
                    const std::function<void(const Complaint&)>& each) {
    Output& o = s.out();
    std::ostream& out = o.out();
    Store& store = s.store(Store::Access::read);
    size_t count = 0;
    std::optional<TableStream> table;
    std::vector<Cell> row; // each complaint's, written over the last
    std::string element;   // in JSON and iCalendar, the same
    if (format == Format::csv)
        table.emplace(out, complaint_data_columns(), TableStream::Kind::csv, false, 0, o.tty());
    if (format == Format::markdown) {
        o.page();
        table.emplace(out, complaint_columns(), TableStream::Kind::markdown, false, 0, o.tty());
    }
    std::optional<IcsEvents> events;
    if (format == Format::ics) {
        out << ics_begin();
        events.emplace(s.config(), s.now());
    }
    // A search shows under each complaint the lines that matched (in JSON, its `matches`).
    const std::string& search = filter.search;
    store.each_listed(
        filter,
        [&](Complaint& c, std::optional<Instant> closed) {
            if (each) each(c);
            switch (format) {
            case Format::json: {
                nlohmann::ordered_json one = complaint_json(c, closed, s);
                if (!search.empty()) {
                    one["matches"] = nlohmann::ordered_json::array();
                    for (const auto& m : store.text_matches(c.id, search))
                        one["matches"].push_back(match_json(m, s.zone()));
                }
                // An element as json_text writes the whole array: indented one level deeper.
                element.assign(count == 0 ? "[\n  " : ",\n  ");
                append_json_text(element, one, 2);
                out << element;
                break;
            }
            case Format::ics:
                element.clear();
                events->append(element, c);
                out << element;
                break;
            case Format::csv:
                table->add_row(complaint_data_row(c, closed, s));
                break;
            case Format::markdown:
                complaint_row(row, c, closed, s);
                table->add_row(row);
                break;
            default:
                // An empty list prints nothing in a terminal table: cron mails only when there is
                // news.
                if (count == 0) {
                    o.page();
                    table.emplace(out, complaint_columns(), TableStream::Kind::text, o.color(),
                                  o.width(), o.tty());
                    reserve_widths(*table, filter, s);
                }
                std::string matched;
                if (!search.empty())
                    for (const auto& m : store.text_matches(c.id, search))
                        matched += match_line(m, search, s) + '\n';
                complaint_row(row, c, closed, s);
                table->add_row(row, std::move(matched));
                break;
            }
            ++count;
        },
        // JSON and CSV carry every field; a table and a calendar show a few.
        format == Format::json || format == Format::csv ? Store::Fields::all
        : format == Format::ics                         ? Store::Fields::calendar
        : overdue_only(filter)                          ? Store::Fields::overdue_table
                                                        : Store::Fields::table);
    if (format == Format::json) out << (count == 0 ? "[]\n" : "\n]\n");
    if (format == Format::ics) out << ics_end();
    if (table) table->finish();
    return count;
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
    // Written by row_change, compact: the change of an answer that set a follow-up. An answer to
    // a complaint already answered always renews its promise (change_state takes no other), and
    // its change need not name follow_up, which was set already.
    return e.kind == event_kind::answered &&
           (e.old_value == to_string(State::answered) ||
            e.change.find("\"follow_up\":true") != std::string::npos);
}

std::string event_kind_label(std::string_view kind) {
    const std::pair<std::string_view, const char*> labels[] = {
        {event_kind::filed, trc("event", "filed")},
        {event_kind::note, trc("event", "note")},
        {event_kind::contact, trc("event", "contact")},
        {event_kind::answer, trc("event", "answer")},
        {event_kind::state, trc("event", "state")},
        {event_kind::answered, trc("event", "answered")},
        {event_kind::paused, trc("event", "paused")},
        {event_kind::resumed, trc("event", "resumed")},
        {event_kind::escalated, trc("event", "escalated")},
        {event_kind::attached, trc("event", "attached")},
        {event_kind::edited, trc("event", "edited")},
        {event_kind::flagged_overdue, trc("event", "flagged-overdue")},
        {event_kind::retracted, trc("event", "retracted")},
        {event_kind::redacted, trc("event", "redacted")},
        {event_kind::letter, trc("event", "letter")},
    };
    for (const auto& [k, label] : labels)
        if (k == kind) return label;
    return std::string(kind);
}

std::string event_summary(const Event& e, Session& s) {
    std::string due = e.due ? trf(" (due {})", format_minute(*e.due, s.zone())) : "";
    std::string text = e.text;
    if (e.kind == event_kind::escalated)
        return fmt::format("{} -> {}{}{}", e.old_value, e.new_value, due,
                           text.empty() ? "" : ": " + text);
    if (starts_follow_up(e))
        return trf("{} -> {}, follow-up due {}{}", e.old_value, e.new_value,
                   e.due ? format_minute(*e.due, s.zone()) : "", text.empty() ? "" : ": " + text);
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
    std::string head = trf("complaint {}", c.id);
    std::string state = fmt::format("[{}]", to_string(c.state));
    std::string title = terminal_line(c.title);
    if (width > 0)
        title =
            fit_width(title, std::max(3, width - display_width(head) - display_width(state) - 3));
    std::string out = fmt::format("{} {}  {}\n", o.paint(head, Color::bold), title,
                                  o.paint(state, urgency_color(c, s)));
    // Labels in the language of messages (N_ marks them), padded to one column by display width.
    auto field = [&](const char* name, const std::string& value) {
        std::string label = tr(name);
        label += std::string(static_cast<size_t>(std::max(1, 10 - display_width(label))), ' ');
        if (!value.empty()) out += "  " + label + value + "\n";
    };
    if (title != terminal_line(c.title))
        field(N_("title"), hang_text(terminal_line(c.title), 12, width));
    const Channel* ch = s.config().find_channel(c.channel);
    field(N_("channel"),
          trf("{}{}, level {}", shown(c.channel), ch ? " (" + shown(ch->name) + ")" : "", c.level));
    if (c.clock.due) {
        // "(7wd deadline, 5wd left)", "(48h deadline, overdue 3h)": which figure is which. An
        // answered complaint's clock is its follow-up: the channel's deadline was met by the
        // answer, and what runs now is its promise.
        std::string left = left_text(c, s);
        if (!left.empty() && std::isdigit(static_cast<unsigned char>(left.front())))
            left = trf("{} left", left);
        std::string due = format_minute(*c.clock.due, z), rule = shown(c.clock.deadline);
        std::string after = left.empty() ? "" : tr(", ") + o.paint(left, urgency_color(c, s));
        if (c.follow_up)
            field(N_("follow-up"), trf("{} ({} promised{})", due, rule, after));
        else
            field(N_("due"), trf("{} ({} deadline{})", due, rule, after));
    } else if (!c.clock.deadline.empty() || ch) {
        field(N_("due"), tr("no deadline at this channel"));
    }
    for (const ComplaintField& f : complaint_fields())
        if (!f.label.empty()) field(f.label.data(), shown(f.text(c)));
    field(N_("filed"), format_moment(c.created, z));
    field(N_("uuid"), shown(c.uuid));
    if (!c.body.empty()) out += "\n" + shown(c.body) + (c.body.ends_with('\n') ? "" : "\n");
    out += "\n" + o.paint(tr("Timeline"), Color::bold) + "\n";
    // Long notes wrap under their own column instead of under the dates.
    // An event taken back by undo stays in the timeline, marked and dimmed: it no longer counts.
    for (const auto& e : events) {
        std::string kind = event_kind_label(e.kind);
        kind += std::string(static_cast<size_t>(std::max(1, 16 - display_width(kind))), ' ');
        std::string head = fmt::format("  {}  {}", format_moment(e.at, z), kind);
        std::string text =
            hang_text(terminal_line(event_summary(e, s)), display_width(head), width);
        if (e.cancelled) {
            out += o.paint(head + text, Color::dim) + " " + o.paint(tr("(undone)"), Color::yellow) +
                   "\n";
            continue;
        }
        out += head + text + "\n";
    }
    if (!evidence.empty()) {
        out += "\n" + o.paint(tr("Evidence"), Color::bold) + "\n";
        for (const auto& e : evidence) {
            std::string head = fmt::format("  {}  {:>9}  {:<18} ", shown(e.sha256.substr(0, 12)),
                                           size_text(e.size), shown(e.type));
            std::string name =
                terminal_line(e.name) + content_note(e) +
                (e.caption.empty() ? "" : " — " + terminal_line(e.caption)) +
                (e.purpose.empty() ? "" : trf(" (proves: {})", terminal_line(e.purpose)));
            out += head + hang_text(name, display_width(head), width) + "\n";
        }
    }
    return out;
}

} // namespace complain
