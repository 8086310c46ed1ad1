# Writes INPUT (the default config) into OUTPUT as a C++ string, so the binary needs no data files.
file(READ ${INPUT} text)
set(delim "complain_toml")
string(FIND "${text}" ")${delim}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE ${OUTPUT} "// Generated from data/default-config.toml by cmake/embed_config.cmake.\n"
  "#include \"complain/config/config.hpp\"\n\n"
  "namespace complain {\nconst std::string_view default_config_toml = R\"${delim}(${text})${delim}\";\n}\n")
