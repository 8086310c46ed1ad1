// Letters: the markup templates write, Mustache filling, and the model a letter is filled with.
#include "complain/app/letter.hpp"
#include "complain/output/letter_markup.hpp"

#include <doctest/doctest.h>

using namespace complain;

namespace {

Instant at(const char* iso) {
    return parse_utc(iso);
}

Channel config_channel_postal() {
    return Config::from_text("", "test.toml").channel("postal");
}

} // namespace

TEST_CASE("mustache: absent values leave their sections out, html escapes only with html") {
    nlohmann::ordered_json data = {{"title", "a <b> & c"},
                                   {"order", ""},
                                   {"items", nlohmann::ordered_json::array({{{"n", "1"}}})},
                                   {"none", nlohmann::ordered_json::array()},
                                   {"flag", false}};
    std::string tmpl = "{{! a comment line }}\n"
                       "T {{title}}\n"
                       "{{#order}}\n"
                       "order {{order}}\n"
                       "{{/order}}\n"
                       "\n"
                       "{{#items}}\n"
                       "- {{n}}\n"
                       "{{/items}}\n"
                       "{{^none}}\n"
                       "no list\n"
                       "{{/none}}\n"
                       "{{^flag}}not flagged{{/flag}}\n";
    CHECK(render_mustache(tmpl, data, false, "t") == "T a <b> & c\n\n- 1\nno list\nnot flagged\n");
    CHECK(render_mustache(tmpl, data, true, "t").starts_with("T a &lt;b&gt; &amp; c\n"));
    CHECK_THROWS_WITH_AS(render_mustache("{{#open}}", data, false, "mine.mustache"),
                         doctest::Contains("template mine.mustache:"), Error);
}

TEST_CASE("letter markup as text: marks dropped, tables aligned by display width") {
    std::string markup = "# 投诉书\n\n## 一、事实\n\n- 订单号：1\n  续行\n\n"
                         "| 序号 | 名称 |\n|---|---|\n| 1 | 截图.png |\n| 2 | a.txt |\n\n"
                         "::: right\n签名：张三\n:::\n";
    CHECK(markup_text(markup) == "投诉书\n\n一、事实\n\n- 订单号：1\n  续行\n\n"
                                 "序号  名称\n1     截图.png\n2     a.txt\n\n签名：张三\n");
}

TEST_CASE("letter markup as html: one page, structure from the markup") {
    std::string html = markup_html("# T\n\npara 1\nline 2\n\n- a\n  more\n- b\n\n"
                                   "| n | sha |\n|---|---|\n| 1 | " +
                                       std::string(64, 'a') + " |\n\n::: right\nsig\n:::\n",
                                   "title <x>", "zh-CN");
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("<title>title &lt;x&gt;</title>") != std::string::npos);
    CHECK(html.find("<h1>T</h1>") != std::string::npos);
    CHECK(html.find("<p>para 1\nline 2</p>") != std::string::npos);
    CHECK(html.find("<ul>\n<li>a<br>more</li>\n<li>b</li>\n</ul>") != std::string::npos);
    CHECK(html.find("<tr><th>n</th><th>sha</th></tr>") != std::string::npos);
    CHECK(html.find("<td class=\"hash\">" + std::string(64, 'a')) != std::string::npos);
    CHECK(html.find("<div class=\"right\">\n<p>sig</p>\n</div>") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("the template a channel takes") {
    Channel ch{.key = "12315-odr", .kind = "regulator"};
    CHECK(default_template(ch) == "12315-complaint");
    CHECK(default_template({.key = "xiehui", .kind = "association"}) == "consumer-association");
    CHECK(default_template({.key = "court", .kind = "court"}) == "court");
    CHECK(default_template({.key = "cfpb", .kind = "regulator"}) == "en-complaint");
    CHECK(default_template({.key = "fos", .calendar = "weekends"}) == "en-complaint");
    CHECK(default_template({.key = "taobao-app", .kind = "platform"}) == "platform");
    CHECK(default_template({.key = "court", .letter_template = "mine"}) == "mine");
    std::vector<std::string> names;
    for (const auto& t : builtin_templates())
        names.emplace_back(t.name);
    CHECK(names == std::vector<std::string>{"12315-complaint", "12315-report",
                                            "consumer-association", "court", "en-complaint",
                                            "platform", "postal-appeal"});
    CHECK(default_template(config_channel_postal()) == "postal-appeal");
}

TEST_CASE("the letter model: complainant, facts, contacts, missed deadlines, evidence") {
    Config config = Config::from_text("timezone = \"Asia/Shanghai\"\n[me]\nname = \"张三\"\n"
                                      "phone = \"138\"\n",
                                      "test.toml");
    Complaint c;
    c.id = 7;
    c.title = "退款";
    c.against = "某店";
    c.order = "3921";
    c.amount = 19900;
    c.currency = "CNY";
    c.channel = "taobao-app";
    c.created = at("2026-11-20T01:00:00Z");
    Event filed{.at = c.created, .kind = "filed", .new_value = "seller"};
    filed.due = at("2026-11-22T01:00:00Z"); // the seller's 48h
    Event contact{.at = at("2026-11-20T02:30:00Z"), .kind = "contact", .text = "问了客服"};
    Event undone{.at = at("2026-11-20T03:00:00Z"), .kind = "contact", .text = "taken back"};
    undone.cancelled = true;
    Event escalated{.at = at("2026-11-23T02:00:00Z"),
                    .kind = "escalated",
                    .old_value = "seller",
                    .new_value = "taobao-app"};
    Evidence e{.sha256 = std::string(64, 'f'), .name = "a.png", .caption = "截图"};
    e.added = at("2026-11-23T07:10:00Z");
    Evidence proved = e;
    proved.name = "b.txt";
    proved.purpose = "证明商家拒绝退款";
    auto m = letter_model(c, {filed, contact, undone, escalated}, {e, proved},
                          config.channel("12315"), config, at("2026-11-24T01:00:00Z"), false);
    CHECK(m["me"]["name"] == "张三");
    CHECK(m["me"]["email"] == "");
    CHECK(m["against"]["name"] == "某店");
    CHECK(m["complaint"]["amount_zh"] == "人民币 199.00 元");
    CHECK(m["complaint"]["amount_en"] == "CNY 199.00");
    CHECK(m["complaint"]["filed"] == "2026年11月20日 09:00");
    CHECK(m["complaint"]["filed_en"] == "20 November 2026, 09:00");
    CHECK(m["date_day"] == "2026年11月24日");
    CHECK(m["channel"]["key"] == "12315");
    CHECK(m["law"] == config.channel("12315").law);
    CHECK(m["law"].get<std::string>().find("令第121号") != std::string::npos);
    CHECK(m["channel"]["name_zh"] == "全国12315平台");
    REQUIRE(m["contacts"].size() == 1);
    CHECK(m["contacts"][0]["at"] == "2026年11月20日 10:30");
    CHECK(m["contacts"][0]["text"] == "问了客服");
    CHECK(m["timeline"].size() == 3); // the undone contact is left out
    REQUIRE(m["missed"].size() == 1); // the seller's 48h, unanswered
    CHECK(m["missed"][0]["key"] == "seller");
    CHECK(m["evidence"][0]["n"] == "1");
    CHECK(m["evidence"][0]["purpose"] == "截图"); // no purpose: the caption says it
    CHECK(m["evidence"][1]["purpose"] == "证明商家拒绝退款");
    CHECK(m["evidence"][1]["added"] == "2026年11月23日 15:10");
    auto anonymous =
        letter_model(c, {}, {}, config.channel("12315"), config, at("2026-11-24T01:00:00Z"), true);
    CHECK(anonymous["me"].is_null());
    CHECK(anonymous["anonymous"] == true);
}

TEST_CASE("the letter model: when the dispute arose, redacted evidence, Chinese channel names") {
    Config config = Config::from_text("timezone = \"Asia/Shanghai\"\n", "test.toml");
    Complaint c;
    c.id = 3;
    c.title = "快递丢失";
    c.channel = "taobao-app";
    c.created = at("2026-11-20T06:00:00Z"); // 14:00 in Shanghai
    Event filed{.at = c.created, .kind = "filed", .new_value = "seller"};
    filed.due = at("2026-11-22T06:00:00Z");
    Event escalated{.at = at("2026-11-23T02:00:00Z"),
                    .kind = "escalated",
                    .old_value = "seller",
                    .new_value = "taobao-app"};
    Instant now = at("2026-11-24T01:00:00Z");
    const Channel& to = config.channel("12315");

    // Nothing before the filing: its day, not the minute the complaint was made.
    auto m = letter_model(c, {filed, escalated}, {}, to, config, now, false);
    CHECK(m["complaint"]["arose"] == "2026年11月20日");
    CHECK(m["complaint"]["arose_en"] == "20 November 2026");
    CHECK(m["complaint"]["arose_day"] == "2026年11月20日");
    // A contact the record holds from before the filing (an imported history): the dispute arose
    // then; a retracted one does not count.
    Event before{.at = at("2026-11-18T03:15:00Z"), .kind = "contact", .text = "问客服"};
    Event undone{.at = at("2026-11-10T03:15:00Z"), .kind = "contact", .text = "taken back"};
    undone.cancelled = true;
    m = letter_model(c, {before, undone, filed, escalated}, {}, to, config, now, false);
    CHECK(m["complaint"]["arose"] == "2026年11月18日 11:15");
    CHECK(m["complaint"]["arose_day"] == "2026年11月18日");
    CHECK(m["complaint"]["arose_en"] == "18 November 2026, 11:15");

    // Chinese text takes the Chinese half of "中文 / English" channel names, English the whole.
    const auto& timeline = m["timeline"];
    REQUIRE(timeline.size() == 3);
    CHECK(timeline[1]["text"] == "向联系卖家投诉");
    CHECK(timeline[2]["text"].get<std::string>().find(" / ") == std::string::npos);
    CHECK(timeline[1]["text_en"].get<std::string>().find("seller directly") != std::string::npos);
    REQUIRE(m["missed"].size() == 1);
    CHECK(m["missed"][0]["text"].get<std::string>().starts_with("联系卖家应于"));
    CHECK(m["missed"][0]["text_en"].get<std::string>().find("seller directly") !=
          std::string::npos);

    // Redacted evidence is marked: the file can no longer be produced.
    Evidence kept{.sha256 = std::string(64, 'a'), .name = "a.png"};
    Evidence gone{.sha256 = std::string(64, 'b'), .name = "b.png"};
    gone.content = "redacted";
    m = letter_model(c, {filed}, {kept, gone}, to, config, now, false);
    CHECK(m["evidence"][0]["redacted"] == false);
    CHECK(m["evidence"][1]["redacted"] == true);
    std::string text = render_mustache(std::string(builtin_templates()[0].text), m, false, "t");
    CHECK(text.find("b.png（内容已删除，仅存哈希）") != std::string::npos);
    CHECK(text.find("a.png（内容已删除") == std::string::npos);
}
