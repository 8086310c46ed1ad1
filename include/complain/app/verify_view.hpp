// How `complain verify` reports what it found, to people and to programs, so that the command
// only runs the check and prints through Output.
#pragma once

#include "complain/store/evidence.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace complain {

// {"ok", "blobs", "bytes", "integrity": [...], "problems": [{"sha256", "problem", "evidence":
// [{"complaint", "name"}]}]}: the JSON verify has printed since its first release.
nlohmann::ordered_json verification_json(const Verification& v);
// One line per problem, user text shown through terminal_text, then "ok: ..." when there is none.
std::vector<std::string> verification_lines(const Verification& v);

} // namespace complain
