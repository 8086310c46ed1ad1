// The one read of the process's environment.
#include "complain/environment.hpp"

#include <cstdlib>

namespace complain {

Environment::Environment(std::map<std::string, std::string, std::less<>> variables)
    : variables_(std::move(variables)) {}

const std::vector<std::string_view>& Environment::known() {
    static const std::vector<std::string_view> names{"COMPLAIN_DB",
                                                     "COMPLAIN_CONFIG",
                                                     "COMPLAIN_NOW",
                                                     "COMPLAIN_PAGER",
                                                     "PAGER",
                                                     "XDG_DATA_HOME",
                                                     "XDG_CONFIG_HOME",
                                                     "HOME",
                                                     "TZ",
                                                     "NO_COLOR",
                                                     "TERM",
                                                     "COLUMNS",
                                                     "LANGUAGE",
                                                     "LC_ALL",
                                                     "LC_MESSAGES",
                                                     "LC_CTYPE",
                                                     "LANG"};
    return names;
}

Environment Environment::from_process() {
    std::map<std::string, std::string, std::less<>> variables;
    for (std::string_view name : known())
        if (const char* value = std::getenv(std::string(name).c_str()); value != nullptr)
            variables.emplace(name, value);
    return Environment(std::move(variables));
}

std::optional<std::string> Environment::get(std::string_view name) const {
    auto it = variables_.find(name);
    if (it == variables_.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

bool Environment::is_set(std::string_view name) const {
    return variables_.find(name) != variables_.end();
}

} // namespace complain
