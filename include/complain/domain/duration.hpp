// Deadline durations as the config writes them: 24h, 90m, 3d, 7wd, "7 working days".
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace complain {

enum class Unit { minutes, hours, days, working_days };

struct Duration {
    std::int64_t count = 0;
    Unit unit = Unit::hours;

    bool is_elapsed() const { return unit == Unit::minutes || unit == Unit::hours; }
    std::chrono::seconds elapsed() const; // only for minutes and hours
    std::string str() const;              // canonical short form: "24h", "7wd"
    std::string spelled() const;          // "24 hours", "7 working days"
    bool operator==(const Duration&) const = default;
};

// Accepts 24h, 90m, 3d, 7wd, 2w (weeks of days), spelled-out English ("7 working days",
// "48 hours", "3 calendar days") and Chinese ("7个工作日", "24小时", "3天"). Throws Error(usage)
// that says what would be right. Zero and negative counts are refused.
Duration parse_duration(std::string_view text);

// The warning window when a channel names none: a quarter of the deadline, rounded half up.
// Elapsed deadlines: whole hours from a 8h deadline up (24h -> 6h, 48h -> 12h, 10h -> 3h),
// minutes below (1h -> 15m, 90m -> 23m, 6h -> 90m), at least 1m. Day and working-day deadlines:
// in their own unit, at least 1 (7wd -> 2wd, 10wd -> 3wd, 3d -> 1d, 1wd -> 1wd: its last day).
Duration default_warning(const Duration& deadline);

std::string plural(std::int64_t n, std::string_view one, std::string_view many);

} // namespace complain
