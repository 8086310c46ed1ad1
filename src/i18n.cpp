// Gettext's catalogue, loaded only when Chinese is asked for: English costs nothing at start.
#include "complain/i18n.hpp"

#include "complain/environment.hpp"

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <libintl.h>
#include <system_error>
#include <vector>

#ifndef COMPLAIN_LOCALEDIR
#define COMPLAIN_LOCALEDIR "/usr/local/share/locale"
#endif

namespace complain {

namespace {

constexpr const char* domain = "complain";

Language current = Language::en;
bool catalogue_bound = false;
bool catalogue_found = false;

// Where the catalogue is: beside the binary in a build tree (build/locale), in ../share/locale
// of an installed binary wherever it was installed, else where CMake was told it would be.
std::string catalogue_dir() {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    std::vector<std::filesystem::path> dirs;
    if (!ec) {
        dirs.push_back(exe.parent_path() / "locale");
        dirs.push_back(exe.parent_path().parent_path() / "share" / "locale");
    }
    dirs.emplace_back(COMPLAIN_LOCALEDIR);
    for (const auto& dir : dirs)
        if (std::filesystem::exists(dir / "zh_CN" / "LC_MESSAGES" / "complain.mo", ec))
            return dir.string();
    return {};
}

void bind_catalogue() {
    if (catalogue_bound) return;
    catalogue_bound = true;
    std::string dir = catalogue_dir();
    if (dir.empty()) return;
    // Gettext reads LANGUAGE only under a locale other than C. C.UTF-8 is built into glibc, so
    // Chinese works whether or not zh_CN.UTF-8 was generated on this machine; the translations
    // are UTF-8 whatever LC_CTYPE says, as complain's output always is. LC_MESSAGES is the only
    // category changed: numbers and the rest stay as they were.
    if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr) return;
    setenv("LANGUAGE", "zh_CN", 1);
    if (bindtextdomain(domain, dir.c_str()) == nullptr) return;
    bind_textdomain_codeset(domain, "UTF-8");
    catalogue_found = true;
}

} // namespace

Language language() {
    return current;
}

void set_language(Language language) {
    if (language == Language::zh_CN) bind_catalogue();
    current = language == Language::zh_CN && catalogue_found ? language : Language::en;
}

std::optional<Language> language_named(std::string_view name) {
    std::string_view base = name.substr(0, name.find_first_of(".@"));
    if (base == "C" || base == "POSIX" || base == "en" || base.starts_with("en_") ||
        base.starts_with("en-"))
        return Language::en;
    if (base == "zh" || base == "zh_CN" || base == "zh_SG" || base == "zh-CN" ||
        base == "zh-Hans" || base == "zh_Hans")
        return Language::zh_CN;
    return std::nullopt;
}

Language language_of(const Environment& env) {
    std::optional<std::string> locale = env.get("LC_ALL");
    if (!locale) locale = env.get("LC_MESSAGES");
    if (!locale) locale = env.get("LANG");
    if (!locale || *locale == "C" || *locale == "POSIX") return Language::en;
    if (std::optional<std::string> list = env.get("LANGUAGE")) {
        std::string_view rest = *list;
        while (!rest.empty()) {
            std::string_view item = rest.substr(0, rest.find(':'));
            rest = item.size() < rest.size() ? rest.substr(item.size() + 1) : std::string_view{};
            if (std::optional<Language> l = language_named(item)) return *l;
        }
    }
    return language_named(*locale).value_or(Language::en);
}

std::string_view to_string(Language language) {
    return language == Language::zh_CN ? "zh_CN" : "en";
}

const char* tr(const char* msgid) {
    if (current == Language::en || *msgid == '\0') return msgid;
    return dgettext(domain, msgid);
}

const char* trc(const char* context, const char* msgid) {
    if (current == Language::en || *msgid == '\0') return msgid;
    // Gettext keeps a message with a context under "context\x04msgid".
    thread_local std::string key;
    key = std::string(context) + '\x04' + msgid;
    const char* translated = dgettext(domain, key.c_str());
    return translated == key.c_str() ? msgid : translated;
}

namespace detail {

std::string format_translated(fmt::string_view english, fmt::format_args args) {
    if (current == Language::en) return fmt::vformat(english, args);
    std::string id(english.data(), english.size());
    const char* translated = tr(id.c_str());
    try {
        return fmt::vformat(translated, args);
    } catch (const fmt::format_error&) {
        return fmt::vformat(english, args);
    }
}

} // namespace detail

} // namespace complain
