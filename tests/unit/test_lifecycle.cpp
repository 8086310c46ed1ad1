// The lifecycle rules (filing, pause and resume, reopen, back-dating, escalation) through a Session
// with a fixed clock and a store in memory: what a user would see, without a disk.
#include "complain/app/lifecycle.hpp"
#include "complain/app/records.hpp"
#include "complain/app/session.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace complain;

namespace {

// One user's desk: a store in memory and a clock that moves only when told to. Each command runs
// in a Session of its own, as each `complain` process does.
struct Desk {
    MemoryStore memory;
    Zone zone = find_zone("Asia/Shanghai");
    Instant now = at("2026-11-23T10:00:00+08:00"); // a Monday
    std::ostringstream out, err;
    Output output{out, err, ColorMode::never, false, 0};

    Instant at(std::string_view text) const { return parse_instant(text, zone); }
    std::string iso(std::optional<Instant> t) const { return t ? format_iso(*t, zone) : "none"; }

    Session session() {
        return Session(
            GlobalOptions{.db = "in memory", .config = {}}, output,
            Environment(std::map<std::string, std::string, std::less<>>{{"TZ", "Asia/Shanghai"}}),
            [this] { return now; },
            [this](const std::filesystem::path&, Store::Access access,
                   const std::vector<std::int64_t>&) { return memory.open(access); });
    }

    Complaint file(Filing f) {
        Session s = session();
        Complaint c = file_complaint(s, f);
        s.commit(); // as the command does: the rules leave the commit to it
        return c;
    }
    StateChanged change(std::int64_t id, std::string word, std::optional<std::string> when = {}) {
        Session s = session();
        StateChanged done =
            change_state(s, {.id = id, .word = std::move(word), .at = std::move(when)});
        s.commit();
        return done;
    }
    Escalation escalate(EscalationRequest r) {
        Session s = session();
        Escalation e = complain::escalate(s, r);
        s.commit();
        return e;
    }
    Record record(std::int64_t id) {
        Session s = session();
        return load_record(s, id);
    }
    std::vector<std::string> kinds(std::int64_t id) {
        std::vector<std::string> out;
        for (const auto& e : record(id).events)
            out.push_back(e.kind);
        return out;
    }
};

template <class F> Exit failure_of(F&& run) {
    try {
        run();
    } catch (const Error& e) {
        return e.code();
    }
    return Exit::ok;
}

} // namespace

TEST_CASE("filing starts the channel's clock: hours as elapsed time, working days to 24:00") {
    Desk desk;
    Complaint c = desk.file({.title = "退款被拒"});
    CHECK(c.channel == "seller"); // the config's default channel
    CHECK(c.state == State::open);
    CHECK(c.level == 1);
    CHECK(desk.iso(c.clock.due) == "2026-11-25T10:00:00+08:00"); // 48h

    // Thursday 26th + 7 working days = Monday 7 December, due at its end.
    desk.now = desk.at("2026-11-26T15:00:00+08:00");
    Complaint written = desk.file(
        {.title = "书面投诉", .channel = "taobao-written", .at = "2026-11-26T12:00:00+08:00"});
    CHECK(desk.iso(written.clock.due) == "2026-12-08T00:00:00+08:00");
    CHECK(desk.iso(written.created) == "2026-11-26T12:00:00+08:00");

    Record r = desk.record(c.id);
    CHECK(r.complaint.title == "退款被拒");
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].kind == "filed");
    CHECK(r.events[0].new_value == "seller");
    CHECK(desk.iso(r.events[0].due) == "2026-11-25T10:00:00+08:00");

    CHECK(failure_of([&] { desk.file({.title = "x", .channel = "nowhere"}); }) == Exit::not_found);
    CHECK(failure_of([&] { desk.file({.title = "  "}); }) == Exit::usage);
    Session s = desk.session();
    CHECK(list_complaints(s, {}).size() == 2); // the refused ones left nothing
}

TEST_CASE("a pause stops the clock; resuming extends the due by the time paused") {
    Desk desk;
    Complaint c = desk.file({.title = "快递丢件"});
    desk.now = desk.at("2026-11-23T20:00:00+08:00");
    StateChanged paused = desk.change(c.id, "pause");
    CHECK(paused.from == State::open);
    CHECK(paused.complaint.state == State::paused);

    // Past the original due, a paused complaint is not overdue: the channel waits on the user.
    desk.now = desk.at("2026-11-25T11:00:00+08:00");
    CHECK_FALSE(desk.record(c.id).complaint.overdue(desk.now));

    // Paused 24 hours, resumed a day and a half later than the pause began.
    desk.now = desk.at("2026-11-25T12:00:00+08:00");
    StateChanged resumed = desk.change(c.id, "resume", "2026-11-24T20:00:00+08:00");
    CHECK(resumed.complaint.state == State::open);
    CHECK(desk.iso(resumed.complaint.clock.due) == "2026-11-26T10:00:00+08:00");
    Record r = desk.record(c.id);
    CHECK(desk.iso(r.complaint.clock.due) == "2026-11-26T10:00:00+08:00");
    CHECK_FALSE(r.complaint.overdue(desk.now));
    CHECK(desk.kinds(c.id) == std::vector<std::string>{"filed", "paused", "resumed"});
    CHECK(desk.iso(r.events[2].due) == "2026-11-26T10:00:00+08:00");
}

TEST_CASE("reopening a closed complaint starts the channel's clock again") {
    Desk desk;
    Complaint c = desk.file({.title = "假货"});
    desk.now = desk.at("2026-11-24T09:00:00+08:00");
    CHECK(failure_of([&] { desk.change(c.id, "resolve"); }) == Exit::usage); // not answered
    desk.change(c.id, "answer");
    CHECK(desk.change(c.id, "resolve").complaint.state == State::resolved);
    CHECK(failure_of([&] { desk.change(c.id, "pause"); }) == Exit::usage);

    desk.now = desk.at("2026-11-30T08:00:00+08:00");
    StateChanged reopened = desk.change(c.id, "reopen");
    CHECK(reopened.from == State::resolved);
    CHECK(reopened.complaint.state == State::open);
    CHECK(desk.iso(reopened.complaint.clock.started) == "2026-11-30T08:00:00+08:00");
    CHECK(desk.iso(reopened.complaint.clock.due) == "2026-12-02T08:00:00+08:00");
    CHECK(desk.kinds(c.id) == std::vector<std::string>{"filed", "answered", "state", "state"});
}

TEST_CASE("back-dating is refused before the last change and in the future, recording nothing") {
    Desk desk;
    desk.now = desk.at("2026-11-22T09:00:00+08:00");
    Complaint c = desk.file({.title = "back-dated", .at = "2026-11-20T09:00:00+08:00"});
    desk.now = desk.at("2026-11-22T10:00:00+08:00");
    desk.change(c.id, "answer", "2026-11-21T09:00:00+08:00");

    CHECK(failure_of([&] { desk.change(c.id, "resolve", "2026-11-21T08:59:00+08:00"); }) ==
          Exit::usage); // before the answer
    CHECK(failure_of([&] { desk.change(c.id, "resolve", "2026-11-22T10:00:01+08:00"); }) ==
          Exit::usage); // a second in the future
    CHECK(failure_of([&] { desk.escalate({.id = c.id, .at = "2026-11-20T10:00:00+08:00"}); }) ==
          Exit::usage);
    CHECK(desk.kinds(c.id) == std::vector<std::string>{"filed", "answered"});
    CHECK(desk.record(c.id).complaint.state == State::answered);

    // At the last change itself is allowed: a timeline may have two things at one instant.
    StateChanged done = desk.change(c.id, "resolve", "2026-11-21T09:00:00+08:00");
    CHECK(desk.iso(done.event.at) == "2026-11-21T09:00:00+08:00");
    CHECK(desk.iso(done.event.recorded) == "2026-11-22T10:00:00+08:00");
}

TEST_CASE("escalation moves to the next rung with a new deadline; a dry run writes nothing") {
    Desk desk;
    Complaint c = desk.file({.title = "卖家不理"});
    desk.now = desk.at("2026-11-25T11:00:00+08:00");
    CHECK(desk.record(c.id).complaint.overdue(desk.now));

    Escalation dry = desk.escalate({.id = c.id, .dry_run = true});
    CHECK(dry.complaint.channel == "taobao-app");
    CHECK_FALSE(dry.written);
    CHECK(desk.record(c.id).complaint.channel == "seller");

    Escalation up = desk.escalate({.id = c.id, .text = "seller ignored the refund request"});
    CHECK(up.written);
    CHECK(up.from == "seller");
    CHECK(up.complaint.channel == "taobao-app");
    CHECK(up.complaint.level == 2);
    CHECK(up.complaint.state == State::open);
    CHECK(desk.iso(up.complaint.clock.due) == "2026-11-26T11:00:00+08:00"); // 24h
    Record r = desk.record(c.id);
    REQUIRE(r.events.size() == 2);
    CHECK(r.events[1].kind == "escalated");
    CHECK(r.events[1].old_value == "seller");
    CHECK(r.events[1].new_value == "taobao-app");
    CHECK(r.events[1].text == "seller ignored the refund request");

    Escalation named = desk.escalate({.id = c.id, .to = "court"});
    CHECK(named.complaint.level == 3);
    CHECK(failure_of([&] { desk.escalate({.id = c.id}); }) == Exit::usage); // the top
    CHECK(failure_of([&] { desk.escalate({.id = c.id, .to = "court"}); }) == Exit::usage);
    CHECK(failure_of([&] { desk.escalate({.id = 99}); }) == Exit::not_found);
}
