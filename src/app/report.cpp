// Reports: cron's overdue lists with their flags, summaries, and the iCalendar export.
#include "complain/app/report.hpp"

#include "complain/app/lifecycle.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/domain/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace complain {
namespace {

bool is_answer(const Event& e) {
    return e.kind == event_kind::answered || e.kind == event_kind::answer ||
           (e.kind == event_kind::state && e.new_value == to_string(State::resolved));
}

bool starts_clock(const Event& e) {
    return e.kind == event_kind::filed || e.kind == event_kind::escalated ||
           (e.kind == event_kind::state && e.new_value == to_string(State::open));
}

// Time from `from` to `to` in the channel's unit; working days as the calendar counts them.
double elapsed_in(Unit unit, Instant from, Instant to, const Channel* ch, const Config& config) {
    double seconds = static_cast<double>((to - from).count());
    switch (unit) {
    case Unit::minutes:
        return seconds / 60;
    case Unit::hours:
        return seconds / 3600;
    case Unit::days:
        return seconds / 86400;
    case Unit::working_days: {
        DeadlineRule rule = config.rule_for(*ch);
        return static_cast<double>(rule.calendar->working_days_between(local_day(from, rule.zone),
                                                                       local_day(to, rule.zone)));
    }
    }
    return seconds;
}

std::optional<double> median(std::vector<double> v) {
    if (v.empty()) return std::nullopt;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// 2.0 -> "2", 2.25 -> "2.3" (one decimal is as precise as a median of answers needs).
std::string number_text(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

std::string_view unit_suffix(Unit u) {
    switch (u) {
    case Unit::minutes:
        return "m";
    case Unit::hours:
        return "h";
    case Unit::days:
        return "d";
    case Unit::working_days:
        return "wd";
    }
    return "";
}

std::string_view unit_name(Unit u) {
    switch (u) {
    case Unit::minutes:
        return "minutes";
    case Unit::hours:
        return "hours";
    case Unit::days:
        return "days";
    case Unit::working_days:
        return "working days";
    }
    return "";
}

std::string period_text(const Summary& s, Zone zone) {
    auto day = [&](Instant t) { return format_day(local_day(t, zone)); };
    if (s.since && s.until)
        return fmt::format("filed from {} until {}", day(*s.since), day(*s.until));
    if (s.since) return fmt::format("filed since {}", day(*s.since));
    if (s.until) return fmt::format("filed before {}", day(*s.until));
    return "filed";
}

std::string amount(std::int64_t minor, const std::string& currency) {
    return format_amount(minor, currency);
}

std::string ics_utc(Instant t) {
    return date::format("%Y%m%dT%H%M%SZ", t);
}

} // namespace

std::string_view to_string(Stint::Outcome o) {
    switch (o) {
    case Stint::Outcome::met:
        return "met";
    case Stint::Outcome::missed:
        return "missed";
    case Stint::Outcome::pending:
        return "pending";
    case Stint::Outcome::no_deadline:
        return "no deadline";
    case Stint::Outcome::left_early:
        return "left before due";
    }
    return "";
}

std::vector<Stint> stints(const Complaint& c, const std::vector<Event>& events, Instant now) {
    std::vector<Stint> out;
    Instant paused_at = Instant::min(); // when the last stint was paused; min: it was not
    for (const Event& e : events) {
        if (starts_clock(e)) {
            if (!out.empty() && !out.back().end) out.back().end = e.at;
            Stint st{.channel = e.new_value, .start = e.at, .due = e.due};
            if (e.kind == event_kind::filed && st.channel.empty()) st.channel = c.channel;
            if (e.kind == event_kind::state && !out.empty()) st.channel = out.back().channel;
            st.level = out.empty() ? 1 : out.back().level + (e.kind == event_kind::escalated);
            out.push_back(std::move(st));
            paused_at = Instant::min();
            continue;
        }
        if (out.empty()) continue;
        Stint& st = out.back();
        if (e.kind == event_kind::resumed) {
            if (!st.answered) st.due = e.due;
            paused_at = Instant::min();
        } else if (e.kind == event_kind::paused) {
            paused_at = e.at;
        } else if (is_answer(e)) {
            if (!st.answered) st.answered = e.at;
        } else if (e.kind == event_kind::state && e.new_value == to_string(State::dropped)) {
            if (!st.end) st.end = e.at;
        }
    }
    for (size_t i = 0; i < out.size(); ++i) {
        Stint& st = out[i];
        bool current = i + 1 == out.size() && !st.end;
        if (current && !st.answered) st.due = c.clock.due;
        if (!st.due) {
            st.outcome = Stint::Outcome::no_deadline;
        } else if (st.answered) {
            st.outcome = *st.answered <= *st.due ? Stint::Outcome::met : Stint::Outcome::missed;
        } else if (st.end) {
            st.outcome = *st.end >= *st.due ? Stint::Outcome::missed : Stint::Outcome::left_early;
        } else if (c.state == State::open) {
            st.outcome = now >= *st.due ? Stint::Outcome::missed : Stint::Outcome::pending;
        } else if (c.state == State::paused && paused_at >= *st.due) {
            st.outcome = Stint::Outcome::missed; // paused only after the due had passed
        } else {
            st.outcome = Stint::Outcome::pending;
        }
    }
    return out;
}

ListResult report_list(Session& s, const ListRequest& r) {
    Store& store = s.store(r.flag ? Store::Access::write : Store::Access::read);
    Instant now = s.now();
    ListResult out;
    for (Complaint& c : store.complaints(r.filter)) {
        bool overdue = c.overdue(now);
        bool everything = !r.overdue && !r.due_soon;
        if (!everything && !(r.overdue && overdue) && !(r.due_soon && c.due_soon(now))) continue;
        bool flagged = overdue && store.has_event(c.id, event_kind::flagged_overdue, c.clock.due);
        if (r.only_new && flagged) continue;
        if (r.flag && overdue && !flagged)
            out.to_flag.push_back(Event{.complaint_id = c.id,
                                        .at = now,
                                        .recorded = now,
                                        .kind = std::string(event_kind::flagged_overdue),
                                        .text = fmt::format("overdue at {}: due {}", c.channel,
                                                            format_minute(*c.clock.due, s.zone())),
                                        .due = c.clock.due});
        out.complaints.push_back(std::move(c));
    }
    return out;
}

int record_flags(Session& s, const ListResult& list) {
    // Nothing new to flag leaves the store as it was (and a store that did not exist, absent).
    if (list.to_flag.empty()) return 0;
    Store& store = s.store(Store::Access::write);
    for (Event e : list.to_flag)
        store.add_event(e);
    store.commit();
    return static_cast<int>(list.to_flag.size());
}

std::optional<double> ChannelSummary::in_time_percent() const {
    if (decided == 0) return std::nullopt;
    return 100.0 * in_time / decided;
}

Summary summarize(const std::vector<ComplaintHistory>& list, const Config& config, Instant now) {
    Summary out;
    out.now = now;
    out.complaints = static_cast<int>(list.size());
    std::map<std::string, ChannelSummary> channels;
    std::map<std::string, std::vector<double>> samples;
    std::map<std::string, CategorySummary> categories;
    std::map<std::string, AmountSummary> amounts;
    std::map<State, int> states;
    auto channel = [&](const std::string& key) -> ChannelSummary& {
        auto [it, added] = channels.try_emplace(key);
        if (added) {
            it->second.key = key;
            const Channel* ch = config.find_channel(key);
            it->second.name = ch ? ch->name : key;
            it->second.unit = ch && ch->deadline ? ch->deadline->unit : Unit::days;
        }
        return it->second;
    };
    for (const auto& [c, events] : list) {
        for (const Stint& st : stints(c, events, now)) {
            ChannelSummary& cs = channel(st.channel);
            ++cs.filed;
            if (st.answered) {
                ++cs.answered;
                const Channel* ch = config.find_channel(st.channel);
                Unit unit = cs.unit;
                if (unit == Unit::working_days && !ch) unit = Unit::days;
                samples[st.channel].push_back(elapsed_in(unit, st.start, *st.answered, ch, config));
            }
            if (st.outcome == Stint::Outcome::met) ++cs.in_time;
            if (st.outcome == Stint::Outcome::met || st.outcome == Stint::Outcome::missed)
                ++cs.decided;
        }
        ChannelSummary& now_at = channel(c.channel);
        now_at.open += c.state == State::open;
        now_at.overdue += c.overdue(now);
        ++states[c.state];
        CategorySummary& cat = categories[c.category];
        cat.category = c.category;
        ++cat.complaints;
        cat.open += !is_closed(c.state);
        cat.resolved += c.state == State::resolved;
        cat.dropped += c.state == State::dropped;
        if ((c.amount || c.recovered) && !c.currency.empty()) {
            AmountSummary& a = amounts[c.currency];
            a.currency = c.currency;
            a.claimed += c.amount.value_or(0);
            if (!is_closed(c.state)) a.in_dispute += c.amount.value_or(0);
            a.recovered += c.recovered.value_or(0);
        }
    }
    for (auto& [key, cs] : channels)
        cs.median_to_answer = median(samples[key]);
    for (const Channel& ch : config.channels()) {
        auto it = channels.find(ch.key);
        if (it == channels.end()) continue;
        out.channels.push_back(it->second);
        channels.erase(it);
    }
    for (auto& [key, cs] : channels) // channels since removed from the config
        out.channels.push_back(cs);
    for (State st : all_states())
        out.states.emplace_back(st, states[st]);
    for (auto& [name, cat] : categories)
        out.categories.push_back(cat);
    std::stable_sort(out.categories.begin(), out.categories.end(),
                     [](const CategorySummary& a, const CategorySummary& b) {
                         if (a.category.empty() != b.category.empty()) return b.category.empty();
                         return a.complaints > b.complaints;
                     });
    for (auto& [currency, a] : amounts)
        out.amounts.push_back(a);
    return out;
}

Summary summarize(Session& s, const ComplaintFilter& filter) {
    Store& store = s.store(Store::Access::read);
    std::vector<ComplaintHistory> list;
    for (Complaint& c : store.complaints(filter)) {
        auto events = store.events(c.id);
        list.push_back({std::move(c), std::move(events)});
    }
    Summary out = summarize(list, s.config(), s.now());
    out.since = filter.since;
    out.until = filter.until;
    return out;
}

std::string median_text(const ChannelSummary& c) {
    if (!c.median_to_answer) return "";
    return number_text(*c.median_to_answer) + std::string(unit_suffix(c.unit));
}

std::string percent_text(const ChannelSummary& c) {
    auto p = c.in_time_percent();
    return p ? fmt::format("{:.0f}%", *p) : "—";
}

nlohmann::ordered_json summary_json(const Summary& s, Zone zone) {
    using json = nlohmann::ordered_json;
    json j;
    j["since"] = s.since ? json(format_iso(*s.since, zone)) : json();
    j["until"] = s.until ? json(format_iso(*s.until, zone)) : json();
    j["now"] = format_iso(s.now, zone);
    j["complaints"] = s.complaints;
    j["channels"] = json::array();
    for (const auto& c : s.channels) {
        auto pct = c.in_time_percent();
        j["channels"].push_back(json{
            {"channel", c.key},
            {"name", c.name},
            {"filed", c.filed},
            {"open", c.open},
            {"answered", c.answered},
            {"answered_in_time", c.in_time},
            {"decided", c.decided},
            {"answered_in_time_percent", pct ? json(std::round(*pct * 10) / 10) : json()},
            {"median_to_answer",
             c.median_to_answer ? json(std::round(*c.median_to_answer * 10) / 10) : json()},
            {"unit", unit_name(c.unit)},
            {"overdue", c.overdue},
        });
    }
    j["states"] = json::object();
    for (const auto& [state, n] : s.states)
        j["states"][std::string(to_string(state))] = n;
    j["categories"] = json::array();
    for (const auto& c : s.categories)
        j["categories"].push_back(json{{"category", c.category.empty() ? json() : json(c.category)},
                                       {"complaints", c.complaints},
                                       {"open", c.open},
                                       {"resolved", c.resolved},
                                       {"dropped", c.dropped}});
    j["amounts"] = json::array();
    for (const auto& a : s.amounts)
        j["amounts"].push_back(json{{"currency", a.currency},
                                    {"claimed", amount(a.claimed, a.currency)},
                                    {"in_dispute", amount(a.in_dispute, a.currency)},
                                    {"recovered", amount(a.recovered, a.currency)}});
    return j;
}

Table summary_csv_table(const Summary& s) {
    Table t({"section", "key", "measure", "value"});
    auto row = [&](std::string_view section, const std::string& key, std::string_view measure,
                   const std::string& value) {
        t.add_row({{std::string(section)}, {key}, {std::string(measure)}, {value}});
    };
    row("all", "", "complaints", std::to_string(s.complaints));
    for (const auto& c : s.channels) {
        row("channel", c.key, "filed", std::to_string(c.filed));
        row("channel", c.key, "open", std::to_string(c.open));
        row("channel", c.key, "answered", std::to_string(c.answered));
        row("channel", c.key, "answered_in_time", std::to_string(c.in_time));
        row("channel", c.key, "decided", std::to_string(c.decided));
        auto pct = c.in_time_percent();
        row("channel", c.key, "answered_in_time_percent", pct ? number_text(*pct) : "");
        row("channel", c.key, "median_to_answer",
            c.median_to_answer ? number_text(*c.median_to_answer) : "");
        row("channel", c.key, "unit", std::string(unit_name(c.unit)));
        row("channel", c.key, "overdue", std::to_string(c.overdue));
    }
    for (const auto& [state, n] : s.states)
        row("state", std::string(to_string(state)), "complaints", std::to_string(n));
    for (const auto& c : s.categories) {
        row("category", c.category, "complaints", std::to_string(c.complaints));
        row("category", c.category, "open", std::to_string(c.open));
        row("category", c.category, "resolved", std::to_string(c.resolved));
        row("category", c.category, "dropped", std::to_string(c.dropped));
    }
    for (const auto& a : s.amounts) {
        row("amount", a.currency, "claimed", amount(a.claimed, a.currency));
        row("amount", a.currency, "in_dispute", amount(a.in_dispute, a.currency));
        row("amount", a.currency, "recovered", amount(a.recovered, a.currency));
    }
    return t;
}

namespace {

// The sections of a summary as tables, each with its heading.
std::vector<std::pair<std::string, Table>> summary_tables(const Summary& s) {
    std::vector<std::pair<std::string, Table>> out;
    Table channels(
        {"CHANNEL", "NAME", "FILED", "OPEN", "ANSWERED", "IN TIME", "MEDIAN TO ANSWER", "OVERDUE"},
        1);
    for (const auto& c : s.channels)
        channels.add_row(
            {{c.key},
             {c.name},
             {std::to_string(c.filed)},
             {std::to_string(c.open)},
             {std::to_string(c.answered)},
             {c.decided ? fmt::format("{} ({} of {})", percent_text(c), c.in_time, c.decided)
                        : percent_text(c)},
             {median_text(c)},
             {std::to_string(c.overdue), c.overdue ? Color::red : Color::none}});
    out.emplace_back("Channels", std::move(channels));
    Table states({"STATE", "COMPLAINTS"});
    for (const auto& [state, n] : s.states)
        states.add_row({{std::string(to_string(state))}, {std::to_string(n)}});
    out.emplace_back("States", std::move(states));
    Table categories({"CATEGORY", "COMPLAINTS", "OPEN", "RESOLVED", "DROPPED"}, 0);
    for (const auto& c : s.categories)
        categories.add_row({{c.category.empty() ? "(none)" : c.category},
                            {std::to_string(c.complaints)},
                            {std::to_string(c.open)},
                            {std::to_string(c.resolved)},
                            {std::to_string(c.dropped)}});
    out.emplace_back("Categories", std::move(categories));
    if (!s.amounts.empty()) {
        Table amounts({"CURRENCY", "CLAIMED", "IN DISPUTE", "RECOVERED"});
        for (const auto& a : s.amounts)
            amounts.add_row({{a.currency},
                             {amount(a.claimed, a.currency)},
                             {amount(a.in_dispute, a.currency)},
                             {amount(a.recovered, a.currency)}});
        out.emplace_back("Amounts", std::move(amounts));
    }
    return out;
}

} // namespace

std::string in_time_chart(const Summary& s, bool color, int label_width, int bar_width) {
    // Eighths of a cell, so that 1 of 8 still shows.
    static const char* const partial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    std::string out;
    for (const auto& c : s.channels) {
        std::string name = terminal_text(c.name); // a channel's name comes from a config
        std::replace_if(
            name.begin(), name.end(), [](char ch) { return ch == '\n' || ch == '\t'; }, ' ');
        std::string label = fit_width(name, label_width);
        label += std::string(static_cast<size_t>(label_width - display_width(label)), ' ');
        auto pct = c.in_time_percent();
        int eighths = pct ? static_cast<int>(std::lround(*pct / 100 * bar_width * 8)) : 0;
        std::string bar;
        for (int i = 0; i < eighths / 8; ++i)
            bar += "█";
        bar += partial[eighths % 8];
        int used = eighths / 8 + (eighths % 8 ? 1 : 0);
        std::string track;
        for (int i = used; i < bar_width; ++i)
            track += "░";
        if (color && !bar.empty()) bar = "\x1b[32m" + bar + "\x1b[0m";
        std::string tail =
            pct ? fmt::format("{:>4}  {} of {}", percent_text(c), c.in_time, c.decided)
                : fmt::format("{:>4}  nothing decided yet", "—");
        out += fmt::format("{}  {}{}  {}\n", label, bar, track, tail);
    }
    return out;
}

std::string summary_text(const Summary& s, Zone zone, bool color, int width) {
    if (s.complaints == 0) return fmt::format("No complaints {}.\n", period_text(s, zone));
    std::string out = fmt::format("{} {}\n", plural(s.complaints, "complaint", "complaints"),
                                  period_text(s, zone));
    auto bold = [&](const std::string& t) { return color ? "\x1b[1m" + t + "\x1b[0m" : t; };
    for (const auto& [heading, table] : summary_tables(s))
        out += "\n" + bold(heading) + "\n" + table.text(color, width);
    if (!s.channels.empty())
        out += "\n" + bold("Answered in time") + "\n" + in_time_chart(s, color);
    return out;
}

std::string summary_markdown(const Summary& s, Zone zone) {
    std::string out =
        fmt::format("# Complaints\n\n{} {}.\n", plural(s.complaints, "complaint", "complaints"),
                    period_text(s, zone));
    for (const auto& [heading, table] : summary_tables(s))
        out += "\n## " + heading + "\n\n" + table.markdown();
    return out;
}

std::string ics_text(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        switch (ch) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";
            break;
        default:
            // Other control characters are not allowed in TEXT (RFC 5545 3.3.11).
            if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') break;
            if (ch == 0x7f) break;
            out += ch;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    size_t limit = 75; // octets on the first line; continuation lines spend one on the space
    size_t used = 0;
    for (size_t i = 0; i < line.size();) {
        size_t n = 1;
        unsigned char lead = static_cast<unsigned char>(line[i]);
        if (lead >= 0xF0)
            n = 4;
        else if (lead >= 0xE0)
            n = 3;
        else if (lead >= 0xC0)
            n = 2;
        n = std::min(n, line.size() - i);
        if (used + n > limit) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, n));
        used += n;
        i += n;
    }
    return out + "\r\n";
}

std::string ics_calendar(const std::vector<Complaint>& list, const Config& config, Instant now) {
    std::string out;
    auto line = [&](std::string_view text) { out += ics_fold(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(std::string("PRODID:-//complain//complain ") + COMPLAIN_VERSION + "//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:complain deadlines");
    for (const Complaint& c : list) {
        if (c.state != State::open || !c.clock.due) continue;
        const Channel* ch = config.find_channel(c.channel);
        std::string channel = ch ? fmt::format("{} ({})", ch->name, c.channel) : c.channel;
        std::string description =
            fmt::format("Complaint {} at {}, level {}: the answer is due ({})", c.id, channel,
                        c.level, c.clock.deadline);
        if (!c.against.empty()) description += "\nAgainst: " + c.against;
        if (!c.order.empty()) description += "\nOrder: " + c.order;
        if (!c.ref.empty()) description += "\nCase number: " + c.ref;
        if (ch && !ch->contact.empty()) description += "\nContact: " + ch->contact;
        description += fmt::format("\nIf it does not answer: complain escalate {}", c.id);
        line("BEGIN:VEVENT");
        line(fmt::format("UID:{}-{}@complain", c.uuid, ics_utc(*c.clock.due)));
        line("DTSTAMP:" + ics_utc(now));
        line("DTSTART:" + ics_utc(*c.clock.due - std::chrono::minutes(30)));
        line("DTEND:" + ics_utc(*c.clock.due));
        line("SUMMARY:" + ics_text(fmt::format("Due: {} (complaint {})", c.title, c.id)));
        line("DESCRIPTION:" + ics_text(description));
        line("CATEGORIES:complain");
        line("STATUS:CONFIRMED");
        line("TRANSP:TRANSPARENT");
        if (c.clock.warn_at) {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line("DESCRIPTION:" +
                 ics_text(fmt::format("Due soon: {} (complaint {})", c.title, c.id)));
            line("TRIGGER;VALUE=DATE-TIME:" + ics_utc(*c.clock.warn_at));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

} // namespace complain
