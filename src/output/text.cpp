// Display width, cutting, control characters shown, colour, and escaping for each format.
#include "complain/output/text.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>
#include <optional>
#include <utf8proc.h>

namespace complain {
namespace {

// Calls f(code_point, byte_offset, byte_length) for each code point; invalid bytes count as one.
template <typename F> void each_code_point(std::string_view text, F f) {
    auto base = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t size = static_cast<utf8proc_ssize_t>(text.size());
    for (utf8proc_ssize_t i = 0; i < size;) {
        utf8proc_int32_t cp = base[i];
        utf8proc_ssize_t n = 1;
        // ASCII, and the three-byte sequences whose lead byte puts no limit on the second (CJK
        // among them), decoded here; the rest by utf8proc, which also refuses what is not UTF-8.
        if (cp >= 0x80) {
            bool plain3 = ((cp >= 0xE1 && cp <= 0xEC) || cp >= 0xEE) && cp <= 0xEF &&
                          size - i >= 3 && (base[i + 1] & 0xC0) == 0x80 &&
                          (base[i + 2] & 0xC0) == 0x80;
            if (plain3) {
                cp = ((cp & 0x0F) << 12) | ((base[i + 1] & 0x3F) << 6) | (base[i + 2] & 0x3F);
                n = 3;
            } else {
                n = utf8proc_iterate(base + i, size - i, &cp);
            }
        }
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (!f(cp, static_cast<size_t>(i), static_cast<size_t>(n))) return;
        i += n;
    }
}

int width_of(utf8proc_int32_t cp) {
    // What most text is made of, without a lookup: printable ASCII, and the CJK ideographs of
    // the Basic Multilingual Plane (tests/unit/test_output.cpp holds them to utf8proc's widths).
    if (cp >= 0x20 && cp < 0x7F) return 1;
    if (cp >= 0x4E00 && cp <= 0x9FFF) return 2;
    if (cp == '\t') return 1;
    return std::max(0, utf8proc_charwidth(cp));
}

// Whether text is printable ASCII only: then terminal_text and display_width have nothing to do
// but copy and count.
bool plain_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// How terminal_text shows the code point at `at` (n bytes), or nullopt to keep it as it is.
std::optional<std::string> shown_as(std::string_view text, utf8proc_int32_t cp, size_t at,
                                    size_t n) {
    if (cp == 0xFFFD && n == 1) // each_code_point's stand-in for a byte that is not UTF-8
        return fmt::format("<{:02X}>", static_cast<unsigned char>(text[at])); // not UTF-8
    if (cp < 0x20) return std::string{'^', static_cast<char>(cp + 0x40)};
    if (cp == 0x7F) return std::string("^?");
    if (cp >= 0x80 && cp <= 0x9F) return fmt::format("<U+{:04X}>", cp);
    return std::nullopt;
}

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

} // namespace

bool valid_utf8(std::string_view text) {
    auto p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n < 0) return false;
        p += n;
        left -= n;
    }
    return true;
}

int display_width(std::string_view text) {
    if (plain_ascii(text)) return static_cast<int>(text.size());
    int w = 0;
    each_code_point(text, [&](utf8proc_int32_t cp, size_t, size_t) {
        w += width_of(cp);
        return true;
    });
    return w;
}

std::string fit_width(std::string_view text, int width) {
    if (display_width(text) <= width) return std::string(text);
    if (width <= 0) return "";
    std::string out;
    int used = 0;
    each_code_point(text, [&](utf8proc_int32_t cp, size_t at, size_t n) {
        int w = width_of(cp);
        if (used + w > width - 1) return false;
        out.append(text.substr(at, n));
        used += w;
        return true;
    });
    return out + "…";
}

std::string terminal_text(std::string_view text) {
    if (plain_ascii(text)) return std::string(text);
    std::string out;
    out.reserve(text.size());
    size_t kept = 0; // text before it is in out
    each_code_point(text, [&](utf8proc_int32_t cp, size_t at, size_t n) {
        // What shown_as keeps, decided without it: the common case.
        bool keep = cp >= 0x20 ? cp != 0x7F && (cp < 0x80 || cp > 0x9F) && (cp != 0xFFFD || n > 1)
                               : cp == '\n' || cp == '\t';
        if (keep) return true;
        out.append(text.substr(kept, at - kept));
        out += shown_as(text, cp, at, n).value_or(std::string(text.substr(at, n)));
        kept = at + n;
        return true;
    });
    out.append(text.substr(kept));
    return out;
}

std::string terminal_line(std::string_view text) {
    if (std::none_of(text.begin(), text.end(),
                     [](char c) { return c == '\n' || c == '\r' || c == '\t'; }))
        return terminal_text(text);
    return terminal_text(one_line(text));
}

namespace {

// Whether the three octets at `p` are one of the two-column characters terminal_cell measures
// itself (below).
bool common_wide(const unsigned char* p) {
    unsigned char b = p[0], b1 = p[1], b2 = p[2];
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
    return (b >= 0xE5 && b <= 0xE9) || (b == 0xE4 && b1 >= 0xB8) ||
           (b == 0xEF && ((b1 == 0xBC && b2 >= 0x81) || (b1 == 0xBD && b2 <= 0xA0))) ||
           (b == 0xE3 && b1 == 0x80 && b2 >= 0x81 && b2 <= 0x91);
}

} // namespace

int terminal_cell(std::string& text) {
    // What most cells are made of, measured here a run at a time: printable ASCII; and two
    // columns each, the CJK ideographs U+4E00 to U+9FFF (E4 B8 80 to E9 BF BF), the fullwidth
    // forms U+FF01 to U+FF60 (，（）：！, EF BC 81 to EF BD A0) and the CJK punctuation U+3001 to
    // U+3011 (、。《》「」【】, E3 80 81 to E3 80 91).
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    size_t size = text.size(), i = 0;
    int width = 0;
    for (;;) {
        size_t ascii = i;
        while (i < size && p[i] - 0x20u < 0x5Fu)
            ++i;
        width += static_cast<int>(i - ascii);
        size_t wide = i;
        while (size - i >= 3 && common_wide(p + i))
            i += 3;
        width += static_cast<int>((i - wide) / 3 * 2);
        if (i == size || i == ascii) break; // the end, or neither: the general decoder's
    }
    if (i == size) return width;
    bool as_is = true;
    each_code_point(std::string_view(text).substr(i), [&](utf8proc_int32_t cp, size_t, size_t n) {
        // What terminal_line keeps, as terminal_text decides it; newlines and tabs do not stay.
        as_is = cp >= 0x20 && cp != 0x7F && (cp < 0x80 || cp > 0x9F) && (cp != 0xFFFD || n > 1);
        width += width_of(cp);
        return as_is;
    });
    if (as_is) return width;
    text = terminal_line(text);
    return display_width(text);
}

std::string first_control(std::string_view text) {
    std::string found;
    each_code_point(text, [&](utf8proc_int32_t cp, size_t at, size_t n) {
        if (auto shown = shown_as(text, cp, at, n)) found = *shown;
        return found.empty();
    });
    return found;
}

namespace {

// `dumped` (nlohmann's JSON, valid UTF-8) with C1 controls written \u0080..\u009f and DEL
// \u007f, appended to `out`. In UTF-8, C2 is always the lead byte of U+0080..U+00BF.
void append_c1_escaped(std::string& out, std::string_view dumped) {
    size_t kept = 0; // dumped before it is in out
    for (size_t i = 0; i < dumped.size(); ++i) {
        auto u = static_cast<unsigned char>(dumped[i]);
        if (u != 0xC2 && u != 0x7F) continue;
        auto next = i + 1 < dumped.size() ? static_cast<unsigned char>(dumped[i + 1]) : 0;
        if (u == 0xC2 && (next < 0x80 || next > 0x9F)) continue;
        out.append(dumped.substr(kept, i - kept));
        if (u == 0x7F) {
            out += "\\u007f";
        } else {
            out += fmt::format("\\u{:04x}", next);
            ++i;
        }
        kept = i + 1;
    }
    out.append(dumped.substr(kept));
}

// The length of the UTF-8 sequence at `p` (its lead byte from 0x80 on, `left` bytes there), or 0
// where there is none: RFC 3629, without overlong forms, surrogates or code points past
// U+10FFFF, as nlohmann and utf8proc read it.
size_t sequence_length(const unsigned char* p, size_t left) {
    unsigned char b = p[0];
    size_t length = b >= 0xC2 && b <= 0xDF   ? 2
                    : b >= 0xE0 && b <= 0xEF ? 3
                    : b >= 0xF0 && b <= 0xF4 ? 4
                                             : 0;
    if (length == 0 || left < length) return 0;
    for (size_t k = 1; k < length; ++k)
        if ((p[k] & 0xC0) != 0x80) return 0;
    if ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] > 0x9F) || (b == 0xF0 && p[1] < 0x90) ||
        (b == 0xF4 && p[1] > 0x8F))
        return 0;
    return length;
}

// A JSON string as nlohmann's dump writes it without ensure_ascii (", \\, \b \f \n \r \t and
// the other C0 controls as \u00xx), and C1 controls and DEL as append_c1_escaped writes them.
// Text that is not UTF-8 is left to nlohmann, which puts U+FFFD for what it cannot read.
void append_json_string(std::string& out, std::string_view text) {
    const size_t before = out.size();
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    out += '"';
    size_t kept = 0; // text before it is in out
    for (size_t i = 0; i < text.size();) {
        unsigned char u = p[i];
        if (u >= 0x20 && u < 0x7F && u != '"' && u != '\\') {
            ++i;
            continue;
        }
        if (u >= 0x80) {
            size_t length = sequence_length(p + i, text.size() - i);
            if (length == 0) {
                out.resize(before);
                append_c1_escaped(
                    out, nlohmann::ordered_json(text).dump(
                             -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
                return;
            }
            if (u != 0xC2 || p[i + 1] > 0x9F) { // all but the C1 controls
                i += length;
                continue;
            }
        }
        out.append(text.substr(kept, i - kept));
        if (u == 0xC2) // a C1 control
            out += fmt::format("\\u{:04x}", p[++i]);
        else if (u == 0x7F)
            out += "\\u007f";
        else
            append_json_escape(out, static_cast<char>(u));
        kept = ++i;
    }
    out.append(text.substr(kept));
    out += '"';
}

} // namespace

void append_json_escape(std::string& out, char c) {
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\b':
        out += "\\b";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default:
        out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    }
}

// `j` as nlohmann's dump(2) writes it, its first line not indented and the others by `indent`
// more, its strings through append_json_string. A long list in JSON writes a complaint of thirty
// fields a row: nlohmann's serializer reads each string a code point at a time.
void append_json_text(std::string& out, const nlohmann::ordered_json& j, size_t indent) {
    using value_t = nlohmann::ordered_json::value_t;
    switch (j.type()) {
    case value_t::object: {
        if (j.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& [key, value] : j.get_ref<const nlohmann::ordered_json::object_t&>()) {
            if (!first) out += ",\n";
            first = false;
            out.append(indent + 2, ' ');
            append_json_string(out, key);
            out += ": ";
            append_json_text(out, value, indent + 2);
        }
        out += '\n';
        out.append(indent, ' ');
        out += '}';
        return;
    }
    case value_t::array: {
        if (j.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto& element : j) {
            if (!first) out += ",\n";
            first = false;
            out.append(indent + 2, ' ');
            append_json_text(out, element, indent + 2);
        }
        out += '\n';
        out.append(indent, ' ');
        out += ']';
        return;
    }
    case value_t::string:
        append_json_string(out, j.get_ref<const std::string&>());
        return;
    case value_t::boolean:
        out += j.get<bool>() ? "true" : "false";
        return;
    case value_t::null:
        out += "null";
        return;
    case value_t::number_integer:
        out += std::to_string(j.get<std::int64_t>());
        return;
    case value_t::number_unsigned:
        out += std::to_string(j.get<std::uint64_t>());
        return;
    default: // a fraction, as nlohmann writes it
        out += j.dump();
    }
}

std::string json_text(const nlohmann::ordered_json& j) {
    std::string out;
    append_json_text(out, j, 0);
    return out;
}

std::string markdown_escape(std::string_view text) {
    std::string out;
    for (char ch : one_line(text)) {
        // `>` only matters at the start of a line, where escaped text never is.
        if (std::string_view("\\`*_[]<|#!&").find(ch) != std::string_view::npos) out += '\\';
        out += ch;
    }
    // Shown after escaping, so that ESC reads ^[ in the file as on screen. The [ and < this adds
    // open nothing: every ] of the text is escaped, and "<U+" starts no tag or autolink.
    return terminal_text(out);
}

std::string html_escape(std::string_view raw) {
    // Shown first, escaped after: the <U+009B> that shows a C1 control is escaped like any text.
    std::string text = terminal_text(raw);
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string csv_field(std::string_view s) {
    std::string out;
    append_csv_field(out, s);
    return out;
}

void append_csv_field(std::string& out, std::string_view s) {
    if (std::none_of(s.begin(), s.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string wrap_words(const std::vector<std::string>& words, int width, std::string_view indent) {
    std::string out;
    int used = 0;
    for (const auto& w : words) {
        int n = display_width(w);
        if (used > 0 && width > 0 && used + 1 + n > width) {
            out += "\n" + std::string(indent);
            used = display_width(indent);
        } else if (used > 0) {
            out += ' ';
            ++used;
        }
        out += w;
        used += n;
    }
    return out;
}

std::string hang_text(std::string_view text, int indent, int width) {
    int room = width - indent;
    if (width <= 0 || room < 10) return std::string(text);
    std::string out, line;
    int used = 0;
    auto next_line = [&] {
        out += line + "\n" + std::string(static_cast<size_t>(indent), ' ');
        line.clear();
        used = 0;
    };
    size_t at = 0;
    while (at < text.size()) {
        size_t space = text.find(' ', at);
        std::string_view word =
            text.substr(at, space == std::string_view::npos ? std::string_view::npos : space - at);
        at = space == std::string_view::npos ? text.size() : space + 1;
        int w = display_width(word);
        // Chinese breaks between any two characters: a run of it fills the line it starts on.
        // Other words go to a new line when they do not fit.
        bool wide_run = false;
        each_code_point(word, [&](utf8proc_int32_t cp, size_t, size_t) {
            wide_run = width_of(cp) == 2;
            return !wide_run;
        });
        if (used > 0 && used + 1 + w > room && !(wide_run && used + 2 < room)) next_line();
        if (used > 0) {
            line += ' ';
            ++used;
        }
        if (w <= room - used) {
            line += word;
            used += w;
            continue;
        }
        // Wider than what is left of the line: broken at code points.
        each_code_point(word, [&](utf8proc_int32_t cp, size_t from, size_t n) {
            int cw = width_of(cp);
            if (used + cw > room) next_line();
            line.append(word.substr(from, n));
            used += cw;
            return true;
        });
    }
    return out + line;
}

std::string paint(std::string_view text, Color c, bool enabled) {
    const char* code = "";
    switch (c) {
    case Color::red:
        code = "\x1b[31m";
        break;
    case Color::yellow:
        code = "\x1b[33m";
        break;
    case Color::green:
        code = "\x1b[32m";
        break;
    case Color::dim:
        code = "\x1b[2m";
        break;
    case Color::bold:
        code = "\x1b[1m";
        break;
    case Color::none:
        break;
    }
    if (!enabled || *code == '\0') return std::string(text);
    return code + std::string(text) + "\x1b[0m";
}

} // namespace complain
