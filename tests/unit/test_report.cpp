// Reports: stints and their outcomes, summaries, the iCalendar text rules, the dossier's escaping.
#include "complain/app/dossier.hpp"
#include "complain/app/report.hpp"
#include "complain/config/config.hpp"
#include "complain/output/output.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace complain;

namespace {

Instant utc(const char* text) {
    return parse_utc(text);
}

Event event(const char* at, std::string_view kind, std::string to = "",
            std::optional<Instant> due = {}) {
    Event e;
    e.at = e.recorded = utc(at);
    e.kind = std::string(kind);
    e.new_value = std::move(to);
    e.due = due;
    return e;
}

// Filed with the seller (due in 48h), escalated to taobao-app after the due, answered there in
// time, then resolved.
ComplaintHistory climbed() {
    ComplaintHistory h;
    Complaint& c = h.complaint;
    c.id = 1;
    c.channel = "taobao-app";
    c.level = 2;
    c.state = State::resolved;
    c.created = utc("2026-11-01T02:00:00Z");
    c.amount = 19900;
    c.recovered = 12000;
    c.currency = "CNY";
    c.category = "refund";
    c.clock.due = utc("2026-11-04T03:00:00Z");
    h.events = {
        event("2026-11-01T02:00:00Z", event_kind::filed, "seller", utc("2026-11-03T02:00:00Z")),
        event("2026-11-03T03:00:00Z", event_kind::escalated, "taobao-app",
              utc("2026-11-04T03:00:00Z")),
        event("2026-11-03T09:00:00Z", event_kind::answered, "answered",
              utc("2026-11-04T03:00:00Z")),
        event("2026-11-03T10:00:00Z", event_kind::state, "resolved", utc("2026-11-04T03:00:00Z")),
    };
    return h;
}

// Filed with the seller and still open, overdue at `now`.
ComplaintHistory overdue_one() {
    ComplaintHistory h;
    Complaint& c = h.complaint;
    c.id = 2;
    c.channel = "seller";
    c.state = State::open;
    c.created = utc("2026-11-10T00:00:00Z");
    c.amount = 5000;
    c.currency = "CNY";
    c.clock.due = utc("2026-11-12T00:00:00Z");
    h.events = {
        event("2026-11-10T00:00:00Z", event_kind::filed, "seller", utc("2026-11-12T00:00:00Z"))};
    return h;
}

const Instant now = utc("2026-11-20T00:00:00Z");

} // namespace

TEST_CASE("stints: a missed seller deadline, then a platform that answered in time") {
    auto h = climbed();
    auto st = stints(h.complaint, h.events, now);
    REQUIRE(st.size() == 2);
    CHECK(st[0].channel == "seller");
    CHECK(st[0].level == 1);
    CHECK(st[0].outcome == Stint::Outcome::missed);
    CHECK(st[0].end == utc("2026-11-03T03:00:00Z"));
    CHECK(st[1].channel == "taobao-app");
    CHECK(st[1].level == 2);
    CHECK(st[1].answered == utc("2026-11-03T09:00:00Z"));
    CHECK(st[1].outcome == Stint::Outcome::met);
}

TEST_CASE("stints: an answer note counts; late answers miss; leaving early decides nothing") {
    auto h = overdue_one();
    CHECK(stints(h.complaint, h.events, now)[0].outcome == Stint::Outcome::missed);
    CHECK(stints(h.complaint, h.events, utc("2026-11-11T00:00:00Z"))[0].outcome ==
          Stint::Outcome::pending);

    auto late = h;
    late.events.push_back(event("2026-11-13T00:00:00Z", event_kind::answer));
    auto st = stints(late.complaint, late.events, now);
    CHECK(st[0].answered == utc("2026-11-13T00:00:00Z"));
    CHECK(st[0].outcome == Stint::Outcome::missed);

    auto on_time = h;
    on_time.events.push_back(event("2026-11-12T00:00:00Z", event_kind::answer)); // at the due
    CHECK(stints(on_time.complaint, on_time.events, now)[0].outcome == Stint::Outcome::met);

    auto early = h;
    early.events.push_back(event("2026-11-11T00:00:00Z", event_kind::escalated, "taobao-app",
                                 utc("2026-11-12T00:00:00Z")));
    early.complaint.channel = "taobao-app";
    early.complaint.state = State::answered;
    st = stints(early.complaint, early.events, now);
    REQUIRE(st.size() == 2);
    CHECK(st[0].outcome == Stint::Outcome::left_early);
}

TEST_CASE("stints: a resume moves the due in force; a reopening starts a new stint") {
    auto h = overdue_one();
    h.events.push_back(event("2026-11-11T00:00:00Z", event_kind::paused, "paused"));
    h.events.push_back(
        event("2026-11-12T12:00:00Z", event_kind::resumed, "open", utc("2026-11-13T12:00:00Z")));
    h.events.push_back(event("2026-11-13T00:00:00Z", event_kind::answered, "answered"));
    h.events.push_back(event("2026-11-13T01:00:00Z", event_kind::state, "resolved"));
    h.events.push_back(
        event("2026-11-14T00:00:00Z", event_kind::state, "open", utc("2026-11-16T00:00:00Z")));
    h.complaint.clock.due = utc("2026-11-16T00:00:00Z");
    auto st = stints(h.complaint, h.events, now);
    REQUIRE(st.size() == 2);
    CHECK(st[0].due == utc("2026-11-13T12:00:00Z"));
    CHECK(st[0].outcome == Stint::Outcome::met); // answered before the extended due
    CHECK(st[1].channel == "seller");
    CHECK(st[1].level == 1);
    CHECK(st[1].outcome == Stint::Outcome::missed); // open, and now is past its due
}

TEST_CASE("summaries count per channel, state, category and currency") {
    Config config = Config::from_text("", "empty.toml");
    Summary s = summarize({climbed(), overdue_one()}, config, now);
    CHECK(s.complaints == 2);
    REQUIRE(s.channels.size() == 2);
    const ChannelSummary& seller = s.channels[0]; // the config's order
    CHECK(seller.key == "seller");
    CHECK(seller.filed == 2);
    CHECK(seller.open == 1);
    CHECK(seller.overdue == 1);
    CHECK(seller.answered == 0);
    CHECK(seller.decided == 2);
    CHECK(seller.in_time_percent() == doctest::Approx(0));
    CHECK(median_text(seller) == "");
    const ChannelSummary& app = s.channels[1];
    CHECK(app.key == "taobao-app");
    CHECK(app.answered == 1);
    CHECK(app.in_time == 1);
    CHECK(percent_text(app) == "100%");
    CHECK(median_text(app) == "6h"); // escalated 03:00, answered 09:00
    CHECK(s.states[0] == std::pair{State::open, 1});
    CHECK(s.states[3] == std::pair{State::resolved, 1});
    REQUIRE(s.categories.size() == 2);
    CHECK(s.categories[0].category == "refund");
    CHECK(s.categories[1].category == ""); // no category goes last
    REQUIRE(s.amounts.size() == 1);
    CHECK(s.amounts[0].claimed == 24900);
    CHECK(s.amounts[0].in_dispute == 5000);
    CHECK(s.amounts[0].recovered == 12000);

    auto j = summary_json(s, config.zone());
    CHECK(j["channels"][1]["median_to_answer"] == 6.0);
    CHECK(j["channels"][1]["unit"] == "hours");
    CHECK(j["amounts"][0]["recovered"] == "120.00");
}

TEST_CASE("the in-time chart aligns bars after CJK labels") {
    Summary s;
    ChannelSummary a;
    a.name = "淘宝 App 投诉";
    a.in_time = 1;
    a.decided = 2;
    ChannelSummary b;
    b.name = "email";
    b.in_time = 3;
    b.decided = 3;
    s.channels = {a, b};
    std::istringstream chart(in_time_chart(s, false, 16, 8));
    std::string first, second;
    std::getline(chart, first);
    std::getline(chart, second);
    CHECK(first.starts_with("淘宝 App 投诉     ████░░░░"));
    CHECK(second.starts_with("email             ████████"));
    CHECK(display_width(first.substr(0, first.find("  5"))) ==
          display_width(second.substr(0, second.find(" 10"))));
}

TEST_CASE("iCalendar text: escaping and folding at 75 octets") {
    CHECK(ics_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    CHECK(ics_text("line\r\nnext\x01") == "line\\nnext");
    std::string folded = ics_fold(std::string(80, 'x'));
    CHECK(folded == std::string(75, 'x') + "\r\n " + std::string(5, 'x') + "\r\n");
    // 30 three-octet characters: never cut inside one.
    std::string cjk;
    for (int i = 0; i < 30; ++i)
        cjk += "投";
    folded = ics_fold("SUMMARY:" + cjk);
    auto cut = folded.find("\r\n ");
    REQUIRE(cut != std::string::npos);
    CHECK(cut <= 75);
    CHECK((cut - 8) % 3 == 0);
    CHECK(valid_utf8(folded.substr(0, cut)));
    // Every line of a long mixed text: at most 75 octets with its leading space, valid UTF-8,
    // and the text back whole once unfolded.
    std::string mixed;
    for (int i = 0; i < 200; ++i)
        mixed += i % 7 == 0 ? "退款" : (i % 11 == 0 ? "\xf0\x9f\x93\xa6" : "ab");
    folded = ics_fold("DESCRIPTION:" + mixed);
    REQUIRE(folded.ends_with("\r\n"));
    std::string unfolded;
    size_t start = 0;
    for (size_t end; (end = folded.find("\r\n", start)) != std::string::npos; start = end + 2) {
        std::string one = folded.substr(start, end - start);
        CHECK(one.size() <= 75);
        CHECK(valid_utf8(one));
        // The first line is full up to the character that did not fit.
        if (start == 0) CHECK(one.size() > 71);
        unfolded += start == 0 ? one : one.substr(1);
    }
    CHECK(unfolded == "DESCRIPTION:" + mixed);
    CHECK(ics_text("plain") == "plain");
    CHECK(ics_text("end\\") == "end\\\\");
    CHECK(ics_text("\r") == "\\n");
    // The escapes are looked for four octets at a time: each at every place of a value of one
    // to nine octets, beside UTF-8 and the control characters TEXT leaves out.
    for (size_t size = 1; size <= 9; ++size)
        for (size_t at = 0; at < size; ++at)
            for (auto [ch, instead] : {std::pair<char, std::string>{';', "\\;"},
                                       {',', "\\,"},
                                       {'\\', "\\\\"},
                                       {'\n', "\\n"},
                                       {'\x02', ""},
                                       {'\x7f', ""}}) {
                std::string text(size, 'x'), expected(at, 'x');
                text[at] = ch;
                expected += instead + std::string(size - at - 1, 'x');
                CHECK(ics_text(text) == expected);
                CHECK(ics_text("投" + text) == "投" + expected);
            }
    CHECK(ics_text(";;,x\\") == "\\;\\;\\,x\\\\");
}

TEST_CASE("dossier escaping: HTML, Markdown, base64") {
    CHECK(html_escape("<script>alert('x')</script> & \"") ==
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;");
    CHECK(markdown_escape("*bold* <b>|x|\nnext") == "\\*bold\\* \\<b>\\|x\\| next");
    // Control characters are shown, never obeyed, in either; the Markdown reads ^[ as on screen.
    CHECK(markdown_escape("x \x1b]0;T\a\x1b[2J") == "x ^[\\]0;T^G^[\\[2J");
    CHECK(html_escape("a\x1b[2J \xc2\x9b<") == "a^[[2J &lt;U+009B&gt;&lt;");
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("foobar") == "Zm9vYmFy");
}
