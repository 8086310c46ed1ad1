// The pager long output goes through on a terminal, started as git starts its own.
#pragma once

#include "complain/environment.hpp"

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace complain {

class Pager {
  public:
    // The pager the environment asks for, as an argument vector: $COMPLAIN_PAGER, else $PAGER,
    // else less -FRX (LESS and LV are the user's to set), split on whitespace and never handed to
    // a shell. Empty when none is wanted: COMPLAIN_PAGER set empty, or a pager of `cat`.
    static std::vector<std::string> command(const Environment& env);
    // Starts `argv` reading from a pipe and points file descriptor 1 at the pipe's other end.
    // nullptr, with `why` saying why, when it could not start (no such program): the output then
    // goes to the terminal itself.
    static std::unique_ptr<Pager> start(const std::vector<std::string>& argv, std::string& why);

    // Closes file descriptor 1, so the pager sees the end, and waits for it: the shell's prompt
    // comes back only once the reader has quit the pager.
    ~Pager();
    Pager(const Pager&) = delete;
    Pager& operator=(const Pager&) = delete;

  private:
    explicit Pager(pid_t pid) : pid_(pid) {}
    pid_t pid_;
};

} // namespace complain
