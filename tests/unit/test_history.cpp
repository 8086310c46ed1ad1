// The timeline is the truth: changes recorded on events, and replay of a complaint's events into
// its row (order, retractions, the updated instant), without a store.
#include "complain/domain/history.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace complain;

namespace {

Instant utc(std::string_view text) {
    return parse_utc(text);
}

Complaint filed_row() {
    Complaint c;
    c.title = "退款被拒";
    c.channel = "seller";
    c.state = State::open;
    c.created = utc("2026-11-20T02:00:00Z");
    c.tags = {"taobao"};
    c.amount = 19900;
    c.currency = "CNY";
    c.clock.deadline = "48h";
    c.clock.due = utc("2026-11-22T02:00:00Z");
    return c;
}

Event event(std::string uuid, std::string kind, std::string_view at, std::string change = {}) {
    Event e;
    e.uuid = std::move(uuid);
    e.kind = std::move(kind);
    e.at = e.recorded = utc(at);
    e.change = std::move(change);
    return e;
}

Event filing() {
    Complaint c = filed_row();
    return event("01-filed", "filed", "2026-11-20T02:00:00Z", row_change(nullptr, c));
}

Event retraction(std::string uuid, std::string_view at, std::vector<std::string> targets) {
    Event e = event(std::move(uuid), "retracted", at);
    e.retracts = std::move(targets);
    return e;
}

} // namespace

TEST_CASE("a filing's change holds every field, and replay gives the row back") {
    Complaint c = filed_row();
    auto change = nlohmann::json::parse(row_change(nullptr, c));
    CHECK(change["title"] == "退款被拒");
    CHECK(change["amount"] == 19900);
    CHECK(change["recovered"].is_null());
    CHECK(change["tags"] == nlohmann::json::array({"taobao"}));
    CHECK(change["due"] == "2026-11-22T02:00:00Z");
    CHECK(change.size() == 27);
    CHECK(change["credit_code"] == "");
    CHECK(change["follow_up"] == false);
    Replayed r = replay({filing()});
    CHECK(r.filed);
    CHECK_FALSE(r.row.undone);
    CHECK(row_change(&c, r.row).empty()); // nothing differs
    CHECK(r.row.updated == utc("2026-11-20T02:00:00Z"));
}

TEST_CASE("a change names only the fields that differ") {
    Complaint before = filed_row(), after = before;
    CHECK(row_change(&before, after).empty());
    after.state = State::answered;
    after.clock.due.reset();
    CHECK(row_change(&before, after) == R"({"due":null,"state":"answered"})");
}

TEST_CASE("replay follows at, then recorded, then UUID, whatever order the events come in") {
    Event title_a = event("03-a", "edited", "2026-11-21T00:00:00Z", R"({"title":"A"})");
    Event title_b = event("02-b", "edited", "2026-11-21T00:00:00Z", R"({"title":"B"})");
    // Same `at` and `recorded`: the greater UUID is later, and its title stands.
    CHECK(replay({title_a, filing(), title_b}).row.title == "A");
    CHECK(replay({title_b, title_a, filing()}).row.title == "A");
    // A back-dated edit recorded later still replays at the moment it happened.
    Event backdated = event("09-c", "edited", "2026-11-20T12:00:00Z", R"({"title":"C"})");
    backdated.recorded = utc("2026-11-23T00:00:00Z");
    Replayed r = replay({filing(), title_a, backdated});
    CHECK(r.row.title == "A");
    CHECK(r.row.updated == utc("2026-11-23T00:00:00Z")); // the last one written down
    CHECK(r.events[1].uuid == "09-c");
}

TEST_CASE("a retraction cancels its events; a retraction of it makes them stand again") {
    Event answered = event("02-ans", "answered", "2026-11-21T00:00:00Z", R"({"state":"answered"})");
    Event undo = retraction("03-undo", "2026-11-21T01:00:00Z", {"02-ans"});
    Replayed once = replay({filing(), answered, undo});
    CHECK(once.row.state == State::open);
    CHECK(once.events[1].cancelled);
    CHECK_FALSE(once.events[2].cancelled);
    CHECK(once.row.updated == utc("2026-11-20T02:00:00Z")); // as if it had not happened
    Event redo = retraction("04-redo", "2026-11-21T02:00:00Z", {"03-undo"});
    Replayed twice = replay({filing(), answered, undo, redo});
    CHECK(twice.row.state == State::answered);
    CHECK_FALSE(twice.events[1].cancelled);
    CHECK(twice.events[2].cancelled);
    Event again = retraction("05-undo", "2026-11-21T03:00:00Z", {"04-redo"});
    CHECK(replay({filing(), answered, undo, redo, again}).row.state == State::open);
}

TEST_CASE("a follow-up comes from the answer that set it: undo takes it back, a flag names it") {
    Event answered = event("02-ans", "answered", "2026-11-20T04:00:00Z",
                           R"({"state":"answered","follow_up":true,"deadline":"3d",)"
                           R"("due":"2026-11-23T16:00:00Z"})");
    Replayed r = replay({filing(), answered});
    CHECK(r.row.follow_up);
    CHECK(r.row.running());
    CHECK(r.row.overdue(utc("2026-11-24T00:00:00Z")));
    CHECK_FALSE(r.row.overdue(utc("2026-11-23T00:00:00Z")));
    CHECK_FALSE(r.row.flagged);
    // Flagged for the promise's due, not for the channel's before it.
    Event old_flag = event("03-flag", "flagged-overdue", "2026-11-23T00:00:00Z");
    old_flag.due = utc("2026-11-22T02:00:00Z");
    CHECK_FALSE(replay({filing(), answered, old_flag}).row.flagged);
    Event flag = event("04-flag", "flagged-overdue", "2026-11-24T00:00:00Z");
    flag.due = utc("2026-11-23T16:00:00Z");
    CHECK(replay({filing(), answered, flag}).row.flagged);
    // Undone, the complaint is open at its channel's clock again.
    Replayed undone =
        replay({filing(), answered, retraction("05-undo", "2026-11-20T05:00:00Z", {"02-ans"})});
    CHECK_FALSE(undone.row.follow_up);
    CHECK(undone.row.state == State::open);
    CHECK(undone.row.clock.due == utc("2026-11-22T02:00:00Z"));
    // Resolved: the promise no longer runs, overdue or not.
    Event resolved = event("06-res", "state", "2026-11-25T00:00:00Z",
                           R"({"state":"resolved","follow_up":false})");
    Replayed closed = replay({filing(), answered, resolved});
    CHECK_FALSE(closed.row.running());
    CHECK_FALSE(closed.row.overdue(utc("2026-11-26T00:00:00Z")));
}

TEST_CASE("a cancelled filing leaves the complaint undone; flags do not make it updated") {
    Event flag = event("02-flag", "flagged-overdue", "2026-11-22T02:00:00Z");
    Replayed flagged = replay({filing(), flag});
    CHECK(flagged.row.updated == utc("2026-11-20T02:00:00Z"));
    Replayed r = replay({filing(), retraction("03-undo", "2026-11-21T00:00:00Z", {"01-filed"})});
    CHECK(r.filed);
    CHECK(r.row.undone);
    CHECK(r.row.title == "退款被拒"); // its facts stay, to name it where it is mentioned
    CHECK(r.row.created == utc("2026-11-20T02:00:00Z"));
}

TEST_CASE("a change complain cannot read is an integrity error") {
    Complaint c;
    CHECK_THROWS_AS(apply_change(c, "not json"), Error);
    CHECK_THROWS_AS(apply_change(c, R"({"colour":"red"})"), Error);
    CHECK_THROWS_AS(apply_change(c, R"({"state":"lost"})"), Error);
    CHECK_THROWS_AS(apply_change(c, R"({"level":"two"})"), Error);
    try {
        apply_change(c, R"({"due":"yesterday"})");
        FAIL("a malformed instant was applied");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::integrity);
        CHECK(std::string(e.what()).find("due") != std::string::npos);
    }
}

TEST_CASE("UUIDs are version 7 and each is greater than the one before") {
    std::string last = new_uuid();
    CHECK(last.size() == 36);
    CHECK(last[14] == '7');
    for (int i = 0; i < 5000; ++i) {
        std::string next = new_uuid();
        REQUIRE(next > last);
        last = next;
    }
}
