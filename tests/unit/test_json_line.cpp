// The flat reader of export lines: JSON exactly where nlohmann's parser says JSON, values as a
// document would hold them, changes in the form complain writes them.
#include "complain/domain/json_line.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace complain;

namespace {

bool is_json(std::string_view text) {
    try {
        JsonLine().parse(text);
        return true;
    } catch (const JsonLine::NotJson&) {
        return false;
    } catch (const JsonLine::NotObject&) {
        return true;
    }
}

} // namespace

TEST_CASE("a line's values as a document holds them") {
    JsonLine j;
    j.parse(R"( {"type":"event","n":42,"neg":-7,"big":123456789012345678901,"f":1.5,)"
            R"("t":true,"no":false,"z":null,"text":"a\"b\\c\/d\n\u4e2d\ud83d\ude00 中",)"
            R"("change":{"b":[1,{"x":[]}],"a":"}"},"list":["x","y"], "type":"complaint"} )");
    REQUIRE(j.members().size() == 12);
    CHECK(j.find("type")->string == "complaint"); // the last of a repeated key, as a document
    CHECK(j.find("n")->kind == JsonLine::Kind::integer);
    CHECK(j.find("n")->integer == 42);
    CHECK(j.find("neg")->integer == -7);
    CHECK(j.find("big")->kind == JsonLine::Kind::number);
    CHECK(j.find("f")->kind == JsonLine::Kind::number);
    CHECK(j.find("t")->boolean);
    CHECK(j.find("no")->kind == JsonLine::Kind::boolean);
    CHECK_FALSE(j.find("no")->boolean);
    CHECK(j.find("z")->kind == JsonLine::Kind::null);
    CHECK(j.find("text")->string == "a\"b\\c/d\n中😀 中");
    CHECK(j.find("change")->kind == JsonLine::Kind::object);
    CHECK(j.find("change")->text == R"({"b":[1,{"x":[]}],"a":"}"})");
    CHECK(j.find("list")->kind == JsonLine::Kind::array);
    CHECK(JsonLine::strings(j.find("list")->text) == std::vector<std::string>{"x", "y"});
    CHECK_FALSE(JsonLine::strings("[\"x\",1]"));
    CHECK(JsonLine::strings("[ ]") == std::vector<std::string>{});
    CHECK(j.find("missing") == nullptr);

    j.parse("{}"); // a second line forgets the first
    CHECK(j.members().empty());
    CHECK(j.find("type") == nullptr);
}

TEST_CASE("JSON where nlohmann's parser says JSON") {
    const char* texts[] = {
        "{}",
        "{",
        "}",
        "",
        " ",
        "[]",
        "\"x\"",
        "1",
        "{\"a\":}",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{\"a\":[1,]}",
        "{\"a\":[,1]}",
        "{\"a\":{\"b\":1,}}",
        "{\"a\":{\"b\"}}",
        "{a:1}",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":1e}",
        "{\"a\":1e+5}",
        "{\"a\":-0.0E-0}",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"\x01\"}",
        "{\"a\":\"\xff\"}",
        "{\"a\":\"\xc0\x80\"}",
        "{\"a\":\"\xed\xa0\x80\"}",
        "{\"a\":\"\xf4\x90\x80\x80\"}",
        "{\"a\":\"\xe4\xb8\"}",
        "{\"a\":\"\xe4\xb8\xad\"}",
        "{\"a\":1} x",
        "{\"a\":1}{}",
        "{\"a\":[[[[[]]]],{}]}",
        "{\"a\":[[[[]]]}",
        "\t{ } \r\n",
        "{\"a\":\"unterminated}",
        "{\"a\":1e400}",
        "{\"a\":-1e400}",
        "{\"a\":1e-400}",
        "{\"a\":[\"x\" \"y\"]}",
        "{\"a\":{\"b\":[]} ,\"c\":true}",
    };
    for (const char* text : texts) {
        CAPTURE(text);
        CHECK(is_json(text) == nlohmann::json::accept(text));
    }
    // A NUL byte is never JSON (nlohmann's parser stops reading at one).
    CHECK_THROWS_AS(JsonLine().parse(std::string_view("{}\0x", 4)), JsonLine::NotJson);
    CHECK_THROWS_AS(JsonLine().parse(std::string_view("{\"a\":\"\0\"}", 8)), JsonLine::NotJson);
    CHECK_THROWS_AS(JsonLine().parse("[1]"), JsonLine::NotObject);
    CHECK_THROWS_AS(JsonLine().parse("\"x\""), JsonLine::NotObject);
    CHECK_THROWS_AS(JsonLine().parse("{\"a\":1"), JsonLine::NotJson);
}

TEST_CASE("a change in the form complain writes it") {
    // complain's own form comes back as it is, without a document.
    for (const char* plain : {R"({"a":1,"b":"x y","c":[],"d":null,"e":true})", "{}",
                              R"({"tags":["a","b"],"title":"中文"})"})
        CHECK(JsonLine::canonical(plain) == plain);
    // Any other form is rewritten as nlohmann's dump() writes it.
    for (const char* other :
         {R"({"b":1,"a":2})", R"({"a":1, "b":2})", R"({"a":"\u4e2d"})", R"({"a":1.50})",
          R"({"a":-0})", R"({"a":{"d":1,"c":2}})", R"({"a":1,"a":2})", R"({"a":1e2})",
          R"({"a":12345678901234567890123})", R"({"a":"x\/y"})"})
        CHECK(JsonLine::canonical(other) == nlohmann::json::parse(other).dump());
}
