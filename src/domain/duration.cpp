// Parsing and printing of deadline durations.
#include "complain/domain/duration.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>

namespace complain {
namespace {

struct UnitWord {
    std::string_view word;
    Unit unit;
    int multiplier;
};

// Compared after lower-casing and removing spaces, so "7 Working Days" matches "workingdays".
constexpr std::array<UnitWord, 24> unit_words{{
    {"m", Unit::minutes, 1},
    {"min", Unit::minutes, 1},
    {"mins", Unit::minutes, 1},
    {"minute", Unit::minutes, 1},
    {"minutes", Unit::minutes, 1},
    {"分钟", Unit::minutes, 1},
    {"h", Unit::hours, 1},
    {"hr", Unit::hours, 1},
    {"hrs", Unit::hours, 1},
    {"hour", Unit::hours, 1},
    {"hours", Unit::hours, 1},
    {"小时", Unit::hours, 1},
    {"d", Unit::days, 1},
    {"day", Unit::days, 1},
    {"days", Unit::days, 1},
    {"calendardays", Unit::days, 1},
    {"天", Unit::days, 1},
    {"日", Unit::days, 1},
    {"w", Unit::days, 7},
    {"weeks", Unit::days, 7},
    {"wd", Unit::working_days, 1},
    {"workingday", Unit::working_days, 1},
    {"workingdays", Unit::working_days, 1},
    {"工作日", Unit::working_days, 1},
}};

[[noreturn]] void bad_duration(std::string_view text) {
    throw Error(Exit::usage, trf("'{}' is not a duration: use a positive whole number and a "
                                 "unit, as in 90m, 24h, 3d or 7wd (working days)",
                                 text));
}

} // namespace

std::chrono::seconds Duration::elapsed() const {
    return unit == Unit::minutes ? std::chrono::minutes{count} : std::chrono::hours{count};
}

std::string Duration::str() const {
    switch (unit) {
    case Unit::minutes:
        return fmt::format("{}m", count);
    case Unit::hours:
        return fmt::format("{}h", count);
    case Unit::days:
        return fmt::format("{}d", count);
    case Unit::working_days:
        return fmt::format("{}wd", count);
    }
    return {};
}

std::string Duration::spelled() const {
    switch (unit) {
    case Unit::minutes:
        return plural(count, "minute", "minutes");
    case Unit::hours:
        return plural(count, "hour", "hours");
    case Unit::days:
        return plural(count, "day", "days");
    case Unit::working_days:
        return plural(count, "working day", "working days");
    }
    return {};
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

Duration parse_duration(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && text[i] == ' ')
        ++i;
    size_t digits_start = i;
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        n = n * 10 + (text[i] - '0');
        if (n > 100000) bad_duration(text); // no complaint channel counts in centuries
        ++i;
    }
    if (i == digits_start || n == 0) bad_duration(text);
    std::string word;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ') continue;
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (word.starts_with("个")) word.erase(0, std::string_view("个").size());
    if (word == "week") word = "weeks";
    auto it = std::find_if(unit_words.begin(), unit_words.end(),
                           [&](const UnitWord& u) { return u.word == word; });
    if (it == unit_words.end()) bad_duration(text);
    // The limit holds for what is kept, weeks counted as days, so that what is shown reads back.
    if (n * it->multiplier > 100000) bad_duration(text);
    return Duration{n * it->multiplier, it->unit};
}

Duration default_warning(const Duration& deadline) {
    if (deadline.is_elapsed()) {
        // In minutes, so that a 1h deadline warns at 15m rather than from its start; whole hours
        // once the quarter is two hours or more, as people say "6 hours left", not "360 minutes".
        std::int64_t minutes = deadline.unit == Unit::hours ? deadline.count * 60 : deadline.count;
        if (minutes >= 8 * 60) return Duration{(minutes + 120) / 240, Unit::hours};
        std::int64_t quarter = std::max<std::int64_t>(1, (minutes + 2) / 4);
        if (quarter % 60 == 0) return Duration{quarter / 60, Unit::hours};
        return Duration{quarter, Unit::minutes};
    }
    // Days cannot be split: the last quarter of the days, rounded half up, at least the last day.
    return Duration{std::max<std::int64_t>(1, (deadline.count + 2) / 4), deadline.unit};
}

} // namespace complain
