// Amounts in dispute: integer minor units, the currency's own decimals, no guessing.
#include "complain/domain/money.hpp"
#include "complain/error.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace complain;

TEST_CASE("amounts parse into minor units of their currency") {
    struct Case {
        const char* text;
        std::int64_t minor;
        const char* currency;
    };
    const Case cases[] = {
        {"199", 19900, "CNY"},
        {"199.5", 19950, "CNY"},
        {"199.00", 19900, "CNY"},
        {"199.00CNY", 19900, "CNY"},
        {"199.00 USD", 19900, "USD"},
        {"USD 12.34", 1234, "USD"},
        {"0.01", 1, "CNY"},
        {"1500JPY", 1500, "JPY"},
        {"1.234 KWD", 1234, "KWD"},
        {"12.5 eur", 1250, "EUR"},
        // As people write them: signs, 元, thousands separated by commas.
        {"¥199", 19900, "CNY"},
        {"￥199.50", 19950, "CNY"},
        {"199元", 19900, "CNY"},
        {"199 元", 19900, "CNY"},
        {"¥199元", 19900, "CNY"},
        {"20块", 2000, "CNY"},
        {"1,299.00", 129900, "CNY"},
        {"1,299,000", 129900000, "CNY"},
        {"¥1,299", 129900, "CNY"},
        {"$20", 2000, "USD"},
        {"HK$88", 8800, "HKD"},
        {"€15.50", 1550, "EUR"},
        {"£3", 300, "GBP"},
        {"50美元", 5000, "USD"},
        {"1,000日元", 1000, "JPY"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        Money m = parse_money(c.text, "CNY");
        CHECK(m.minor == c.minor);
        CHECK(m.currency == c.currency);
    }
}

TEST_CASE("amounts that would need a guess are usage errors") {
    for (const char* bad :
         {"",       "12,5", "-5",    "+5",      "1.999",  "15.5JPY", "199.",
          ".5",     "1e3",  "¥",     "¥199USD", "$20元",  "1,2999",  ",299",
          "1,299,", "1,29", "1.2,5", "CNY",     "199 CN", "1.2.3",   "99999999999999999999"}) {
        CAPTURE(bad);
        try {
            parse_money(bad, "CNY");
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
        }
    }
}

TEST_CASE("¥ is the yen where the config's currency is JPY") {
    CHECK(parse_money("¥500", "JPY").currency == "JPY");
    CHECK(parse_money("¥500", "USD").currency == "CNY");
}

TEST_CASE("a currency is an ISO 4217 code, not an informal name or a typo") {
    const std::pair<const char*, const char*> cases[] = {
        {"199RMB", "'199RMB': 'RMB' is not an ISO 4217 currency code; the renminbi is CNY"},
        {"RMB 199", "'RMB 199': 'RMB' is not an ISO 4217 currency code; the renminbi is CNY"},
        {"199 cyn", "'199 cyn': 'CYN' is not an ISO 4217 currency code such as CNY, USD, EUR or "
                    "JPY"},
        {"5000 NTD", "'5000 NTD': 'NTD' is not an ISO 4217 currency code; the New Taiwan dollar "
                     "is TWD"},
    };
    for (const auto& c : cases) {
        const char* text = c.first; // clang 14 cannot capture a structured binding in CAPTURE
        const auto& message = c.second;
        CAPTURE(text);
        try {
            parse_money(text, "CNY");
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            CHECK(std::string(e.what()) == message);
        }
    }
    CHECK(is_currency("CNY"));
    CHECK(is_currency("HKD"));
    CHECK(is_currency("XXX")); // ISO's "no currency"
    CHECK_FALSE(is_currency("RMB"));
    CHECK_FALSE(is_currency("cny"));
    CHECK(std::is_sorted(iso4217_codes().begin(), iso4217_codes().end()));
    CHECK(iso4217_codes().size() > 150);
}

TEST_CASE("amounts print with the currency's decimals") {
    CHECK(format_amount(19900, "CNY") == "199.00");
    CHECK(format_amount(5, "USD") == "0.05");
    CHECK(format_amount(1500, "JPY") == "1500");
    CHECK(format_amount(1234, "KWD") == "1.234");
    CHECK(format_amount(-250, "CNY") == "-2.50");
    CHECK(minor_digits("JPY") == 0);
    CHECK(minor_digits("BHD") == 3);
    CHECK(minor_digits("CNY") == 2);
}
