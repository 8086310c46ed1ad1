// Summaries per channel, state, category and currency, and their data forms (JSON, tidy CSV).
#include "complain/app/summary.hpp"

#include "complain/app/report.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/domain/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace complain {
namespace {

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

std::string amount(std::int64_t minor, const std::string& currency) {
    return format_amount(minor, currency);
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

} // namespace

std::optional<double> ChannelSummary::in_time_percent() const {
    if (decided == 0) return std::nullopt;
    return 100.0 * in_time / decided;
}

SummaryBuilder::SummaryBuilder(const Config& config, Instant now) : config_(config), now_(now) {}

ChannelSummary& SummaryBuilder::channel(const std::string& key) {
    auto [it, added] = channels_.try_emplace(key);
    if (added) {
        it->second.key = key;
        const Channel* ch = config_.find_channel(key);
        it->second.name = ch ? ch->name : key;
        it->second.unit = ch && ch->deadline ? ch->deadline->unit : Unit::days;
    }
    return it->second;
}

void SummaryBuilder::add(const Complaint& c, const std::vector<Event>& events) {
    ++complaints_;
    for (const Stint& st : stints(c, events, now_)) {
        ChannelSummary& cs = channel(st.channel);
        ++cs.filed;
        if (st.answered) {
            ++cs.answered;
            const Channel* ch = config_.find_channel(st.channel);
            Unit unit = cs.unit;
            if (unit == Unit::working_days && !ch) unit = Unit::days;
            samples_[st.channel].push_back(elapsed_in(unit, st.start, *st.answered, ch, config_));
        }
        if (st.outcome == Stint::Outcome::met) ++cs.in_time;
        if (st.outcome == Stint::Outcome::met || st.outcome == Stint::Outcome::missed) ++cs.decided;
    }
    ChannelSummary& now_at = channel(c.channel);
    now_at.open += c.state == State::open;
    now_at.overdue += c.overdue(now_);
    ++states_[c.state];
    CategorySummary& cat = categories_[c.category];
    cat.category = c.category;
    ++cat.complaints;
    cat.open += !is_closed(c.state);
    cat.resolved += c.state == State::resolved;
    cat.dropped += c.state == State::dropped;
    if ((c.amount || c.recovered) && !c.currency.empty()) {
        AmountSummary& a = amounts_[c.currency];
        a.currency = c.currency;
        a.claimed += c.amount.value_or(0);
        if (!is_closed(c.state)) a.in_dispute += c.amount.value_or(0);
        a.recovered += c.recovered.value_or(0);
    }
}

Summary SummaryBuilder::finish() {
    Summary out;
    out.now = now_;
    out.complaints = complaints_;
    for (auto& [key, cs] : channels_)
        cs.median_to_answer = median(samples_[key]);
    for (const Channel& ch : config_.channels()) {
        auto it = channels_.find(ch.key);
        if (it == channels_.end()) continue;
        out.channels.push_back(it->second);
        channels_.erase(it);
    }
    for (auto& [key, cs] : channels_) // channels since removed from the config
        out.channels.push_back(cs);
    for (State st : all_states())
        out.states.emplace_back(st, states_[st]);
    for (auto& [name, cat] : categories_)
        out.categories.push_back(cat);
    std::stable_sort(out.categories.begin(), out.categories.end(),
                     [](const CategorySummary& a, const CategorySummary& b) {
                         if (a.category.empty() != b.category.empty()) return b.category.empty();
                         return a.complaints > b.complaints;
                     });
    for (auto& [currency, a] : amounts_)
        out.amounts.push_back(a);
    return out;
}

Summary summarize(const std::vector<ComplaintHistory>& list, const Config& config, Instant now) {
    SummaryBuilder b(config, now);
    for (const auto& [c, events] : list)
        b.add(c, events);
    return b.finish();
}

Summary summarize(Session& s, const ComplaintFilter& filter) {
    Store& store = s.store(Store::Access::read);
    SummaryBuilder b(s.config(), s.now());
    store.each_history(filter, [&](Complaint& c, std::vector<Event>& events) {
        // Statistics are as if what undo took back had never happened.
        std::erase_if(events, [](const Event& e) { return e.cancelled; });
        b.add(c, events);
    });
    Summary out = b.finish();
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

} // namespace complain
