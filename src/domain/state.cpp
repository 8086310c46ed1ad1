// The state machine of DESIGN.md "States".
#include "complain/domain/state.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {
namespace {

struct Move {
    Action action;
    State from;
};

// open -answer-> answered -resolve-> resolved; open -pause-> paused -resume-> open;
// any -drop-> dropped; resolved/dropped -reopen-> open.
constexpr std::array<Move, 9> moves{{
    {Action::answer, State::open},
    {Action::pause, State::open},
    {Action::resume, State::paused},
    {Action::resolve, State::answered},
    {Action::drop, State::open},
    {Action::drop, State::answered},
    {Action::drop, State::paused},
    {Action::reopen, State::resolved},
    {Action::reopen, State::dropped},
}};

constexpr std::array<Action, 6> actions{Action::answer,  Action::pause, Action::resume,
                                        Action::resolve, Action::drop,  Action::reopen};

} // namespace

std::string_view to_string(State s) {
    switch (s) {
    case State::open:
        return "open";
    case State::answered:
        return "answered";
    case State::paused:
        return "paused";
    case State::resolved:
        return "resolved";
    case State::dropped:
        return "dropped";
    }
    return "";
}

std::string_view to_string(Action a) {
    switch (a) {
    case Action::answer:
        return "answer";
    case Action::pause:
        return "pause";
    case Action::resume:
        return "resume";
    case Action::resolve:
        return "resolve";
    case Action::drop:
        return "drop";
    case Action::reopen:
        return "reopen";
    }
    return "";
}

const std::vector<State>& all_states() {
    static const std::vector<State> states{State::open, State::answered, State::paused,
                                           State::resolved, State::dropped};
    return states;
}

std::optional<State> parse_state(std::string_view word) {
    for (State s : all_states())
        if (to_string(s) == word) return s;
    return std::nullopt;
}

bool is_closed(State s) {
    return s == State::resolved || s == State::dropped;
}

State target_of(Action a) {
    switch (a) {
    case Action::answer:
        return State::answered;
    case Action::pause:
        return State::paused;
    case Action::resume:
        return State::open;
    case Action::resolve:
        return State::resolved;
    case Action::drop:
        return State::dropped;
    case Action::reopen:
        return State::open;
    }
    return State::open;
}

bool allowed(State from, Action a) {
    for (const Move& m : moves)
        if (m.action == a && m.from == from) return true;
    return false;
}

std::vector<Action> allowed_actions(State from) {
    std::vector<Action> out;
    for (Action a : actions)
        if (allowed(from, a)) out.push_back(a);
    return out;
}

const std::vector<std::string_view>& state_words() {
    static const std::vector<std::string_view> words = [] {
        std::vector<std::string_view> out;
        for (Action a : actions)
            out.push_back(to_string(a));
        for (State st : all_states())
            out.push_back(to_string(st));
        return out;
    }();
    return words;
}

bool is_state_word(std::string_view word) {
    const auto& words = state_words();
    return std::find(words.begin(), words.end(), word) != words.end();
}

Action action_for(std::string_view word, State from, bool promise) {
    std::optional<Action> action;
    for (Action a : actions)
        if (to_string(a) == word) action = a;
    if (!action) {
        if (word == "open")
            action = from == State::paused ? Action::resume : Action::reopen;
        else if (auto s = parse_state(word))
            for (Action a : actions)
                if (target_of(a) == *s && a != Action::resume && a != Action::reopen) action = a;
    }
    if (!action)
        throw Error(Exit::usage,
                    trf("'{}' is not a state: use answer, pause, resume, resolve, drop or "
                        "reopen (or answered, paused, open, resolved, dropped)",
                        word));
    // The channel, its promise broken, promises again (商家又承诺两天内退款): another answer, whose
    // follow-up replaces the last.
    if (from == State::answered && *action == Action::answer && promise) return *action;
    if (!allowed(from, *action)) {
        std::vector<std::string_view> words;
        for (Action a : allowed_actions(from))
            words.push_back(to_string(a));
        if (from == State::answered && *action == Action::answer)
            throw Error(Exit::usage,
                        trf("a complaint that is answered takes another answer only with a new "
                            "promise (--follow-up DURATION); from answered the moves are {}, or "
                            "escalate",
                            fmt::join(words, ", ")));
        throw Error(Exit::usage,
                    trf("cannot {} a complaint that is {}: from {} the moves are {}, or "
                        "escalate",
                        to_string(*action), to_string(from), to_string(from),
                        fmt::join(words, ", ")));
    }
    return *action;
}

} // namespace complain
