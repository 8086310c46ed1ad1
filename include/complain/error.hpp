// The one error type of complain: a message for the user and the exit code it maps to.
#pragma once

#include <stdexcept>
#include <string>

namespace complain {

// Exit codes are a documented interface (man page, EXIT STATUS); never renumber them.
enum class Exit : int {
    ok = 0,
    condition = 1, // --exit-code: the list was not empty
    usage = 2,     // bad command line, or a value that does not parse
    not_found = 3, // id, channel, file
    config = 4,
    busy = 5, // store locked past the busy timeout
    integrity = 6,
    internal = 70,
    io = 74,         // disk full, output that could not be written (sysexits.h EX_IOERR)
    permission = 77, // the store or a file may not be read or written (EX_NOPERM)
    // Not printed: whoever read standard output went away (`| head`), so the command ends
    // quietly with the status a shell shows for a death by SIGPIPE, as git does.
    closed_pipe = 141,
};

class Error : public std::runtime_error {
  public:
    Error(Exit code, const std::string& message) : std::runtime_error(message), code_(code) {}
    Exit code() const { return code_; }

  private:
    Exit code_;
};

} // namespace complain
