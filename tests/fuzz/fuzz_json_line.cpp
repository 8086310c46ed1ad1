// Fuzzes JsonLine, the reader of export lines, against nlohmann's parser: the same texts are JSON,
// the same are objects, and the members read are the document's members.
#include "complain/domain/json_line.hpp"
#include "fuzz_check.hpp"

#include <nlohmann/json.hpp>

using namespace complain;
using complain::fuzz::escaped;
using complain::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    std::string what = "JsonLine(" + escaped(text) + ")";
    // nlohmann reads a NUL byte as the end of the text; JSON has no NUL outside an escape, so a
    // line that holds one is not JSON, and JsonLine says so.
    if (text.find('\0') != std::string::npos) {
        bool refused = false;
        try {
            JsonLine().parse(text);
        } catch (const JsonLine::NotJson&) {
            refused = true;
        } catch (const JsonLine::NotObject&) {
        }
        require(refused, what + ": a NUL byte read as JSON");
        return 0;
    }
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    JsonLine j;
    try {
        j.parse(text);
    } catch (const JsonLine::NotJson& e) {
        require(doc.is_discarded(), what + ": refused as not JSON (" + e.what + "), which it is");
        return 0;
    } catch (const JsonLine::NotObject&) {
        require(!doc.is_discarded() && !doc.is_object(), what + ": refused as not an object");
        return 0;
    }
    require(doc.is_object(), what + ": read as an object, which it is not");
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const JsonLine::Value* v = j.find(it.key());
        require(v != nullptr, what + ": lacks the key " + escaped(it.key()));
        const nlohmann::json& d = it.value();
        std::string member = what + " member " + escaped(it.key());
        switch (v->kind) {
        case JsonLine::Kind::string:
            require(d.is_string() && d.get<std::string>() == v->string, member + ": string");
            break;
        case JsonLine::Kind::integer:
            require(d.is_number_integer() && d.get<std::int64_t>() == v->integer,
                    member + ": integer");
            break;
        case JsonLine::Kind::number:
            require(d.is_number(), member + ": number");
            break;
        case JsonLine::Kind::boolean:
            require(d.is_boolean() && d.get<bool>() == v->boolean, member + ": boolean");
            break;
        case JsonLine::Kind::null:
            require(d.is_null(), member + ": null");
            break;
        case JsonLine::Kind::object:
            require(d.is_object() && nlohmann::json::parse(v->text) == d, member + ": object");
            require(JsonLine::canonical(v->text) == d.dump(), member + ": canonical form");
            break;
        case JsonLine::Kind::array:
            require(d.is_array() && nlohmann::json::parse(v->text) == d, member + ": array");
            break;
        }
    }
    return 0;
}
