// The state machine of DESIGN.md "States": which moves a word means, and which are refused.
#include "complain/domain/state.hpp"
#include "complain/error.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace complain;

TEST_CASE("verbs and state names both name a move") {
    CHECK(action_for("answer", State::open) == Action::answer);
    CHECK(action_for("answered", State::open) == Action::answer);
    CHECK(action_for("pause", State::open) == Action::pause);
    CHECK(action_for("paused", State::open) == Action::pause);
    CHECK(action_for("resume", State::paused) == Action::resume);
    CHECK(action_for("open", State::paused) == Action::resume);
    CHECK(action_for("resolve", State::answered) == Action::resolve);
    CHECK(action_for("resolved", State::answered) == Action::resolve);
    CHECK(action_for("drop", State::paused) == Action::drop);
    CHECK(action_for("dropped", State::open) == Action::drop);
    CHECK(action_for("reopen", State::resolved) == Action::reopen);
    CHECK(action_for("open", State::dropped) == Action::reopen);
    // A new promise answers an answered complaint again; nothing else moves with one.
    CHECK(action_for("answer", State::answered, true) == Action::answer);
    CHECK(action_for("answered", State::answered, true) == Action::answer);
    CHECK(action_for("answer", State::open, true) == Action::answer);
    CHECK_THROWS_AS(action_for("answer", State::resolved, true), Error);
    CHECK_THROWS_AS(action_for("reopen", State::answered, true), Error);
}

TEST_CASE("each move leads where DESIGN.md says") {
    CHECK(target_of(Action::answer) == State::answered);
    CHECK(target_of(Action::pause) == State::paused);
    CHECK(target_of(Action::resume) == State::open);
    CHECK(target_of(Action::resolve) == State::resolved);
    CHECK(target_of(Action::drop) == State::dropped);
    CHECK(target_of(Action::reopen) == State::open);
    CHECK(is_closed(State::resolved));
    CHECK(is_closed(State::dropped));
    CHECK_FALSE(is_closed(State::paused));
    for (State s : all_states()) {
        CHECK(parse_state(to_string(s)) == s);
        CHECK(may_escalate(s));
    }
    CHECK_FALSE(parse_state("closed"));
}

TEST_CASE("a move the machine does not allow says which moves are") {
    auto refusal = [](std::string_view word, State from) -> std::string {
        try {
            action_for(word, from);
        } catch (const Error& e) {
            CHECK(e.code() == Exit::usage);
            return e.what();
        }
        return "allowed";
    };
    // Only an open clock can pause; a paused one cannot pause again.
    CHECK(refusal("pause", State::paused) ==
          "cannot pause a complaint that is paused: from paused the moves are resume, drop, or "
          "escalate");
    CHECK(refusal("resume", State::open).starts_with("cannot resume a complaint that is open"));
    CHECK(refusal("reopen", State::open).starts_with("cannot reopen"));
    CHECK(refusal("answer", State::resolved).starts_with("cannot answer"));
    CHECK(refusal("answer", State::answered) ==
          "a complaint that is answered takes another answer only with a new promise "
          "(--follow-up DURATION); from answered the moves are resolve, drop, or escalate");
    CHECK(refusal("closed", State::open).find("is not a state") != std::string::npos);
    CHECK(allowed_actions(State::resolved) == std::vector<Action>{Action::reopen});
}
