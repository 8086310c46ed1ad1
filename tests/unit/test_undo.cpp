// Undo through a Session with a fixed clock and a store in memory: the row after an undo is the
// replay without the command, a dry run predicts the written row, and undo of an undo redoes.
#include "complain/app/lifecycle.hpp"
#include "complain/app/records.hpp"
#include "complain/app/session.hpp"
#include "complain/app/undo.hpp"
#include "complain/domain/history.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace complain;

namespace {

struct Desk {
    MemoryStore memory;
    Zone zone = find_zone("Asia/Shanghai");
    Instant now = parse_instant("2026-11-23T10:00:00+08:00", zone);
    std::ostringstream out, err;
    Output output{out, err, ColorMode::never, false, 0};

    Session session() {
        return Session(
            GlobalOptions{.db = "in memory", .config = {}}, output,
            Environment(std::map<std::string, std::string, std::less<>>{{"TZ", "Asia/Shanghai"}}),
            [this] { return now; },
            [this](const std::filesystem::path&, Store::Access access,
                   const std::vector<std::int64_t>&) { return memory.open(access); });
    }
    template <class F> auto command(F&& f) {
        Session s = session();
        auto result = f(s);
        s.commit();
        return result;
    }
    Undone undo(UndoRequest r = {}) {
        return command([&](Session& s) { return complain::undo(s, r); });
    }
    Complaint row(std::int64_t id) {
        Session s = session();
        return *find_complaint(s, id);
    }
};

} // namespace

TEST_CASE("undo: the row is as before the command, and a dry run predicts it") {
    Desk d;
    Complaint c = d.command([](Session& s) { return file_complaint(s, {.title = "kettle"}); });
    std::string before = row_change(nullptr, d.row(c.id));
    d.now += std::chrono::hours(2);
    d.command([&](Session& s) {
        return change_state(s, {.id = c.id, .word = "pause", .at = "2026-11-23T11:00:00+08:00"});
    });
    Undone predicted = d.command(
        [&](Session& s) { return complain::undo(s, {.id = std::nullopt, .dry_run = true}); });
    CHECK_FALSE(predicted.written);
    CHECK(d.row(c.id).state == State::paused); // nothing written
    Undone done = d.undo();
    REQUIRE(done.complaints.size() == 1);
    CHECK(done.complaints[0].what == "paused (open -> paused)");
    CHECK(row_change(nullptr, d.row(c.id)) == before);
    CHECK(row_change(&predicted.complaints[0].after, done.complaints[0].after).empty());

    Undone redo = d.undo();
    CHECK(redo.redo);
    CHECK(redo.complaints[0].what == "redo: paused (open -> paused)");
    CHECK(d.row(c.id).state == State::paused);
    Undone again = d.undo();
    CHECK(again.complaints[0].what == "undo: paused (open -> paused)");
    CHECK(d.row(c.id).state == State::open);
}

TEST_CASE("undo ID takes back that complaint's last change only; nothing to undo is not found") {
    Desk d;
    Complaint a = d.command([](Session& s) { return file_complaint(s, {.title = "a"}); });
    Complaint b = d.command([](Session& s) { return file_complaint(s, {.title = "b"}); });
    d.command(
        [&](Session& s) { return add_note(s, {.id = a.id, .text = "on a", .kind = "note"}); });
    d.command(
        [&](Session& s) { return add_note(s, {.id = b.id, .text = "on b", .kind = "note"}); });
    Undone done = d.undo({.id = a.id});
    REQUIRE(done.complaints.size() == 1);
    CHECK(done.complaints[0].id == a.id);
    CHECK(done.complaints[0].what == "note \"on a\"");
    CHECK_THROWS_AS(d.undo({.id = 99}), Error);
    // A filing taken back: the row stays, marked undone; undo ID files it again.
    Complaint c = d.command([](Session& s) { return file_complaint(s, {.title = "c"}); });
    Undone filing = d.undo();
    CHECK(filing.complaints[0].what == "filed");
    CHECK(filing.complaints[0].after.undone);
    CHECK(d.row(c.id).undone);
    Undone again = d.undo({.id = c.id});
    CHECK(again.redo);
    CHECK_FALSE(d.row(c.id).undone);
    CHECK(d.row(c.id).title == "c");
}

TEST_CASE("describe_events: edits are named by field, notes are cut") {
    Event e1{.kind = "edited", .field = "title"};
    Event e2{.kind = "edited", .field = "against"};
    CHECK(describe_events({e1, e2}) == "edited title, against");
    Event note{.kind = "note", .text = std::string(60, 'x')};
    CHECK(describe_events({note}) == "note \"" + std::string(40, 'x') + "...\"");
    Event undo{.kind = "retracted", .text = "undo: filed"};
    CHECK(describe_events({undo}) == "redo: filed");
}
