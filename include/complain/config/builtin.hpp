// The built-in configuration as a TOML table, built by code that cmake/embed_config.cpp writes
// from data/default-config.toml at build time. Private to src/config/ (and its unit test): the
// rest of complain sees the built-in values through Config.
#pragma once

#include <toml++/toml.h>

namespace complain {

// data/default-config.toml's table, as toml::parse would read it: the same keys and values, each
// key with its line and column in the file.
toml::table default_config_table();

} // namespace complain
