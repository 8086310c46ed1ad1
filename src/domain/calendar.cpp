// Which days are working days, and counting them.
#include "complain/domain/calendar.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <fmt/format.h>

namespace complain {
namespace {
const Weekdays saturday_sunday{date::Saturday, date::Sunday};
}

Calendar::Calendar(std::string name) : name_(std::move(name)) {}

Calendar Calendar::china() {
    Calendar cn("cn");
    for (const auto& d : cn_official_days()) {
        auto day = parse_day(d.date);
        if (d.off)
            cn.add_holiday(day, d.name);
        else
            cn.add_workday(day, d.name);
    }
    cn.set_covered_years({cn_official_years().begin(), cn_official_years().end()});
    cn.set_weekend(saturday_sunday);
    return cn;
}

Calendar Calendar::weekends_only() {
    Calendar w("weekends");
    w.set_weekend(saturday_sunday);
    return w;
}

const Weekdays& Calendar::weekend() const {
    if (weekend_) return *weekend_;
    if (base_) return base_->weekend();
    return saturday_sunday;
}

bool Calendar::covers(int year) const {
    const Calendar* official_calendar = official();
    return official_calendar == nullptr || official_calendar->covered_->contains(year);
}

const Calendar* Calendar::official() const {
    for (const Calendar* c = this; c != nullptr; c = c->base_)
        if (c->covered_) return c;
    return nullptr;
}

std::optional<DayInfo> Calendar::own_rule(LocalDay day) const {
    auto it = days_.find(day);
    if (it == days_.end()) return std::nullopt;
    const Special& s = it->second;
    return DayInfo{!s.off, s.off ? DayKind::holiday : DayKind::makeup, s.name, name_};
}

DayInfo Calendar::classify(LocalDay day) const {
    if (sink_ && !covers(year_of(day))) sink_(*this, year_of(day));
    // The nearest calendar in the chain that names the day decides; the weekend rule applies only
    // to days that no calendar names.
    for (const Calendar* c = this; c != nullptr; c = c->base_)
        if (auto rule = c->own_rule(day)) return *rule;
    if (weekend().contains(date::weekday{day})) return DayInfo{false, DayKind::weekend, {}, name_};
    return DayInfo{true, DayKind::working, {}, name_};
}

bool Calendar::is_working_day(LocalDay day) const {
    if (sink_ && !covers(year_of(day))) sink_(*this, year_of(day));
    for (const Calendar* c = this; c != nullptr; c = c->base_)
        if (auto it = c->days_.find(day); it != c->days_.end()) return !it->second.off;
    return !weekend().contains(date::weekday{day});
}

namespace {

// A year without a working day is a calendar that holidays or makeup days have emptied: stop
// counting rather than loop for ever.
constexpr int longest_break = 366;

[[noreturn]] void no_working_days(const Calendar& c, LocalDay from) {
    throw Error(Exit::config, trf("calendar {} has no working day in the year after {}: check its "
                                  "weekend and holidays",
                                  c.name(), format_day(from)));
}

} // namespace

LocalDay Calendar::add_working_days(LocalDay day, std::int64_t n) const {
    for (int off = 0; n > 0;) {
        day += date::days{1};
        if (is_working_day(day)) {
            --n;
            off = 0;
        } else if (++off > longest_break) {
            no_working_days(*this, day - date::days{off});
        }
    }
    return day;
}

LocalDay Calendar::next_working_day(LocalDay day) const {
    for (int off = 0; !is_working_day(day); day += date::days{1})
        if (++off > longest_break) no_working_days(*this, day - date::days{off});
    return day;
}

std::int64_t Calendar::working_days_between(LocalDay from, LocalDay to) const {
    if (to < from) return -working_days_between(to, from);
    if (to == from) return 0;
    // Counted, not walked (a list's LEFT column asks this for every row, and an old complaint is
    // years overdue): the days the weekend rule leaves working, corrected by each day a calendar
    // of the chain names.
    if (std::uint64_t changes = chain_changes(); changes != counted_for_) {
        counted_.clear();
        counted_for_ = changes;
    }
    // The two days' numbers, as 32 bits each (days before 1970 are negative). A count found here
    // was made with the same chain, which told the sink of its uncovered years then.
    std::uint64_t high = static_cast<std::uint32_t>(from.time_since_epoch().count());
    std::uint64_t key = (high << 32) | static_cast<std::uint32_t>(to.time_since_epoch().count());
    if (auto known = counted_.find(key); known != counted_.end()) return known->second;
    LocalDay first = from + date::days{1};
    if (sink_)
        for (int year = year_of(first), last = year_of(to); year <= last; ++year)
            if (!covers(year)) sink_(*this, year);
    const Weekdays& off = weekend();
    std::int64_t span = (to - from).count();
    std::int64_t n = span;
    for (date::weekday w : off) {
        std::int64_t skip = (w - date::weekday{first}).count(); // days to its first occurrence
        if (skip < span) n -= 1 + (span - 1 - skip) / 7;
    }
    for (const Calendar* c = this; c != nullptr; c = c->base_)
        for (auto it = c->days_.lower_bound(first); it != c->days_.end() && it->first <= to; ++it) {
            bool nearer = false; // a calendar before c in the chain names the day, and decides
            for (const Calendar* d = this; d != c && !nearer; d = d->base_)
                nearer = d->days_.contains(it->first);
            if (nearer) continue;
            bool by_weekend = !off.contains(date::weekday{it->first});
            n += static_cast<int>(!it->second.off) - static_cast<int>(by_weekend);
        }
    counted_.emplace(key, n);
    return n;
}

std::uint64_t Calendar::chain_changes() const {
    // Counters only grow: their sum moves whenever one of them does. One more per calendar,
    // so that a chain that grew by a calendar without changes differs too.
    std::uint64_t sum = 0;
    for (const Calendar* c = this; c != nullptr; c = c->base_)
        sum += c->changes_ + 1;
    return sum;
}

std::string_view to_string(DayKind kind) {
    switch (kind) {
    case DayKind::working:
        return "working day";
    case DayKind::weekend:
        return "weekend";
    case DayKind::holiday:
        return "holiday";
    case DayKind::makeup:
        return "makeup working day";
    }
    return "";
}

} // namespace complain
