// toml++'s implementation, compiled once into complain (CMakeLists.txt: TOML_HEADER_ONLY=0), in a
// file of its own: it brings names such as toml::date into scope.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
