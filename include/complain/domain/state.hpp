// Complaint states and the transitions between them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

enum class State { open, answered, paused, resolved, dropped };

// The verbs of `status ID STATE`; escalation is a command of its own.
enum class Action { answer, pause, resume, resolve, drop, reopen };

std::string_view to_string(State s);
std::string_view to_string(Action a);
std::optional<State> parse_state(std::string_view word);
const std::vector<State>& all_states();
bool is_closed(State s); // resolved or dropped

State target_of(Action a);
// Whether the action may be taken from `from`.
bool allowed(State from, Action a);
// The actions allowed from `from`, for "allowed from here" in errors.
std::vector<Action> allowed_actions(State from);
// Maps a word of `status ID WORD` to the action it means from `from`: a verb ("resolve") or the
// state to move to ("resolved"; "open" means resume from paused and reopen from a closed state).
// Throws Error(usage) for a word that is neither, or a move the state machine does not allow.
// `promise`: the move brings a new promise of the channel (a follow-up), which an answered
// complaint takes as another answer; without one it answers only open or paused complaints.
Action action_for(std::string_view word, State from, bool promise = false);
// The words action_for knows: the verbs, then the states.
const std::vector<std::string_view>& state_words();
bool is_state_word(std::string_view word);
// Which states may escalate: all of them; escalation reopens at the next channel.
inline bool may_escalate(State) {
    return true;
}

} // namespace complain
