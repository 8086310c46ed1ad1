// Session: the store path, the config file, the clock and the zone chosen from the options and
// one Environment, each with where it came from; the store opened through the opener it is given.
#include "complain/app/session.hpp"
#include "complain/error.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace complain;
namespace fs = std::filesystem;

namespace {

using Variables = std::map<std::string, std::string, std::less<>>;

struct Opened {
    fs::path path;
    Store::Access access = Store::Access::read;
    std::vector<std::int64_t> incoming;
};

struct Fixture {
    std::ostringstream out, err;
    Output output{out, err, ColorMode::never, false, 0};
    MemoryStore memory;
    std::optional<Opened> opened;
    Instant clock = parse_utc("2026-11-23T02:00:00Z");

    Session session(Variables variables, GlobalOptions options = {}) {
        return Session(
            std::move(options), output, Environment(std::move(variables)), [this] { return clock; },
            [this](const fs::path& path, Store::Access access,
                   const std::vector<std::int64_t>& incoming) {
                opened = Opened{path, access, incoming};
                return memory.open(access);
            });
    }
};

// The sources as "setting: value (source)" lines, as `config show` prints them.
std::vector<std::string> lines(Session& s) {
    std::vector<std::string> out;
    for (const auto& setting : s.sources())
        out.push_back(setting.setting + ": " + setting.value + " (" + setting.source + ")");
    return out;
}

} // namespace

TEST_CASE("the store's path: --db, then COMPLAIN_DB, then XDG_DATA_HOME, then HOME") {
    Fixture f;
    Variables all{{"COMPLAIN_DB", "/env.db"}, {"XDG_DATA_HOME", "/data"}, {"HOME", "/home/u"}};
    CHECK(f.session(all, {.db = "/flag.db"}).store_path() == "/flag.db");
    CHECK(f.session(all).store_path() == "/env.db");
    all.erase("COMPLAIN_DB");
    CHECK(f.session(all).store_path() == "/data/complain/complain.db");
    all["XDG_DATA_HOME"] = "relative"; // the XDG rule: a relative path is ignored
    CHECK(f.session(all).store_path() == "/home/u/.local/share/complain/complain.db");
    try {
        f.session({}).store_path();
        FAIL("a store path without HOME");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::usage);
        CHECK(std::string(e.what()) == "HOME is not set: name the store with --db or COMPLAIN_DB");
    }
}

TEST_CASE("the store is opened once per command, through the opener, with what it will store") {
    Fixture f;
    Session s = f.session({{"COMPLAIN_DB", "/env.db"}});
    Store& store = s.store(Store::Access::write, {10, 20});
    REQUIRE(f.opened);
    CHECK(f.opened->path == "/env.db");
    CHECK(f.opened->access == Store::Access::write);
    CHECK(f.opened->incoming == std::vector<std::int64_t>{10, 20});
    f.opened.reset();
    CHECK(&s.store(Store::Access::read) == &store);
    CHECK_FALSE(f.opened);
    CHECK_FALSE(s.wrote());
    store.commit();
    CHECK(s.wrote());
}

TEST_CASE("the clock: COMPLAIN_NOW in the zone in effect, else the clock given, read once") {
    Fixture f;
    Session given = f.session({{"TZ", "Asia/Shanghai"}});
    CHECK(format_iso(given.now(), given.zone()) == "2026-11-23T10:00:00+08:00");
    f.clock = parse_utc("2030-01-01T00:00:00Z");
    CHECK(format_iso(given.now(), given.zone()) == "2026-11-23T10:00:00+08:00"); // once

    Session fixed = f.session({{"TZ", "Asia/Shanghai"}, {"COMPLAIN_NOW", "2026-12-01T09:30"}});
    CHECK(format_utc(fixed.now()) == "2026-12-01T01:30:00Z");
    Session bad = f.session({{"COMPLAIN_NOW", "tomorrow"}});
    CHECK_THROWS_AS(bad.now(), Error);
    try {
        bad.now();
    } catch (const Error& e) {
        CHECK(e.code() == Exit::usage);
        CHECK(std::string(e.what()).starts_with("COMPLAIN_NOW: "));
    }
}

TEST_CASE("sources say where the store, the config, the clock and the zone came from") {
    TempDir dir;
    Fixture f;
    fs::create_directories(dir.path / "conf" / "complain");
    std::ofstream(dir.path / "conf" / "complain" / "config.toml") << "currency = \"USD\"\n";
    std::ofstream(dir.path / "paris.toml") << "timezone = \"Europe/Paris\"\n";
    std::string home = dir.path.string();

    Session plain = f.session({{"HOME", home}, {"TZ", "Asia/Shanghai"}});
    CHECK(lines(plain) ==
          std::vector<std::string>{
              "store: " + home + "/.local/share/complain/complain.db (from HOME)",
              "config: built-in (no file at " + home + "/.config/complain/config.toml)",
              "clock: 2026-11-23T10:00:00+08:00 (from the clock given)",
              "time zone: Asia/Shanghai (from TZ)"});

    Session xdg = f.session({{"HOME", home},
                             {"XDG_CONFIG_HOME", home + "/conf"},
                             {"COMPLAIN_NOW", "2026-11-23T10:00:00Z"},
                             {"TZ", "Asia/Shanghai"}});
    auto got = lines(xdg);
    CHECK(got[1] == "config: " + home + "/conf/complain/config.toml (from XDG_CONFIG_HOME)");
    CHECK(got[2] == "clock: 2026-11-23T18:00:00+08:00 (from COMPLAIN_NOW)");
    CHECK(xdg.config().currency() == "USD");

    Session flags = f.session({{"HOME", home}, {"TZ", "Asia/Shanghai"}},
                              {.db = "/flag.db", .config = home + "/paris.toml"});
    got = lines(flags);
    CHECK(got[0] == "store: /flag.db (from --db)");
    CHECK(got[1] == "config: " + home + "/paris.toml (from --config)");
    CHECK(got[3] == "time zone: Europe/Paris (from timezone in " + home + "/paris.toml:1:1)");
}
