// A month as a wall calendar, with its days off and makeup working days marked.
#pragma once

#include "complain/domain/calendar.hpp"
#include "complain/output/output.hpp"

#include <string>

namespace complain {

// Monday first, each day followed by its mark: 休 a holiday, 班 a weekend day that is a working
// day (调休), · an ordinary weekend day, as Chinese wall calendars mark them; under it the named
// days, runs of days as first..last. In a locale that is not UTF-8: *, + and ., with English
// holiday names. Coloured through `out`: holidays red, makeup days bold, weekends dim.
std::string month_grid(const Calendar& cal, date::year_month month, const Output& out);

} // namespace complain
