// Which language the environment asks for, as gettext reads it, and what English costs.
#include "complain/environment.hpp"
#include "complain/i18n.hpp"

#include <doctest/doctest.h>

using namespace complain;

namespace {

Language asked(std::map<std::string, std::string, std::less<>> vars) {
    return language_of(Environment(std::move(vars)));
}

} // namespace

TEST_CASE("language names as locales and configs write them") {
    CHECK(language_named("zh_CN") == Language::zh_CN);
    CHECK(language_named("zh_CN.UTF-8") == Language::zh_CN);
    CHECK(language_named("zh") == Language::zh_CN);
    CHECK(language_named("zh-Hans") == Language::zh_CN);
    CHECK(language_named("en_US.UTF-8") == Language::en);
    CHECK(language_named("C.UTF-8") == Language::en);
    CHECK(language_named("POSIX") == Language::en);
    // Traditional Chinese is not Simplified: no catalogue, so no claim to speak it.
    CHECK_FALSE(language_named("zh_TW.UTF-8").has_value());
    CHECK_FALSE(language_named("fr_FR.UTF-8").has_value());
}

TEST_CASE("the locale's language: LC_ALL, LC_MESSAGES, LANG, then LANGUAGE unless C") {
    CHECK(asked({}) == Language::en);
    CHECK(asked({{"LANG", "zh_CN.UTF-8"}}) == Language::zh_CN);
    CHECK(asked({{"LANG", "zh_CN.UTF-8"}, {"LC_MESSAGES", "en_GB.UTF-8"}}) == Language::en);
    CHECK(asked({{"LANG", "zh_CN.UTF-8"}, {"LC_ALL", "C"}}) == Language::en);
    CHECK(asked({{"LANG", "zh_CN.UTF-8"}, {"LANGUAGE", "en"}}) == Language::en);
    CHECK(asked({{"LANG", "en_US.UTF-8"}, {"LANGUAGE", "fr:zh_CN:en"}}) == Language::zh_CN);
    // Under the C locale gettext ignores LANGUAGE, and so does complain.
    CHECK(asked({{"LC_ALL", "C"}, {"LANGUAGE", "zh_CN"}}) == Language::en);
    CHECK(asked({{"LANGUAGE", "zh_CN"}}) == Language::en);
    CHECK(asked({{"LANG", "fr_FR.UTF-8"}}) == Language::en);
}

TEST_CASE("English is the messages themselves, formatted as fmt formats them") {
    CHECK(language() == Language::en);
    CHECK(std::string(tr("no deadline")) == "no deadline");
    CHECK(std::string(trc("event", "note")) == "note");
    CHECK(trf("complaint {} is named twice", 7) == "complaint 7 is named twice");
}
