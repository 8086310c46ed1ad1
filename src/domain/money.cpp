// Parsing and printing amounts in dispute.
#include "complain/domain/money.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <limits>

namespace complain {
namespace {

[[noreturn]] void bad_amount(std::string_view text) {
    throw Error(Exit::usage, trf("'{}' is not an amount: use digits with a decimal point and an "
                                 "optional currency, as in 199, 199.00, 1,299.00, 199.00 CNY, "
                                 "CNY199, ¥199, 199元, $20 or €15.50",
                                 text));
}

bool is_upper_alpha(std::string_view s) {
    for (char c : s)
        if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    return true;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

bool is_currency(std::string_view code) {
    const auto& codes = iso4217_codes();
    return std::binary_search(codes.begin(), codes.end(), code);
}

std::string not_a_currency(std::string_view code) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> informal{
        {{"RMB", "the renminbi is CNY"},
         {"NTD", "the New Taiwan dollar is TWD"},
         {"YEN", "the yen is JPY"}}};
    for (const auto& [name, meant] : informal)
        if (name == code) return trf("'{}' is not an ISO 4217 currency code; {}", code, meant);
    return trf("'{}' is not an ISO 4217 currency code such as CNY, USD, EUR or JPY", code);
}

int minor_digits(std::string_view currency) {
    static constexpr std::array<std::string_view, 16> zero{"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                           "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                                           "VND", "VUV", "XAF", "XOF"};
    static constexpr std::array<std::string_view, 7> three{"BHD", "IQD", "JOD", "KWD",
                                                           "LYD", "OMR", "TND"};
    for (auto c : zero)
        if (c == currency) return 0;
    for (auto c : three)
        if (c == currency) return 3;
    return 2;
}

Money parse_money(std::string_view text, std::string_view default_currency) {
    std::string_view s = text;
    auto trim = [](std::string_view v) {
        while (!v.empty() && v.front() == ' ')
            v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ')
            v.remove_suffix(1);
        return v;
    };
    s = trim(s);
    std::string currency(default_currency);
    // Symbols and words people write for a currency: ¥199, 199元, $20, €15.50.
    struct Sign {
        std::string_view sign;
        std::string_view currency;
    };
    static constexpr std::array<Sign, 7> prefixes{{{"HK$", "HKD"},
                                                   {"NT$", "TWD"},
                                                   {"US$", "USD"},
                                                   {"$", "USD"},
                                                   {"€", "EUR"},
                                                   {"£", "GBP"},
                                                   {"₩", "KRW"}}};
    static constexpr std::array<Sign, 10> suffixes{{{"人民币", "CNY"},
                                                    {"美元", "USD"},
                                                    {"欧元", "EUR"},
                                                    {"日元", "JPY"},
                                                    {"港元", "HKD"},
                                                    {"港币", "HKD"},
                                                    {"英镑", "GBP"},
                                                    {"元", "CNY"},
                                                    {"块", "CNY"},
                                                    {"圆", "CNY"}}};
    bool signed_currency = false;
    // ¥ is the yuan's sign and the yen's: the config's currency when it is JPY, else CNY.
    for (std::string_view yen : {"¥", "￥"})
        if (s.starts_with(yen)) {
            currency = default_currency == "JPY" ? "JPY" : "CNY";
            s = trim(s.substr(yen.size()));
            signed_currency = true;
        }
    for (const Sign& p : prefixes)
        if (!signed_currency && s.starts_with(p.sign)) {
            currency = p.currency;
            s = trim(s.substr(p.sign.size()));
            signed_currency = true;
        }
    for (const Sign& p : suffixes)
        if (s.ends_with(p.sign)) {
            if (signed_currency && currency != p.currency) bad_amount(text);
            currency = p.currency;
            s = trim(s.substr(0, s.size() - p.sign.size()));
            signed_currency = true;
            break;
        }
    // Thousands separated by commas: 1,299.00. Only groups of three: 12,5 is not an amount.
    std::string plain;
    if (s.find(',') != std::string_view::npos) {
        size_t point = std::min(s.find('.'), s.size());
        std::string_view whole = s.substr(0, point);
        size_t first = whole.find(',');
        if (first == 0 || first > 3 || s.substr(point).find(',') != std::string_view::npos)
            bad_amount(text);
        for (size_t i = first; i < whole.size(); i += 4)
            if (whole[i] != ',' || i + 4 > whole.size() ||
                whole.substr(i + 1, 3).find(',') != std::string_view::npos)
                bad_amount(text);
        for (char c : s)
            if (c != ',') plain += c;
        s = plain;
    }
    if (signed_currency && s.size() > 3 && std::isalpha(static_cast<unsigned char>(s.back())))
        bad_amount(text); // ¥199USD
    // A currency code before or after the number.
    if (s.size() > 3 && std::isalpha(static_cast<unsigned char>(s.front()))) {
        if (!is_upper_alpha(s.substr(0, 3))) bad_amount(text);
        currency = upper(s.substr(0, 3));
        s = trim(s.substr(3));
    } else if (s.size() > 3 && std::isalpha(static_cast<unsigned char>(s.back()))) {
        if (!is_upper_alpha(s.substr(s.size() - 3))) bad_amount(text);
        currency = upper(s.substr(s.size() - 3));
        s = trim(s.substr(0, s.size() - 3));
    }
    if (s.empty() || currency.size() != 3 || !is_upper_alpha(currency)) bad_amount(text);
    if (!is_currency(currency))
        throw Error(Exit::usage, fmt::format("'{}': {}", text, not_a_currency(currency)));
    int digits = minor_digits(currency);
    std::int64_t whole = 0, fraction = 0;
    int fraction_digits = -1; // -1: no decimal point seen
    for (char c : s) {
        if (c == '.' && fraction_digits < 0) {
            fraction_digits = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            if (fraction_digits >= 0) {
                fraction = fraction * 10 + (c - '0');
                if (++fraction_digits > digits) bad_amount(text);
            } else {
                whole = whole * 10 + (c - '0');
                if (whole > std::numeric_limits<std::int64_t>::max() / 10000) bad_amount(text);
            }
        } else {
            bad_amount(text);
        }
    }
    if (fraction_digits == 0 || s.front() == '.') bad_amount(text); // "199." or ".5"
    for (int k = std::max(fraction_digits, 0); k < digits; ++k)
        fraction *= 10;
    std::int64_t scale = 1;
    for (int k = 0; k < digits; ++k)
        scale *= 10;
    return Money{whole * scale + fraction, currency};
}

std::string format_amount(std::int64_t minor, std::string_view currency) {
    int digits = minor_digits(currency);
    if (digits == 0) return fmt::format("{}", minor);
    std::int64_t scale = 1;
    for (int k = 0; k < digits; ++k)
        scale *= 10;
    std::string sign = minor < 0 ? "-" : "";
    std::int64_t a = minor < 0 ? -minor : minor;
    return fmt::format("{}{}.{:0{}}", sign, a / scale, a % scale, digits);
}

} // namespace complain
