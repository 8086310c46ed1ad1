// Deadline durations: the forms the config and the command line accept, and the default warning.
#include "complain/domain/duration.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace complain;

TEST_CASE("durations parse in short, spelled-out and Chinese forms") {
    struct Case {
        const char* text;
        std::int64_t count;
        Unit unit;
    };
    const Case cases[] = {
        {"24h", 24, Unit::hours},
        {"90m", 90, Unit::minutes},
        {"3d", 3, Unit::days},
        {"7wd", 7, Unit::working_days},
        {"2w", 14, Unit::days},
        {"1 week", 7, Unit::days},
        {"7 working days", 7, Unit::working_days},
        {"7 Working Days", 7, Unit::working_days},
        {"1 working day", 1, Unit::working_days},
        {"48 hours", 48, Unit::hours},
        {"3 calendar days", 3, Unit::days},
        {"15 minutes", 15, Unit::minutes},
        {"7个工作日", 7, Unit::working_days},
        {"24小时", 24, Unit::hours},
        {"3天", 3, Unit::days},
        {"30分钟", 30, Unit::minutes},
        {" 7wd", 7, Unit::working_days},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        Duration d = parse_duration(c.text);
        CHECK(d.count == c.count);
        CHECK(d.unit == c.unit);
    }
}

TEST_CASE("durations print in their canonical and spelled forms") {
    CHECK(parse_duration("7 working days").str() == "7wd");
    CHECK(parse_duration("2w").str() == "14d");
    CHECK(parse_duration("1wd").spelled() == "1 working day");
    CHECK(parse_duration("48h").spelled() == "48 hours");
    CHECK(parse_duration("1m").spelled() == "1 minute");
    CHECK(parse_duration("90m").elapsed() == std::chrono::minutes{90});
    CHECK(parse_duration("24h").elapsed() == std::chrono::hours{24});
    CHECK(parse_duration("24h").is_elapsed());
    CHECK_FALSE(parse_duration("1d").is_elapsed());
}

TEST_CASE("a duration that does not parse is a usage error saying what would be right") {
    for (const char* bad : {"", "7", "wd", "0wd", "-3d", "7x", "3.5d", "7 wd extra", "1000000h",
                            "15000w", "7 work days", "d7"}) {
        CAPTURE(bad);
        try {
            parse_duration(bad);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            CHECK(std::string(e.what()).find("as in 90m, 24h, 3d or 7wd") != std::string::npos);
        }
    }
}

TEST_CASE("the default warning window: a quarter of the deadline, rounded sensibly") {
    struct Case {
        const char* deadline;
        const char* warning;
    };
    const Case cases[] = {
        {"48h", "12h"}, {"24h", "6h"},   {"10h", "3h"},                  // 2.5h rounds half up
        {"9h", "2h"},   {"8h", "2h"},    {"7h", "105m"},                 // under 2h: minutes
        {"6h", "90m"},  {"4h", "1h"},    {"1h", "15m"},  {"90m", "23m"}, // 22.5m rounds half up
        {"30m", "8m"},  {"1m", "1m"},                                    // never zero
        {"7wd", "2wd"}, {"10wd", "3wd"}, {"1wd", "1wd"}, {"2wd", "1wd"},
        {"7d", "2d"},   {"15d", "4d"},   {"3d", "1d"},   {"1d", "1d"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.deadline);
        CHECK(default_warning(parse_duration(c.deadline)).str() == c.warning);
    }
}
