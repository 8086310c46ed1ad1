// The process's environment, read once when complain starts and passed down from there. Nothing
// else in complain calls getenv: every rule that depends on a variable takes an Environment, so
// that a test can give it one of its own.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

class Environment {
  public:
    Environment() = default; // no variable set
    explicit Environment(std::map<std::string, std::string, std::less<>> variables);
    // The variables of known() as this process has them: the one read of the environment.
    static Environment from_process();
    // Every variable complain reads, in the order `config show` lists them.
    static const std::vector<std::string_view>& known();

    // The value of a variable that is set and not empty.
    std::optional<std::string> get(std::string_view name) const;
    // Whether a variable is set, empty or not (COMPLAIN_PAGER= means no pager).
    bool is_set(std::string_view name) const;

  private:
    std::map<std::string, std::string, std::less<>> variables_;
};

} // namespace complain
