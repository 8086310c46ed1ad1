// The language of human output: English, or Simplified Chinese from the catalogue in po/
// (GNU gettext). Below every layer, like error.hpp: any layer may translate what it says.
//
// Only what a person reads is translated: messages, table headers, help, documents. JSON, CSV,
// ICS, field names, keywords a user types (states, kinds, channel names) and exit codes are the
// same in every language.
//
// In the code: tr("text") for a plain message, trf("text {}", args...) for a formatted one (its
// English format string is checked at compile time like fmt::format's; a translation may
// reorder the arguments with {1} and {0}), trc("context", "word") for a word whose sense the
// context fixes, N_("text") to mark a string translated where it is
// used. po/update.sh collects them; tests/cli/test_po.sh fails when one has no translation.
#pragma once

#include <fmt/format.h>
#include <optional>
#include <string>
#include <string_view>

namespace complain {

class Environment;

enum class Language { en, zh_CN };

// The language messages are in now (English until set).
Language language();
// Switches the language of what is said from here on; loads the catalogue the first time
// Chinese is chosen. A missing catalogue leaves English in place.
void set_language(Language language);
// "zh_CN", "zh", "zh_CN.UTF-8", "zh-Hans" -> Chinese; "en", "en_US.UTF-8", "C", "POSIX" ->
// English; anything else: nothing.
std::optional<Language> language_named(std::string_view name);
// The language the environment asks for, as gettext reads it: LANGUAGE (a colon-separated list,
// ignored under the C locale), then the first of LC_ALL, LC_MESSAGES and LANG that is set.
Language language_of(const Environment& env);
// The name a config or `--lang` uses: "en", "zh_CN".
std::string_view to_string(Language language);

// For a scope that speaks another language (`report --dossier --lang en`).
class LanguageScope {
  public:
    explicit LanguageScope(Language language) : before_(complain::language()) {
        set_language(language);
    }
    ~LanguageScope() { set_language(before_); }
    LanguageScope(const LanguageScope&) = delete;
    LanguageScope& operator=(const LanguageScope&) = delete;

  private:
    Language before_;
};

// The translation of `msgid` into the current language, or `msgid` itself.
const char* tr(const char* msgid);

// The translation of a word that means different things in different places: trc("event kind",
// "note"). Gettext's msgctxt.
const char* trc(const char* context, const char* msgid);

// A string marked for translation where it is used later through tr().
#define N_(text) text

namespace detail {
std::string format_translated(fmt::string_view english, fmt::format_args args);
}

// fmt::format with the translated format string. A translation whose placeholders do not
// format (a catalogue out of step) falls back to the English text.
template <typename... Args> std::string trf(fmt::format_string<Args...> format, Args&&... args) {
    return detail::format_translated(fmt::string_view(format), fmt::make_format_args(args...));
}

} // namespace complain
