// A reader of flat JSON objects (RFC 8259), strict as nlohmann's parser is: the same texts are
// JSON, strings must be valid UTF-8, surrogates must pair. tests/fuzz/fuzz_json_line.cpp holds it
// to nlohmann's answers.
#include "complain/domain/json_line.hpp"

#include "complain/i18n.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <locale.h>
#include <nlohmann/json.hpp>

namespace complain {
namespace {

class Reader {
  public:
    explicit Reader(std::string_view text)
        : begin_(text.data()), p_(begin_), end_(p_ + text.size()) {}

    [[noreturn]] void fail(std::string_view what) const {
        throw JsonLine::NotJson{trf("syntax error at byte {}: {}", p_ - begin_ + 1, what)};
    }
    bool at_end() const { return p_ == end_; }
    char peek() const { return p_ == end_ ? '\0' : *p_; }
    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r'))
            ++p_;
    }
    void expect(char c, std::string_view what) {
        if (p_ == end_ || *p_ != c) fail(p_ == end_ ? "unexpected end of input" : what);
        ++p_;
    }
    const char* here() const { return p_; }

    // A string from its opening quote; decoded into `out` unless it is null.
    void string(std::string* out) {
        ++p_; // the opening quote
        for (;;) {
            const char* run = p_;
            while (p_ != end_) {
                auto c = static_cast<unsigned char>(*p_);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++p_;
            }
            if (out) out->append(run, p_);
            if (p_ == end_) fail("unexpected end of input in a string");
            auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return;
            }
            if (c < 0x20) fail("a control character in a string must be escaped");
            if (c == '\\')
                escape(out);
            else
                utf8(out);
        }
    }

    // Any value, checked; its kind.
    JsonLine::Kind value(JsonLine::Value* v) {
        char c = peek();
        if (c == '"') {
            string(v ? &v->string : nullptr);
            return JsonLine::Kind::string;
        }
        if (c == '{' || c == '[') {
            nested();
            return c == '{' ? JsonLine::Kind::object : JsonLine::Kind::array;
        }
        if (c == 't') return literal("true", v, true);
        if (c == 'f') return literal("false", v, false);
        if (c == 'n') {
            literal("null", nullptr, false);
            return JsonLine::Kind::null;
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        if (at_end()) fail("unexpected end of input");
        fail("a value was expected");
    }

  private:
    void escape(std::string* out) {
        ++p_;
        if (p_ == end_) fail("unexpected end of input in a string");
        char c = *p_++;
        char plain = 0;
        switch (c) {
        case '"':
            plain = '"';
            break;
        case '\\':
            plain = '\\';
            break;
        case '/':
            plain = '/';
            break;
        case 'b':
            plain = '\b';
            break;
        case 'f':
            plain = '\f';
            break;
        case 'n':
            plain = '\n';
            break;
        case 'r':
            plain = '\r';
            break;
        case 't':
            plain = '\t';
            break;
        case 'u':
            break;
        default:
            --p_;
            fail("an invalid escape in a string");
        }
        if (plain) {
            if (out) out->push_back(plain);
            return;
        }
        std::uint32_t code = hex4();
        if (code >= 0xDC00 && code <= 0xDFFF) fail("a low surrogate without a high one");
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                fail("a high surrogate without a low one");
            p_ += 2;
            std::uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate without a low one");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (!out) return;
        if (code < 0x80) {
            out->push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out->push_back(static_cast<char>(0xC0 | (code >> 6)));
            out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out->push_back(static_cast<char>(0xE0 | (code >> 12)));
            out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out->push_back(static_cast<char>(0xF0 | (code >> 18)));
            out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    std::uint32_t hex4() {
        if (end_ - p_ < 4) fail("unexpected end of input in a \\u escape");
        std::uint32_t code = 0;
        for (int i = 0; i < 4; ++i) {
            char c = *p_++;
            int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
            if (digit < 0) fail("a \\u escape needs four hex digits");
            code = code * 16 + static_cast<std::uint32_t>(digit);
        }
        return code;
    }

    // One UTF-8 sequence, well-formed as Unicode's table 3-7 has it.
    void utf8(std::string* out) {
        auto byte = [&](size_t i) { return static_cast<unsigned char>(p_[i]); };
        unsigned char b0 = byte(0);
        size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) lo = 0xA0;
            if (b0 == 0xED) hi = 0x9F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) lo = 0x90;
            if (b0 == 0xF4) hi = 0x8F;
        } else {
            fail("a string that is not valid UTF-8");
        }
        if (static_cast<size_t>(end_ - p_) < n) fail("a string that is not valid UTF-8");
        if (byte(1) < lo || byte(1) > hi) fail("a string that is not valid UTF-8");
        for (size_t i = 2; i < n; ++i)
            if (byte(i) < 0x80 || byte(i) > 0xBF) fail("a string that is not valid UTF-8");
        if (out) out->append(p_, n);
        p_ += n;
    }

    JsonLine::Kind literal(std::string_view word, JsonLine::Value* v, bool truth) {
        if (static_cast<size_t>(end_ - p_) < word.size() ||
            std::string_view(p_, word.size()) != word)
            fail(fmt::format("\"{}\" misspelt", word));
        p_ += word.size();
        if (v) v->boolean = truth;
        return JsonLine::Kind::boolean;
    }

    JsonLine::Kind number(JsonLine::Value* v) {
        const char* start = p_;
        if (*p_ == '-') ++p_;
        auto digits = [&] {
            const char* from = p_;
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9')
                ++p_;
            return p_ - from;
        };
        if (p_ == end_ || *p_ < '0' || *p_ > '9') fail("a number needs a digit");
        if (*p_ == '0')
            ++p_;
        else
            digits();
        bool whole = true;
        if (peek() == '.') {
            ++p_;
            if (digits() == 0) fail("a number needs a digit after its point");
            whole = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++p_;
            if (peek() == '+' || peek() == '-') ++p_;
            if (digits() == 0) fail("a number needs a digit in its exponent");
            whole = false;
        }
        if (whole) {
            std::int64_t n = 0;
            auto [end, err] = std::from_chars(start, p_, n);
            if (err == std::errc() && end == p_) {
                if (v) v->integer = n;
                return JsonLine::Kind::integer;
            }
        }
        // A number beyond what a double holds is refused, as nlohmann refuses it. Read in the C
        // locale, whatever the user's says a decimal point is.
        static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
        if (std::isinf(strtod_l(std::string(start, p_).c_str(), nullptr, c_locale)))
            fail("a number too large");
        return JsonLine::Kind::number;
    }

    // An object or array from its opening bracket to its closing one, checked, without recursion.
    void nested() {
        std::string open(1, *p_++); // the brackets not yet closed
        bool first = true;          // at the first element of the innermost: it may close at once
        for (;;) {
            skip_space();
            char close = open.back() == '{' ? '}' : ']';
            if (!(first && peek() == close)) {
                if (open.back() == '{') {
                    if (peek() != '"')
                        fail(at_end() ? "unexpected end of input" : "a key was expected");
                    string(nullptr);
                    skip_space();
                    expect(':', "a ':' was expected after a key");
                    skip_space();
                }
                if (peek() == '{' || peek() == '[') {
                    open.push_back(*p_++);
                    first = true;
                    continue;
                }
                value(nullptr);
                skip_space();
            }
            // After an element, or at an empty container's end: a comma, or closing brackets.
            first = false;
            for (;;) {
                close = open.back() == '{' ? '}' : ']';
                if (peek() == ',') {
                    ++p_;
                    break;
                }
                if (peek() != close)
                    fail(at_end() ? "unexpected end of input"
                                  : "',' or a closing bracket was expected");
                ++p_;
                open.pop_back();
                if (open.empty()) return;
                skip_space();
            }
        }
    }

    const char* begin_;
    const char* p_;
    const char* end_;
};

} // namespace

void JsonLine::parse(std::string_view line) {
    used_ = 0;
    Reader in(line);
    in.skip_space();
    if (in.peek() != '{') {
        in.value(nullptr);
        in.skip_space();
        if (!in.at_end()) in.fail("unexpected text after the value");
        throw NotObject{};
    }
    in.expect('{', "");
    in.skip_space();
    if (in.peek() == '}') {
        in.expect('}', "");
    } else {
        for (;;) {
            if (in.peek() != '"')
                in.fail(in.at_end() ? "unexpected end of input" : "a key was expected");
            if (used_ == members_.size()) members_.emplace_back();
            Member& m = members_[used_++];
            m.key.clear();
            m.value.string.clear();
            in.string(&m.key);
            in.skip_space();
            in.expect(':', "a ':' was expected after a key");
            in.skip_space();
            const char* start = in.here();
            m.value.kind = in.value(&m.value);
            m.value.text = std::string_view(start, static_cast<size_t>(in.here() - start));
            in.skip_space();
            if (in.peek() == ',') {
                in.expect(',', "");
                in.skip_space();
                continue;
            }
            in.expect('}', "',' or '}' was expected");
            break;
        }
    }
    in.skip_space();
    if (!in.at_end()) in.fail("unexpected text after the object");
}

const JsonLine::Value* JsonLine::find(std::string_view key) const {
    for (size_t i = used_; i > 0; --i)
        if (members_[i - 1].key == key) return &members_[i - 1].value;
    return nullptr;
}

std::optional<std::vector<std::string>> JsonLine::strings(std::string_view array) {
    Reader in(array);
    std::vector<std::string> out;
    try {
        in.expect('[', "");
        in.skip_space();
        if (in.peek() == ']') return out;
        for (;;) {
            if (in.peek() != '"') return std::nullopt;
            in.string(&out.emplace_back());
            in.skip_space();
            if (in.peek() == ']') return out;
            in.expect(',', "");
            in.skip_space();
        }
    } catch (const NotJson&) {
        return std::nullopt;
    }
}

std::string JsonLine::canonical(std::string_view object) {
    // What dump() would change: space, escapes (it writes its own), numbers other than integers of
    // up to 18 digits, -0, keys out of order or repeated, objects inside (their keys too).
    bool plain = true;
    bool in_string = false;
    int depth = 0; // arrays inside the object
    std::string_view last_key;
    bool has_key = false;
    const char* key_start = nullptr;
    int run = 0; // digits in a row outside strings
    for (size_t i = 0; i < object.size() && plain; ++i) {
        char c = object[i];
        if (in_string) {
            if (c == '\\') plain = false;
            if (c == '"') {
                in_string = false;
                if (key_start && depth == 0 && i + 1 < object.size() && object[i + 1] == ':') {
                    std::string_view key(key_start,
                                         static_cast<size_t>(object.data() + i - key_start));
                    if (has_key && key <= last_key) plain = false;
                    last_key = key;
                    has_key = true;
                }
                key_start = nullptr;
            }
            continue;
        }
        bool digit = c >= '0' && c <= '9';
        run = digit ? run + 1 : 0;
        if (run > 18) plain = false;
        switch (c) {
        case '"':
            in_string = true;
            key_start = object.data() + i + 1;
            break;
        case '{':
            plain = i == 0;
            break;
        case '[':
            ++depth;
            break;
        case ']':
            --depth;
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '.':
            plain = false;
            break;
        case 'e':
        case 'E':
            if (i > 0 && object[i - 1] >= '0' && object[i - 1] <= '9') plain = false;
            break;
        case '-':
            if (i + 1 < object.size() && object[i + 1] == '0') plain = false;
            break;
        default:
            break;
        }
    }
    if (plain) return std::string(object);
    return nlohmann::json::parse(object).dump();
}

} // namespace complain
