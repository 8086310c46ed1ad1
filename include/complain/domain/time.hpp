// Instants, local dates and the ISO 8601 forms in which users type and read them.
#pragma once

#include <chrono>
#include <cstddef>
#include <date/date.h>
#include <date/tz.h>
#include <optional>
#include <string>
#include <string_view>

namespace complain {

// An instant is UTC seconds; the store keeps them as "YYYY-MM-DDTHH:MM:SSZ".
using Instant = std::chrono::sys_seconds;
struct ZoneFile;

// A time zone read directly from its TZif file (zone_named), so that naming a zone costs one file
// and not a scan of the whole zoneinfo tree. Its answers are date's (date::locate_zone, which the
// unit tests compare it with); complain itself does not link date's tz library, so that it starts
// without loading the C++ runtime as a shared library (bench/README.md). Used through a pointer's
// syntax (zone->get_info(t)), as date's zones are.
class Zone {
  public:
    Zone() = default;
    Zone(std::nullptr_t) {} // NOLINT: as a pointer
    explicit Zone(const ZoneFile* f) : file_(f) {}
    const Zone* operator->() const { return this; }
    explicit operator bool() const { return file_ != nullptr; }
    friend bool operator==(const Zone&, const Zone&) = default;

    const std::string& name() const;
    // The offset from UTC at t (begin, end, offset, save, abbrev as date::sys_info).
    date::sys_info get_info(std::chrono::sys_seconds t) const;
    std::chrono::sys_seconds to_sys(date::local_seconds t, date::choose z) const;
    date::local_seconds to_local(std::chrono::sys_seconds t) const;

  private:
    const ZoneFile* file_ = nullptr;
};

// The zone named `name` (an IANA name such as "Asia/Shanghai", or a link such as "US/Eastern",
// which keeps its own name as date's zones do), read once from its file under /usr/share/zoneinfo.
// Empty if there is no such zone.
std::optional<Zone> zone_named(std::string_view name);
// UTC without its file: the zone of a system that has no zoneinfo at all.
Zone built_in_utc();
using LocalDay = date::local_days;

// Whether an instant lies in the years 0001 to 9999 (UTC), the only ones complain accepts, computes
// and stores: ISO 8601's four-digit years, which every reader of the store can parse.
bool in_range(Instant t);
// The same, and its local date in `zone` too: what complain shows must read back.
bool in_range(Instant t, Zone zone);

// Parses "2025-09-28T10:00:00+08:00", "...Z", a local "2025-09-28 10:00" (in `zone`), or a date
// alone (local midnight). Throws Error(usage) naming the accepted forms, or the years accepted.
Instant parse_instant(std::string_view text, Zone zone);
// Parses a time as people type it, relative to `now` in `zone`: the forms of parse_instant,
// "now", "today 14:00", "yesterday", "昨天 14:00", "前天", "-2d", "-3h", "2天前", "2026/11/23",
// "11月23日" (this year), "2026年11月23日 14:00", "14:00" (today). A day without a time is its
// local midnight. Throws Error(usage) listing the accepted forms.
Instant parse_when(std::string_view text, Zone zone, Instant now);
// Parses "YYYY-MM-DD" strictly; throws Error(usage).
LocalDay parse_day(std::string_view text);

std::string format_utc(Instant t);        // 2026-11-23T09:15:56Z (the store's form)
Instant parse_utc(std::string_view text); // inverse of format_utc; throws on junk
std::string format_utc_basic(Instant t);  // 20261123T091556Z (ISO 8601's basic form; iCalendar)
void append_utc_basic(std::string& out, Instant t); // the same, appended to out
// 2026-11-23T17:15:56+08:00; in UTC (...Z) where the zone's offset has seconds (local mean time).
std::string format_iso(Instant t, Zone zone);
// 2026-11-23 17:15; the first instant of a local day reads as 24:00 of the day before
// ("2026-11-22 24:00"), which is how a day deadline ends.
std::string format_minute(Instant t, Zone zone);
void append_minute(std::string& out, Instant t, Zone zone); // the same, appended to out
// When something happened, to the minute: midnight is 00:00 of its own day.
std::string format_moment(Instant t, Zone zone);
std::string format_day(LocalDay d); // 2026-11-23
// As a document in the current language writes them: "2026年11月23日 14:00" in Chinese,
// format_moment's and format_minute's forms in English.
std::string written_moment(Instant t, Zone zone);
std::string written_minute(Instant t, Zone zone);

LocalDay local_day(Instant t, Zone zone);
// The first instant of a local day; on a day whose midnight is skipped by a DST change, the first
// instant that exists.
Instant start_of_day(LocalDay d, Zone zone);
int year_of(LocalDay d);

} // namespace complain
