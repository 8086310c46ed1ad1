// Writing the configuration as TOML: what `config show` prints, and reads back as the same config.
#include "complain/config/toml.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {

namespace {

// C1 controls (U+0080..U+009F, C2 80..C2 9F in UTF-8) as TOML escapes: `config show` goes to a
// terminal, and a terminal may obey them.
std::string escape_c1(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (static_cast<unsigned char>(s[i]) == 0xC2 && next >= 0x80 && next <= 0x9F) {
            out += fmt::format("\\u{:04X}", next);
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04X}", static_cast<int>(c));
            else
                out += c;
        }
    }
    return escape_c1(out) + "\"";
}

// A bare key as it is; any other key quoted, so that the output reads back as the same TOML.
std::string toml_key(std::string_view key) {
    bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
    });
    return bare ? std::string(key) : toml_string(key);
}

// Text from outside (a file name) in a comment: TOML comments hold no control characters.
std::string comment_text(std::string_view s) {
    std::string quoted = toml_string(s);
    return quoted.substr(1, quoted.size() - 2);
}

} // namespace

std::string config_toml(const Config& c, const std::vector<std::string>& header) {
    std::string out;
    for (const auto& line : header)
        out += fmt::format("# {}\n", comment_text(line));
    out += fmt::format("# complain config, merged from: {}\n\n",
                       comment_text(fmt::format("{}", fmt::join(c.sources(), ", "))));
    auto origin = [&](const std::string& key) {
        auto it = c.origins().find(key);
        return it == c.origins().end() ? std::string("<built-in>") : comment_text(it->second.str());
    };
    auto top = [&](const std::string& key, const std::string& value, const std::string& note) {
        out += fmt::format("{} = {}  # {}\n", key, toml_string(value), note);
    };
    top("timezone", c.zone()->name(),
        c.timezone_name().empty() ? "the system's zone" : origin("timezone"));
    top("currency", c.currency(), origin("currency"));
    top("language", c.language() ? std::string(to_string(*c.language())) : "auto",
        c.language() ? origin("language") : "the locale's: LANGUAGE, LC_ALL, LC_MESSAGES, LANG");
    top("default_channel", c.default_channel(), origin("default_channel"));
    top("calendar", c.default_calendar(), origin("calendar"));
    const Complainant& me = c.me();
    if (!me.name.empty() || !me.phone.empty() || !me.email.empty() || !me.address.empty() ||
        !me.id_number.empty()) {
        out += "\n[me]\n";
        for (auto [k, v] : {std::pair{"name", &me.name},
                            {"phone", &me.phone},
                            {"email", &me.email},
                            {"address", &me.address},
                            {"id_number", &me.id_number}})
            if (!v->empty()) out += fmt::format("{} = {}\n", k, toml_string(*v));
    }
    for (const auto& ch : c.channels()) {
        out +=
            fmt::format("\n[channels.{}]  # {}\n", toml_key(ch.key), comment_text(ch.origin.str()));
        out += fmt::format("name = {}\n", toml_string(ch.name));
        if (!ch.kind.empty()) out += fmt::format("kind = {}\n", toml_string(ch.kind));
        if (!ch.contact.empty()) out += fmt::format("contact = {}\n", toml_string(ch.contact));
        out +=
            fmt::format("deadline = {}\n", toml_string(ch.deadline ? ch.deadline->str() : "none"));
        // The default warning is shown as what it is: for a 1d deadline it is the whole day,
        // which is no `warn` a config may set.
        if (ch.warning)
            out += fmt::format("warn = {}\n", toml_string(ch.warning->str()));
        else if (ch.deadline)
            out += fmt::format("# warn = {} (the default)\n",
                               toml_string(ch.warning_or_default().str()));
        if (!ch.calendar.empty()) out += fmt::format("calendar = {}\n", toml_string(ch.calendar));
        if (ch.roll) out += "roll = true\n";
        if (!ch.next.empty()) out += fmt::format("next = {}\n", toml_string(ch.next));
        if (!ch.basis.empty()) out += fmt::format("basis = {}\n", toml_string(ch.basis));
        if (!ch.law.empty()) out += fmt::format("law = {}\n", toml_string(ch.law));
        if (!ch.letter_template.empty())
            out += fmt::format("template = {}\n", toml_string(ch.letter_template));
    }
    return out;
}

} // namespace complain
