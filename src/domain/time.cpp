// ISO 8601 parsing and formatting of instants in a time zone.
#include "complain/domain/time.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

namespace complain {
namespace {

const char* const accepted_forms =
    "use ISO 8601: 2025-09-28, 2025-09-28T10:00, 2025-09-28T10:00:00+08:00 or ...Z";
const char* const spoken_forms =
    "use 2026-11-23, 2026-11-23 14:00, 2026-11-23T14:00:00+08:00, 2026/11/23, 11月23日, "
    "2026年11月23日 14:00, 14:00, today 14:00, yesterday, 昨天 14:00, 前天, now, -2d or -3h";

struct Cursor {
    std::string_view s;
    size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    bool digits(int n, int& out) {
        if (i + n > s.size()) return false;
        int v = 0;
        for (int k = 0; k < n; ++k) {
            char c = s[i + k];
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
            v = v * 10 + (c - '0');
        }
        out = v;
        i += n;
        return true;
    }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
};

[[noreturn]] void bad_time(std::string_view text) {
    throw Error(Exit::usage, trf("'{}' is not a time: {}", text, accepted_forms));
}

bool read_date(Cursor& c, date::year_month_day& out) {
    int y, m, d;
    if (!c.digits(4, y) || !c.eat('-') || !c.digits(2, m) || !c.eat('-') || !c.digits(2, d))
        return false;
    out =
        date::year{y} / date::month{static_cast<unsigned>(m)} / date::day{static_cast<unsigned>(d)};
    return out.ok();
}

[[noreturn]] void out_of_range(std::string_view text) {
    throw Error(Exit::usage, trf("'{}' falls outside the years 0001 to 9999 that complain "
                                 "keeps (in UTC, or in local time)",
                                 text));
}

Instant in_range_or_throw(Instant t, Zone zone, std::string_view text) {
    if (!in_range(t, zone)) out_of_range(text);
    return t;
}

// Reads a number of 1 to `most` digits.
bool number(Cursor& c, int most, int& out) {
    int n = 0, v = 0;
    while (n < most && std::isdigit(static_cast<unsigned char>(c.peek()))) {
        v = v * 10 + (c.peek() - '0');
        ++c.i;
        ++n;
    }
    out = v;
    return n > 0;
}

bool eat_word(Cursor& c, std::string_view word) {
    if (c.s.substr(c.i, word.size()) != word) return false;
    c.i += word.size();
    return true;
}

void skip_spaces(Cursor& c) {
    while (c.eat(' ')) {
    }
}

// A time of day as people type it: 14:00, 14:00:30, 14点, 14点30, 14点30分. Nothing left: 00:00.
bool read_clock(Cursor& c, std::chrono::seconds& out) {
    skip_spaces(c);
    out = std::chrono::seconds{0};
    if (c.done()) return true;
    int h, mi = 0, s = 0;
    if (!number(c, 2, h)) return false;
    if (c.eat(':')) {
        if (!c.digits(2, mi)) return false;
        if (c.eat(':') && !c.digits(2, s)) return false;
    } else if (eat_word(c, "点") || eat_word(c, "時") || eat_word(c, "时")) {
        if (number(c, 2, mi)) eat_word(c, "分");
    } else {
        return false;
    }
    if (!c.done() || h > 24 || mi > 59 || s > 59 || (h == 24 && (mi != 0 || s != 0))) return false;
    out = std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
    return true;
}

// -2d, -3h, -1w, -30min, 2天前, 3小时前: that long before now.
std::optional<std::chrono::seconds> read_ago(std::string_view text) {
    Cursor c{text};
    bool minus = c.eat('-');
    int n;
    if (!number(c, 6, n)) return std::nullopt;
    using namespace std::chrono;
    struct Unit {
        std::string_view word;
        seconds size;
    };
    static const Unit units[] = {{"min", minutes{1}},  {"d", hours{24}},     {"h", hours{1}},
                                 {"w", hours{24 * 7}}, {"分钟", minutes{1}}, {"天", hours{24}},
                                 {"小时", hours{1}},   {"周", hours{24 * 7}}};
    for (const Unit& u : units) {
        Cursor rest = c;
        if (!eat_word(rest, u.word)) continue;
        if (!minus && !eat_word(rest, "前")) return std::nullopt; // 2天 alone says no direction
        if (rest.done()) return u.size * n;
    }
    return std::nullopt;
}

} // namespace

Instant parse_when(std::string_view text, Zone zone, Instant now) {
    auto fail = [&]() -> Instant {
        throw Error(Exit::usage, trf("'{}' is not a time: {}", text, spoken_forms));
    };
    std::string_view s = text;
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (s == "now" || s == "现在") return now;
    if (auto ago = read_ago(s)) return in_range_or_throw(now - *ago, zone, text);
    LocalDay today = local_day(now, zone);
    auto at = [&](LocalDay day, std::chrono::seconds clock) {
        auto local = date::local_seconds{day} + clock;
        return in_range_or_throw(zone->to_sys(local, date::choose::earliest), zone, text);
    };
    struct DayWord {
        std::string_view word;
        int offset;
    };
    static const DayWord day_words[] = {{"today", 0},   {"yesterday", -1}, {"tomorrow", 1},
                                        {"今天", 0},    {"昨天", -1},      {"前天", -2},
                                        {"大前天", -3}, {"明天", 1}};
    // The longest word first: 大前天 before 前天.
    for (int pass = 0; pass < 2; ++pass)
        for (const DayWord& w : day_words) {
            if ((pass == 0) != (w.word == "大前天")) continue;
            Cursor c{s};
            std::chrono::seconds clock;
            if (eat_word(c, w.word) && read_clock(c, clock))
                return at(today + date::days{w.offset}, clock);
        }
    // 2026/11/23 [14:00], 2026年11月23日 [14:00], 11月23日 (this year), 14:00 (today).
    int y = static_cast<int>(date::year_month_day{today}.year()), m, d;
    auto day_of = [&](int year, int month, int day) -> std::optional<LocalDay> {
        date::year_month_day ymd{date::year{year} / date::month{static_cast<unsigned>(month)} /
                                 date::day{static_cast<unsigned>(day)}};
        if (!ymd.ok()) return std::nullopt;
        return LocalDay{ymd};
    };
    std::chrono::seconds clock;
    {
        Cursor slash{s};
        int year;
        if (slash.digits(4, year) && slash.eat('/') && number(slash, 2, m) && slash.eat('/') &&
            number(slash, 2, d)) {
            auto day = day_of(year, m, d);
            if (!day || !read_clock(slash, clock)) fail();
            return at(*day, clock);
        }
    }
    {
        Cursor cn{s};
        int first;
        if (number(cn, 4, first)) {
            bool year_given = eat_word(cn, "年");
            if (year_given) {
                y = first;
                if (!number(cn, 2, m)) fail();
            } else {
                m = first;
            }
            if (eat_word(cn, "月")) {
                if (!number(cn, 2, d) || !(eat_word(cn, "日") || eat_word(cn, "号"))) fail();
                auto day = day_of(y, m, d);
                if (!day || !read_clock(cn, clock)) fail();
                return at(*day, clock);
            }
            if (year_given) fail();
        }
    }
    if (Cursor t{s}; s.size() <= 16 && s.find_first_of("-/TZ") == std::string_view::npos &&
                     read_clock(t, clock) && !s.empty())
        return at(today, clock);
    try {
        return parse_instant(s, zone);
    } catch (const Error& e) {
        if (std::string_view(e.what()).find("is not a time") != std::string_view::npos) fail();
        throw;
    }
}

bool in_range(Instant t) {
    static const Instant first = date::sys_days{date::year{1} / 1 / 1};
    static const Instant last = date::sys_days{date::year{10000} / 1 / 1} - std::chrono::seconds{1};
    return t >= first && t <= last;
}

bool in_range(Instant t, Zone zone) {
    if (!in_range(t)) return false;
    // Its day, and the day it ends when it is a deadline at midnight (24:00 of the day before).
    for (Instant at : {t, t - std::chrono::seconds{1}}) {
        auto year = date::year_month_day{local_day(at, zone)}.year();
        if (year < date::year{1} || year > date::year{9999}) return false;
    }
    return true;
}

LocalDay parse_day(std::string_view text) {
    Cursor c{text};
    date::year_month_day ymd;
    if (!read_date(c, ymd) || !c.done())
        throw Error(Exit::usage, trf("'{}' is not a date: use YYYY-MM-DD", text));
    if (ymd.year() < date::year{1}) out_of_range(text);
    return LocalDay{ymd};
}

Instant parse_instant(std::string_view text, Zone zone) {
    Cursor c{text};
    date::year_month_day ymd;
    if (!read_date(c, ymd)) bad_time(text);
    std::chrono::seconds clock{0};
    if (!c.done()) {
        if (!c.eat('T') && !c.eat(' ')) bad_time(text);
        int h, mi, s = 0;
        if (!c.digits(2, h) || !c.eat(':') || !c.digits(2, mi)) bad_time(text);
        if (c.eat(':')) {
            if (!c.digits(2, s)) bad_time(text);
            if (c.eat('.') || c.eat(',')) { // fractions of a second are accepted and dropped
                int digit;
                if (!c.digits(1, digit)) bad_time(text);
                while (std::isdigit(static_cast<unsigned char>(c.peek())))
                    ++c.i;
            }
        }
        if (h > 24 || mi > 59 || s > 59 || (h == 24 && (mi != 0 || s != 0))) bad_time(text);
        clock = std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
    }
    auto local = date::local_seconds{LocalDay{ymd}} + clock;
    if (c.done()) return in_range_or_throw(zone->to_sys(local, date::choose::earliest), zone, text);
    if (c.eat('Z') || c.eat('z')) {
        if (!c.done()) bad_time(text);
        return in_range_or_throw(Instant{local.time_since_epoch()}, zone, text);
    }
    int sign = c.eat('+') ? 1 : (c.eat('-') ? -1 : 0);
    int oh, om = 0;
    if (sign == 0 || !c.digits(2, oh)) bad_time(text);
    if (c.eat(':')) {
        if (!c.digits(2, om)) bad_time(text);
    } else if (!c.done() && !c.digits(2, om)) {
        bad_time(text);
    }
    if (!c.done() || oh > 18 || om > 59) bad_time(text);
    auto offset = std::chrono::hours{oh} + std::chrono::minutes{om};
    return in_range_or_throw(Instant{local.time_since_epoch() - sign * offset}, zone, text);
}

namespace {

// Dates and times written by hand rather than by date::format, whose stream costs a microsecond
// each: an export formats millions, a long list thousands. `layout` holds zeros where the fields
// go ("0000-00-00 00:00", from `start` on, at the offsets `at`: year, month, day, hours, minutes,
// seconds); years outside 0 to 9999 are left to date::format by the callers.
template <typename Clock>
void stamp_into(std::string& layout, size_t start,
                std::chrono::time_point<Clock, std::chrono::seconds> t,
                std::initializer_list<size_t> at) {
    auto day = date::floor<date::days>(t);
    date::year_month_day ymd{day};
    auto seconds = static_cast<unsigned>((t - day).count()); // of the day: 0 to 86399
    const unsigned fields[] = {static_cast<unsigned>(static_cast<int>(ymd.year())),
                               static_cast<unsigned>(ymd.month()),
                               static_cast<unsigned>(ymd.day()),
                               seconds / 3600,
                               seconds / 60 % 60,
                               seconds % 60};
    // Two digits at a time, from a table of the hundred pairs; the year as two pairs.
    static constexpr std::array<char, 200> pairs = [] {
        std::array<char, 200> out{};
        for (unsigned v = 0; v < 100; ++v) {
            out[2 * v] = static_cast<char>('0' + v / 10);
            out[2 * v + 1] = static_cast<char>('0' + v % 10);
        }
        return out;
    }();
    char* at_start = layout.data() + start;
    auto pair = [&](size_t pos, unsigned value) {
        std::memcpy(at_start + pos, &pairs[2 * value], 2);
    };
    size_t field = 0;
    for (size_t pos : at) {
        unsigned value = fields[field++];
        if (field == 1) {
            pair(pos, value / 100);
            pair(pos + 2, value % 100);
        } else {
            pair(pos, value);
        }
    }
}

// `layout` appended to `out` with t's fields written in.
template <typename Clock>
void append_stamp(std::string& out, std::chrono::time_point<Clock, std::chrono::seconds> t,
                  std::string_view layout, std::initializer_list<size_t> at) {
    size_t start = out.size();
    out += layout;
    stamp_into(out, start, t, at);
}

template <typename Clock>
std::string stamp(std::chrono::time_point<Clock, std::chrono::seconds> t, std::string_view layout,
                  std::initializer_list<size_t> at) {
    std::string out;
    append_stamp(out, t, layout, at);
    return out;
}

template <typename Clock>
bool four_digit_year(std::chrono::time_point<Clock, std::chrono::seconds> t) {
    // Compared with the first days of year 0 and of year 10000, not converted to a date: a list
    // asks it of each row's instant before stamp_into converts it.
    using Days = std::chrono::time_point<Clock, date::days>;
    constexpr Days first{date::sys_days{date::year{0} / 1 / 1}.time_since_epoch()};
    constexpr Days after{date::sys_days{date::year{10000} / 1 / 1}.time_since_epoch()};
    return t >= first && t < after;
}

} // namespace

std::string format_utc(Instant t) {
    if (!in_range(t)) return date::format("%FT%TZ", t);
    return stamp(t, "0000-00-00T00:00:00Z", {0, 5, 8, 11, 14, 17});
}

std::string format_utc_basic(Instant t) {
    std::string out;
    append_utc_basic(out, t);
    return out;
}

void append_utc_basic(std::string& out, Instant t) {
    if (!in_range(t)) {
        out += date::format("%Y%m%dT%H%M%SZ", t);
        return;
    }
    append_stamp(out, t, "00000000T000000Z", {0, 4, 6, 9, 11, 13});
}

Instant parse_utc(std::string_view text) {
    // The one form the store holds, YYYY-MM-DDTHH:MM:SSZ, read at its fixed places: a long list
    // reads two or three per row.
    auto malformed = [&] {
        return Error(Exit::integrity, trf("the store holds a malformed instant '{}'", text));
    };
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        throw malformed();
    auto number = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) {
            auto digit = static_cast<unsigned>(text[i] - '0');
            if (digit > 9) return -1;
            v = v * 10 + static_cast<int>(digit);
        }
        return v;
    };
    int y = number(0, 4), mo = number(5, 2), d = number(8, 2);
    int h = number(11, 2), mi = number(14, 2), s = number(17, 2);
    date::year_month_day ymd = date::year{y} / date::month{static_cast<unsigned>(mo)} /
                               date::day{static_cast<unsigned>(d)};
    if (y < 1 || mo < 0 || d < 0 || !ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 ||
        s > 59)
        throw malformed();
    return date::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{s};
}

std::string format_iso(Instant t, Zone zone) {
    // A zone's local mean time before standard time can be off UTC by seconds (Shanghai was
    // +08:05:43 before 1901), which ISO 8601's ±hh:mm cannot say: such instants are written in UTC.
    auto local = zone->to_local(t);
    auto offset = (local.time_since_epoch() - t.time_since_epoch()).count(); // seconds
    if (offset % 60 != 0) return format_utc(t);
    std::string out = four_digit_year(local)
                          ? stamp(local, "0000-00-00T00:00:00", {0, 5, 8, 11, 14, 17})
                          : date::format("%FT%T", local);
    // ±hh:mm, written by hand as the stamp is (a list in JSON writes five a row).
    auto minutes = offset / 60, a = minutes < 0 ? -minutes : minutes;
    auto digit = [](long n) { return static_cast<char>('0' + n % 10); };
    const char zone_offset[] = {minutes < 0 ? '-' : '+', digit(a / 600), digit(a / 60), ':',
                                digit(a % 60 / 10),      digit(a % 60)};
    return out.append(zone_offset, sizeof zone_offset);
}

namespace {

void append_local_minute(std::string& out, date::local_seconds local) {
    if (!four_digit_year(local))
        out += date::format("%F %H:%M", date::floor<std::chrono::minutes>(local));
    else
        append_stamp(out, local, "0000-00-00 00:00", {0, 5, 8, 11, 14});
}

void append_day(std::string& out, LocalDay d) {
    date::local_seconds start{d};
    if (!four_digit_year(start))
        out += date::format("%F", d);
    else
        append_stamp(out, start, "0000-00-00", {0, 5, 8});
}

} // namespace

std::string format_minute(Instant t, Zone zone) {
    std::string out;
    append_minute(out, t, zone);
    return out;
}

void append_minute(std::string& out, Instant t, Zone zone) {
    auto local = zone->to_local(t);
    auto day = date::floor<date::days>(local);
    // The end of a day reads as 24:00 of that day. Compared with the day's first instant rather
    // than with 00:00, so that in a zone whose midnight a DST change skips (the day starts at
    // 01:00) a day deadline still reads "24:00" and not "01:00" of the next day. A second earlier
    // on the same day rules that out without looking for the day's start (most instants).
    bool day_started_before =
        date::floor<date::days>(zone->to_local(t - std::chrono::seconds{1})) == day;
    if (!day_started_before && t == start_of_day(day, zone)) {
        append_day(out, day - date::days{1});
        out += " 24:00";
    } else {
        append_local_minute(out, local);
    }
}

std::string format_moment(Instant t, Zone zone) {
    std::string out;
    append_local_minute(out, zone->to_local(t));
    return out;
}

std::string format_day(LocalDay d) {
    std::string out;
    append_day(out, d);
    return out;
}

namespace {

// "2026-11-23 14:05" -> "2026年11月23日 14:05", as Chinese documents write a date.
std::string written_in_chinese(const std::string& iso) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return iso;
    std::string_view time = std::string_view(iso).substr(iso.find(' ') + 1);
    return fmt::format("{}年{}月{}日 {}", y, m, d, time);
}

} // namespace

std::string written_moment(Instant t, Zone zone) {
    std::string iso = format_moment(t, zone);
    return language() == Language::zh_CN ? written_in_chinese(iso) : iso;
}

std::string written_minute(Instant t, Zone zone) {
    std::string iso = format_minute(t, zone);
    return language() == Language::zh_CN ? written_in_chinese(iso) : iso;
}

LocalDay local_day(Instant t, Zone zone) {
    return date::floor<date::days>(zone->to_local(t));
}

Instant start_of_day(LocalDay d, Zone zone) {
    return zone->to_sys(date::local_seconds{d}, date::choose::earliest);
}

int year_of(LocalDay d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

} // namespace complain
