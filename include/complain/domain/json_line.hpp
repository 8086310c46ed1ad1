// One line of an export read as a flat JSON object, without building a document tree: import
// reads a million of them, and a tree per line cost more than the inserts they make. Strings are
// decoded; an object or array inside the line is checked and kept as its text.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

class JsonLine {
  public:
    enum class Kind { string, integer, number, boolean, null, object, array };
    struct Value {
        Kind kind = Kind::null;
        std::string_view text; // as written in the line: a string with its quotes
        std::string string;    // Kind::string: decoded
        std::int64_t integer = 0;
        bool boolean = false;
    };
    struct Member {
        std::string key;
        Value value;
    };

    // Reads `line`, which must outlive the values read. Throws NotJson when it is not JSON (a
    // description of what is wrong where, as nlohmann's parser gives it) and NotObject when it is
    // JSON but not an object. A key that appears twice has its last value, as in a document.
    struct NotJson {
        std::string what;
    };
    struct NotObject {};
    void parse(std::string_view line);

    const Value* find(std::string_view key) const;
    std::span<const Member> members() const { return {members_.data(), used_}; }

    // The strings of an array's text (Value::text of a Kind::array); none when an element is not
    // a string.
    static std::optional<std::vector<std::string>> strings(std::string_view array);
    // An object's text (Value::text of a Kind::object) as nlohmann's dump() writes it: keys in
    // order, no spaces. Text already in that form (what complain writes) comes back as it is.
    static std::string canonical(std::string_view object);

  private:
    std::vector<Member> members_;
    size_t used_ = 0; // members_ of this line; the rest are kept for their buffers
};

} // namespace complain
