// Config: the built-in channels, user overrides, and errors that name file, line, column and key.
#include "complain/config/builtin.hpp"
#include "complain/config/config.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace complain;

namespace {

std::string config_error(std::string_view text) {
    try {
        Config::from_text(text, "user.toml");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::config);
        return e.what();
    }
    FAIL("the config was accepted");
    return "";
}

} // namespace

TEST_CASE("the built-in config carries DESIGN.md's channels, deadlines and ladder") {
    Config c = Config::from_text("", "empty.toml");
    CHECK(c.default_channel() == "seller");
    CHECK(c.currency() == "CNY");
    struct Row {
        const char* key;
        const char* deadline; // "" for none
        const char* next;
    };
    const Row rows[] = {
        {"seller", "48h", "taobao-app"},
        {"taobao-app", "24h", "taobao-written"},
        {"taobao-hotline", "24h", "taobao-written"},
        {"taobao-written", "7wd", "alibaba-group"},
        {"alibaba-group", "7wd", "12315"},
        {"12315-odr", "10wd", "12315"},
        {"12315", "7wd", "court"},
        {"consumer-association", "", "court"},
        {"blackcat", "7d", "12315"},
        {"social", "3d", "12315"},
        {"email", "7wd", "taobao-written"},
        {"courier", "7d", "postal"},
        {"postal", "30d", "court"},
        {"court", "7d", ""},
        {"cfpb", "15d", ""},
    };
    CHECK(c.channels().size() == std::size(rows));
    for (const Row& r : rows) {
        CAPTURE(r.key);
        const Channel& ch = c.channel(r.key);
        CHECK((ch.deadline ? ch.deadline->str() : "") == r.deadline);
        CHECK(ch.next == r.next);
        CHECK_FALSE(ch.name.empty());
    }
    CHECK(c.channel("court").roll);
    CHECK_FALSE(c.channel("12315").roll);
    CHECK(c.calendar_of(c.channel("12315")).name() == "cn");
    std::vector<std::string> ladder;
    for (const Channel* ch : c.ladder_from("seller"))
        ladder.push_back(ch->key);
    CHECK(ladder == std::vector<std::string>{"seller", "taobao-app", "taobao-written",
                                             "alibaba-group", "12315", "court"});
}

TEST_CASE("the built-in channels cite the rules in force") {
    Config c = Config::from_text("", "empty.toml");
    // 令第121号 (in force 2026-04-15) repealed the 暂行办法, 令第20号.
    const std::string& basis = c.channel("12315").basis;
    CHECK(basis.find("令第121号") != std::string::npos);
    CHECK(basis.find("市场监督管理投诉举报处理办法") != std::string::npos);
    CHECK(basis.find("暂行办法") == std::string::npos);
    CHECK(basis.find("art. 14") == std::string::npos);
    for (const Channel& ch : c.channels()) {
        CAPTURE(ch.key);
        CHECK_FALSE(ch.basis.empty());
    }
}

TEST_CASE("a parcel goes from the courier to the postal administration, then to court") {
    Config c = Config::from_text("", "empty.toml");
    const Channel& courier = c.channel("courier");
    CHECK(courier.deadline->str() == "7d"); // 快递暂行条例 art. 28: 7日
    CHECK(courier.basis.find("快递暂行条例") != std::string::npos);
    const Channel& postal = c.channel("postal");
    CHECK(postal.kind == "regulator");
    CHECK(postal.deadline->str() == "30d"); // 邮政法 art. 65: 三十日
    CHECK(postal.contact.find("12305") != std::string::npos);
    CHECK(postal.contact.find("https://sswz.spb.gov.cn") != std::string::npos);
    CHECK(postal.roll); // an appeal period ending on a holiday ends on the next working day
    std::vector<std::string> ladder;
    for (const Channel* ch : c.ladder_from("courier"))
        ladder.push_back(ch->key);
    CHECK(ladder == std::vector<std::string>{"courier", "postal", "court"});
}

TEST_CASE("a user file overrides fields of a built-in channel and adds channels") {
    Config c = Config::from_text(R"(
timezone = "America/New_York"
default_channel = "shop"

[me]
name = "王小明"

[channels.seller]
deadline = "72h"
warn = "24h"

[channels.shop]
name = "The shop's help desk"
deadline = "5 working days"
next = "seller"
)",
                                 "user.toml");
    CHECK(c.zone()->name() == "America/New_York");
    CHECK(c.me().name == "王小明");
    CHECK(c.default_channel() == "shop");
    const Channel& seller = c.channel("seller");
    CHECK(seller.deadline->str() == "72h");
    CHECK(seller.warning_or_default().str() == "24h");
    CHECK(seller.next == "taobao-app"); // kept from the built-in definition
    CHECK(seller.name == "联系卖家 / seller directly");
    const Channel& shop = c.channel("shop");
    CHECK(shop.deadline->str() == "5wd");
    CHECK(shop.warning_or_default().str() == "1wd"); // a quarter of 5, rounded
    CHECK(shop.origin.str() == "user.toml:12:11");   // the key in [channels.shop]
    CHECK(c.channels().back().key == "shop");
}

TEST_CASE("config errors name file, line, column and key") {
    CHECK(config_error("[channels.seller]\ndeadlin = \"24h\"\n") ==
          "user.toml:2:1: channels.seller.deadlin: unknown key; did you mean 'deadline'?");
    CHECK(config_error("timezon = \"UTC\"\n") ==
          "user.toml:1:1: timezon: unknown key; did you mean 'timezone'?");
    CHECK(config_error("[channels.a]\ndeadline = \"2x\"\n")
              .starts_with("user.toml:2:1: channels.a.deadline: '2x' is not a duration"));
    CHECK(config_error("[channels.a]\ndeadline = \"2h\"\nnext = \"zzz\"\n")
              .starts_with("user.toml:3:1: channels.a.next: no channel 'zzz'"));
    CHECK(config_error("[channels.a]\ndeadline = \"2h\"\nnext = \"b\"\n"
                       "[channels.b]\ndeadline = \"1h\"\nnext = \"a\"\n") ==
          "user.toml:6:1: channels.b.next: the ladder has a cycle: a -> b -> a");
    CHECK(config_error("[channels.a]\nname = \"A\"\n") ==
          "user.toml:1:11: channels.a.deadline: missing: say how long the channel has to answer "
          "(\"48h\", \"7wd\") or \"none\"");
    CHECK(config_error("default_channel = \"nope\"\n")
              .starts_with("user.toml:1:1: default_channel: no channel 'nope'"));
    CHECK(config_error("timezone = \"Mars/Olympus\"\n").find("Mars/Olympus") != std::string::npos);
    CHECK(config_error("currency = \"yuan\"\n").starts_with("user.toml:1:1: currency:"));
    CHECK(config_error("currency = \"RMB\"\n") ==
          "user.toml:1:1: currency: 'RMB' is not an ISO 4217 currency code; the renminbi is CNY");
    CHECK(config_error("currency = \"CYN\"\n").find("not an ISO 4217 currency code") !=
          std::string::npos);
    CHECK(config_error("[channels.a]\ndeadline = 24\n") ==
          "user.toml:2:1: channels.a.deadline: must be a string");
    CHECK(config_error("[channels.a]\ndeadline = \"1h\"\nroll = \"yes\"\n") ==
          "user.toml:3:1: channels.a.roll: must be true or false");
    CHECK(config_error("[calendars.home]\nbase = \"xx\"\n")
              .starts_with("user.toml:2:1: calendars.home.base: no calendar 'xx'"));
    CHECK(config_error("x = [\n").starts_with("user.toml:"));
}

TEST_CASE("a channel lookup that misses suggests the nearest key") {
    Config c = Config::from_text("", "empty.toml");
    try {
        c.channel("selller");
        FAIL("found a channel that does not exist");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::not_found);
        CHECK(std::string(e.what()) == "no channel 'selller'; did you mean 'seller'?");
    }
    CHECK(did_you_mean("esclate", {"file", "status", "escalate"}) == "escalate");
    CHECK(did_you_mean("zzzzzz", {"file", "status", "escalate"}).empty());
}

namespace {

// Every key of `built` and `parsed`, at every depth, with the same place in the file; `where`
// names the table for a failure's message.
void check_places(const toml::table& built, const toml::table& parsed, const std::string& where) {
    REQUIRE(built.size() == parsed.size());
    for (auto&& [key, value] : parsed) {
        std::string name = where + std::string(key.str());
        INFO(name);
        auto it = built.find(key.str());
        REQUIRE(it != built.end());
        CHECK(it->first.source().begin.line == key.source().begin.line);
        CHECK(it->first.source().begin.column == key.source().begin.column);
        CHECK(it->first.source().end.line == key.source().end.line);
        CHECK(it->first.source().end.column == key.source().end.column);
        if (const toml::table* t = value.as_table()) {
            REQUIRE(it->second.as_table());
            check_places(*it->second.as_table(), *t, name + ".");
        }
    }
}

} // namespace

TEST_CASE("the built-in config's table is data/default-config.toml as toml++ reads it") {
    // The table is written at build time (cmake/embed_config.cpp); it must be the file's table,
    // keys, values and the keys' places, which `config show` prints.
    toml::table parsed = toml::parse_file(COMPLAIN_SOURCE_DIR "/data/default-config.toml");
    toml::table built = default_config_table();
    CHECK(built == parsed);
    check_places(built, parsed, "");
    // What a change to a value would look like: the comparison sees it.
    built.insert_or_assign("currency", "USD");
    CHECK(built != parsed);
}
