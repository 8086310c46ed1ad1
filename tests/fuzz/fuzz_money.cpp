// Fuzzes parse_money: an amount parses or is a usage error, and its printed form parses back.
#include "complain/domain/money.hpp"
#include "fuzz_check.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

using namespace complain;
using complain::fuzz::escaped;
using complain::fuzz::parses;
using complain::fuzz::require;

namespace {

std::string str(const Money& m) {
    return std::to_string(m.minor) + " minor units of " + escaped(m.currency);
}

bool same(const Money& a, const Money& b) {
    return a.minor == b.minor && a.currency == b.currency;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    // The config's currency decides what "199.5" means: 2, 0 and 3 minor digits.
    for (std::string_view fallback : {"CNY", "JPY", "KWD"}) {
        std::string what = "parse_money(" + escaped(text) + ", " + std::string(fallback) + ")";
        Money m;
        if (!parses([&] { m = parse_money(text, fallback); }, Exit::usage, what)) continue;
        what += " = " + str(m);
        require(m.minor >= 0, what + ": a negative amount");
        require(is_currency(m.currency), what + ": not an ISO 4217 currency");

        // The store keeps the amount as format_amount writes it, with the code beside it; every
        // way the README shows of writing it back is the same amount.
        std::string amount = format_amount(m.minor, m.currency);
        for (const std::string& typed :
             {amount + m.currency, amount + " " + m.currency, m.currency + " " + amount}) {
            Money again;
            require(parses([&] { again = parse_money(typed, "USD"); }, Exit::usage, what),
                    what + ": its printed form " + escaped(typed) + " does not parse");
            require(same(again, m), what + ": " + escaped(typed) + " parses to " + str(again));
        }
        Money again;
        require(parses([&] { again = parse_money(amount, m.currency); }, Exit::usage, what) &&
                    same(again, m),
                what + ": " + escaped(amount) + " in " + m.currency + " does not read back");
    }
    return 0;
}
