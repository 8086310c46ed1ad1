// The configuration written as TOML, in the config layer's own format.
#pragma once

#include "complain/config/config.hpp"

#include <string>
#include <vector>

namespace complain {

// The configuration in effect as TOML that reads back as the same config, each part with where it
// was set in a comment; `header` lines come first, as comments. Control characters in values are
// TOML escapes, and in comments the same escapes as text: a terminal never obeys them.
std::string config_toml(const Config& c, const std::vector<std::string>& header = {});

} // namespace complain
