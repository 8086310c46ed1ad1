// Starting the pager with an argument vector (fork and execvp, no shell) and waiting for it.
#include "complain/output/pager.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace complain {
namespace {

// The pager running, for the signal handler: Ctrl-C reaches complain and the pager alike, and
// less stays (it takes ^C as its own), so complain must not hand the terminal back before it.
volatile sig_atomic_t running_pager = 0;

extern "C" void wait_for_pager(int sig) {
    if (running_pager > 0) {
        ::close(STDOUT_FILENO);
        while (::waitpid(static_cast<pid_t>(running_pager), nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

} // namespace

std::vector<std::string> Pager::command(const Environment& env) {
    std::string line;
    if (env.is_set("COMPLAIN_PAGER"))
        line = env.get("COMPLAIN_PAGER").value_or("");
    else if (env.is_set("PAGER"))
        line = env.get("PAGER").value_or("");
    else
        line = "less -FRX";
    std::vector<std::string> argv;
    std::istringstream words(line);
    for (std::string w; words >> w;)
        argv.push_back(w);
    if (argv.size() == 1 && argv[0] == "cat") argv.clear();
    return argv;
}

std::unique_ptr<Pager> Pager::start(const std::vector<std::string>& argv, std::string& why) {
    if (argv.empty()) return nullptr;
    int data[2], report[2];
    if (::pipe2(data, O_CLOEXEC) != 0) {
        why = std::strerror(errno);
        return nullptr;
    }
    // Closed by a successful exec: a read of 0 bytes means the pager runs, an errno that it does
    // not.
    if (::pipe2(report, O_CLOEXEC) != 0) {
        why = std::strerror(errno);
        ::close(data[0]);
        ::close(data[1]);
        return nullptr;
    }
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(data[0], STDIN_FILENO);
        ::execvp(args[0], args.data());
        int err = errno;
        ssize_t ignored = ::write(report[1], &err, sizeof err);
        (void)ignored;
        ::_exit(127);
    }
    int err = pid < 0 ? errno : 0;
    ::close(data[0]);
    ::close(report[1]);
    if (pid > 0) {
        ssize_t n;
        do
            n = ::read(report[0], &err, sizeof err);
        while (n < 0 && errno == EINTR);
        if (n <= 0) err = 0;
        if (err != 0)
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
            }
    }
    ::close(report[0]);
    if (err != 0) {
        ::close(data[1]);
        why = std::strerror(err);
        return nullptr;
    }
    ::dup2(data[1], STDOUT_FILENO);
    ::close(data[1]);
    running_pager = static_cast<sig_atomic_t>(pid);
    for (int sig : {SIGINT, SIGQUIT, SIGTERM, SIGHUP})
        ::signal(sig, wait_for_pager);
    return std::unique_ptr<Pager>(new Pager(pid));
}

Pager::~Pager() {
    ::close(STDOUT_FILENO);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    running_pager = 0;
}

} // namespace complain
