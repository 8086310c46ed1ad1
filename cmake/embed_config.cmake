# Writes INPUT (the default config) into OUTPUT as a C++ string, so the binary needs no data files.
file(READ ${INPUT} text)
# Comment lines are left empty: the parser reads every byte at each start, and about a third of
# the file is comments. The lines stay where they are, so that a value's origin in
# `complain config show` (<built-in>:LINE:COLUMN) is its line in data/default-config.toml.
string(REGEX REPLACE "^[ \t]*#[^\n]*" "" text "${text}")
string(REGEX REPLACE "\n[ \t]*#[^\n]*" "\n" text "${text}")
set(delim "complain_toml")
string(FIND "${text}" ")${delim}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE ${OUTPUT} "// Generated from data/default-config.toml by cmake/embed_config.cmake.\n"
  "#include \"complain/config/config.hpp\"\n\n"
  "namespace complain {\nconst std::string_view default_config_toml = R\"${delim}(${text})${delim}\";\n}\n")
