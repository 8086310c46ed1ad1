// The entry point of complain: parses the command line, runs one command, returns its exit code.
#pragma once

#include <ostream>

namespace complain {

int run(int argc, const char* const* argv);
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

} // namespace complain
