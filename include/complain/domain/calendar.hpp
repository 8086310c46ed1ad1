// Working-day calendars: weekends, public holidays and makeup working days (调休).
#pragma once

#include "complain/domain/time.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace complain {

// One day of a State Council notice: a holiday (off) or a makeup working day (!off).
struct OfficialDay {
    const char* date;
    const char* name;
    bool off;
};
const std::vector<OfficialDay>& cn_official_days(); // generated from data/holidays-cn
const std::vector<int>& cn_official_years();

struct WeekdayOrder {
    bool operator()(date::weekday a, date::weekday b) const {
        return a.c_encoding() < b.c_encoding();
    }
};
using Weekdays = std::set<date::weekday, WeekdayOrder>;

enum class DayKind { working, weekend, holiday, makeup };

struct DayInfo {
    bool working = true;
    DayKind kind = DayKind::working;
    std::string name;     // holiday or makeup day name ("国庆节"), empty otherwise
    std::string calendar; // the calendar whose rule decided
};

class Calendar {
  public:
    // Called once per lookup of a day in a year that no official schedule in the chain covers.
    using UncoveredSink = std::function<void(const Calendar&, int year)>;

    explicit Calendar(std::string name);
    // The built-in `cn`: official holidays and makeup days, Saturday and Sunday off.
    static Calendar china();
    // The built-in `weekends`: Saturday and Sunday off, nothing else, covers every year.
    static Calendar weekends_only();

    const std::string& name() const { return name_; }
    const Calendar* base() const { return base_; }
    void set_base(const Calendar* base) {
        base_ = base;
        ++changes_;
    }
    void set_weekend(Weekdays days) {
        weekend_ = std::move(days);
        ++changes_;
    }
    const Weekdays& weekend() const;
    void add_holiday(LocalDay day, std::string name) {
        days_[day] = {true, std::move(name)};
        ++changes_;
    }
    void add_workday(LocalDay day, std::string name) {
        days_[day] = {false, std::move(name)};
        ++changes_;
    }
    // Years for which this calendar's own days are an official, complete schedule.
    void set_covered_years(std::set<int> years) {
        covered_ = std::move(years);
        ++changes_;
    }
    // Counts made before are forgotten: a new sink hears of every uncovered year a count reads.
    void set_uncovered_sink(UncoveredSink sink) {
        sink_ = std::move(sink);
        counted_.clear();
    }

    // Whether some calendar in the chain has an official schedule of `year`. A chain with no
    // official schedule at all (a user's calendar with no base) covers every year.
    bool covers(int year) const;
    // The official calendar the chain relies on, if any (for warnings: "cn has no 2027").
    const Calendar* official() const;

    DayInfo classify(LocalDay day) const;
    bool is_working_day(LocalDay day) const; // classify(day).working, without its names
    // The n-th working day after `day` (n >= 1); `day` itself is not counted.
    LocalDay add_working_days(LocalDay day, std::int64_t n) const;
    // The first working day on or after `day`.
    LocalDay next_working_day(LocalDay day) const;
    // Working days in (from, to]; negative when to < from.
    std::int64_t working_days_between(LocalDay from, LocalDay to) const;

  private:
    struct Special {
        bool off;
        std::string name;
    };
    std::optional<DayInfo> own_rule(LocalDay day) const;

    std::string name_;
    const Calendar* base_ = nullptr;
    std::optional<Weekdays> weekend_;
    std::map<LocalDay, Special> days_;
    std::optional<std::set<int>> covered_;
    UncoveredSink sink_;
    // working_days_between's answers, kept while no calendar of the chain changes: a list asks
    // for every row's, and its rows share their last days.
    std::uint64_t changes_ = 0;             // bumped by every setter above
    std::uint64_t chain_changes() const;    // of this calendar and those under it
    mutable std::uint64_t counted_for_ = 0; // chain_changes() when counted_ was filled
    mutable std::unordered_map<std::uint64_t, std::int64_t> counted_;
};

std::string_view to_string(DayKind kind);

} // namespace complain
