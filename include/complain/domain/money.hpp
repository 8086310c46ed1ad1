// Amounts in dispute: integer minor units and an ISO 4217 currency.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

struct Money {
    std::int64_t minor = 0; // fen, cents
    std::string currency;   // ISO 4217, upper case
};

// Parses "199", "199.5", "199.00", "199.00CNY", "199.00 USD", "CNY 199". A comma, a sign, more
// decimals than the currency has, or a code that is not ISO 4217 ("RMB") is Error(usage).
Money parse_money(std::string_view text, std::string_view default_currency);
// The ISO 4217 currency codes, sorted: iso-codes' list, compiled in (cmake/embed_currencies.cmake).
const std::vector<std::string_view>& iso4217_codes();
bool is_currency(std::string_view code);
// What is wrong with a code that is not a currency, naming the code meant by a common informal
// one ("'RMB' is not an ISO 4217 currency code; the renminbi is CNY").
std::string not_a_currency(std::string_view code);
// The number of minor-unit digits of a currency (JPY 0, KWD 3, most 2).
int minor_digits(std::string_view currency);
// 19900, "CNY" -> "199.00"
std::string format_amount(std::int64_t minor, std::string_view currency);

} // namespace complain
