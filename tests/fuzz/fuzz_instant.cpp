// Fuzzes the ISO 8601 instants users type and the store keeps: parse, format, parse again.
#include "complain/domain/time.hpp"
#include "fuzz_check.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

using namespace complain;
using complain::fuzz::escaped;
using complain::fuzz::parses;
using complain::fuzz::require;

namespace {

// A zone without DST, one with it, and one whose DST moves by half an hour: each input is read in
// all of them, since a local time means a different instant in each.
const std::array<Zone, 3>& zones() {
    static const std::array<Zone, 3> z{*zone_named("Asia/Shanghai"),
                                       *zone_named("America/New_York"),
                                       *zone_named("Australia/Lord_Howe")};
    return z;
}

void check_in_zone(const std::string& text, Zone zone) {
    std::string what = "parse_instant(" + escaped(text) + ", " + zone->name() + ")";
    Instant t;
    if (!parses([&] { t = parse_instant(text, zone); }, Exit::usage, what)) return;
    what += " = " + std::to_string(t.time_since_epoch().count()) + " s";

    // The store's form reads back as the same instant (the store could not be read otherwise).
    std::string utc = format_utc(t);
    Instant back;
    require(parses([&] { back = parse_utc(utc); }, Exit::integrity, what),
            what + ": the store's form " + escaped(utc) + " does not parse");
    require(back == t, what + ": " + escaped(utc) + " reads back as another instant");
    require(parses([&] { back = parse_instant(utc, zone); }, Exit::usage, what) && back == t,
            what + ": " + escaped(utc) + " typed back is not the same instant");

    // The form JSON output and --at show, with the zone's offset, is the same instant again.
    std::string iso = format_iso(t, zone);
    require(parses([&] { back = parse_instant(iso, zone); }, Exit::usage, what),
            what + ": format_iso " + escaped(iso) + " does not parse");
    // Local mean time's offsets in seconds (Shanghai's +08:05:43 before 1901) are written in UTC.
    require(back == t,
            what + ": format_iso " + escaped(iso) + " reads back as " + format_utc(back));

    // What a table shows, to the minute, typed back means the same minute on the wall clock (a
    // minute that a DST change repeats reads as its first occurrence, so compare readings). A
    // whole minute in UTC is one on the wall clock only where the offset is whole minutes: local
    // mean time (+08:05:43) is left out.
    if (zone->get_info(t).offset.count() % 60 == 0) {
        Instant whole_minute = std::chrono::floor<std::chrono::minutes>(t);
        std::string minute = format_minute(whole_minute, zone);
        require(parses([&] { back = parse_instant(minute, zone); }, Exit::usage, what),
                what + ": format_minute " + escaped(minute) + " does not parse");
        require(format_minute(back, zone) == minute, what + ": format_minute " + escaped(minute) +
                                                         " reads back as " +
                                                         escaped(format_minute(back, zone)));
        std::string moment = format_moment(t, zone);
        require(parses([&] { back = parse_instant(moment, zone); }, Exit::usage, what) &&
                    format_moment(back, zone) == moment,
                what + ": format_moment " + escaped(moment) + " does not read back");
    }

    // A deadline ends at the start of a local day: that instant lies on the day it starts.
    LocalDay day = local_day(t, zone);
    Instant start = start_of_day(day, zone);
    require(start <= t && local_day(start, zone) == day,
            what + ": start_of_day(" + format_day(day) + ") = " + format_utc(start) +
                " is not the start of its day");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    for (Zone zone : zones())
        check_in_zone(text, zone);

    // The store's own form: what parse_utc accepts is exactly what format_utc writes, so that
    // `verify` cannot pass an instant that reads as another one.
    Instant t;
    if (parses([&] { t = parse_utc(text); }, Exit::integrity, "parse_utc(" + escaped(text) + ")"))
        require(format_utc(t) == text, "parse_utc(" + escaped(text) + ") reads as " +
                                           escaped(format_utc(t)) + ", not what it says");

    LocalDay d;
    if (parses([&] { d = parse_day(text); }, Exit::usage, "parse_day(" + escaped(text) + ")"))
        require(format_day(d) == text,
                "parse_day(" + escaped(text) + ") prints as " + escaped(format_day(d)));
    return 0;
}
