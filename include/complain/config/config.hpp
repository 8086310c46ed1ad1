// The configuration: channels, their deadlines and ladder, calendars, the complainant.
#pragma once

#include "complain/domain/calendar.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/domain/duration.hpp"
#include "complain/environment.hpp"
#include "complain/i18n.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace complain {

// Where a value was set: "<built-in>" or a file, with line and column.
struct Origin {
    std::string file;
    int line = 0;
    int column = 0;
    std::string str() const;
};

struct Channel {
    std::string key;
    std::string name;
    std::string kind;
    std::string contact;
    std::string basis;                // why this deadline: the rule or law it comes from
    std::string law;                  // what a letter to it cites (法律依据); empty: nothing
    std::optional<Duration> deadline; // none: the channel has no clock
    std::optional<Duration> warning;  // none: default_warning(deadline)
    std::string calendar;             // empty: the config's default calendar
    std::string next;                 // empty: the top of the ladder
    std::string letter_template;      // `template`: the letter it takes; empty: chosen by kind
    bool roll = false;
    Origin origin;          // where the channel was defined (last override wins)
    Origin template_origin; // where its `template` was set, if it was

    Duration warning_or_default() const { return warning ? *warning : default_warning(*deadline); }
    // The name as Chinese text writes it: the built-in names are "中文 / English", and Chinese
    // takes the half before " / "; a name without one, whole.
    std::string chinese_name() const { return chinese_half(name); }
    static std::string chinese_half(const std::string& name) {
        return name.substr(0, name.find(" / "));
    }
};

struct Complainant {
    std::string name, phone, email, address;
    std::string id_number; // 身份证号, which a 12315 complaint or a court filing asks for
};

class Config {
  public:
    // The built-in config, overridden and extended by `user_file` when given. `system_zone` is
    // the zone when the config names none.
    static Config load(const std::optional<std::filesystem::path>& user_file, Zone system_zone);
    // For tests: the built-in config and then `text` as if read from `name`; without a
    // `system_zone`, that of /etc/localtime.
    static Config from_text(std::string_view text, std::string_view name,
                            Zone system_zone = nullptr);

    const std::string& timezone_name() const { return timezone_; } // empty: the system's zone
    Zone zone() const { return zone_; }
    const std::string& currency() const { return currency_; }
    // `language`: what human output speaks; none ("auto"): the locale decides.
    std::optional<Language> language() const { return language_; }
    const std::string& default_channel() const { return default_channel_; }
    const std::string& default_calendar() const { return default_calendar_; }
    const Complainant& me() const { return me_; }
    const std::vector<std::string>& sources() const { return sources_; }
    const std::map<std::string, Origin>& origins() const { return origins_; }

    // Channels in definition order (built-in ones first).
    const std::vector<Channel>& channels() const { return channels_; }
    const Channel* find_channel(std::string_view key) const;
    // Throws Error(not_found) that lists the channels, with "did you mean" for a near miss.
    const Channel& channel(std::string_view key) const;
    // The rungs from `key` up: key, next, next's next, ...
    std::vector<const Channel*> ladder_from(std::string_view key) const;

    const Calendar* find_calendar(std::string_view name) const;
    const Calendar& calendar(std::string_view name) const; // throws Error(not_found)
    std::vector<std::string> calendar_names() const;
    const Calendar& calendar_of(const Channel& c) const;
    // The rule of a channel's deadline; the channel must have one.
    DeadlineRule rule_for(const Channel& c) const;
    // The rule a stored deadline was computed with (a calendar since removed falls back to the
    // default calendar).
    DeadlineRule rule_for(const Duration& d, std::string_view calendar, std::string_view zone,
                          bool roll) const;
    // The same for a deadline as stored ("7wd"), read once per config: a long list asks for the
    // rule of every row, and most rows share a few. Throws as parse_duration does.
    const DeadlineRule& stored_rule(std::string_view deadline, std::string_view calendar,
                                    std::string_view zone, bool roll) const;
    // Installs a sink on every calendar for years no official schedule covers.
    void on_uncovered_year(const Calendar::UncoveredSink& sink);

  private:
    struct CalendarSpec;
    class Loader;

    std::string timezone_;
    Zone zone_ = nullptr;
    std::string currency_;
    std::optional<Language> language_;
    std::string default_channel_;
    std::string default_calendar_;
    Complainant me_;
    std::vector<std::string> sources_;
    std::map<std::string, Origin> origins_; // top-level key -> where it was set
    std::vector<Channel> channels_;
    std::map<std::string, std::unique_ptr<Calendar>, std::less<>> calendars_;
    // A stored clock's deadline, calendar, zone and roll, looked up by views of a row's strings.
    using StoredClock = std::tuple<std::string, std::string, std::string, bool>;
    using StoredClockView = std::tuple<std::string_view, std::string_view, std::string_view, bool>;
    struct ByView {
        using is_transparent = void;
        static StoredClockView view(const StoredClockView& k) { return k; }
        static StoredClockView view(const StoredClock& k) {
            return {std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k)};
        }
        bool operator()(const auto& a, const auto& b) const { return view(a) < view(b); }
    };
    mutable std::map<StoredClock, DeadlineRule, ByView> stored_rules_;
    // The rule stored_rule found last: a list's rows come in due order, and rows next to each
    // other often share one.
    mutable const std::pair<const StoredClock, DeadlineRule>* last_rule_ = nullptr;
};

// The zone of the system and where it came from: $TZ when it names an IANA zone ("from TZ"),
// else /etc/localtime, else UTC ("no zone set on the system").
struct SystemZone {
    Zone zone = nullptr;
    std::string source;
};
SystemZone system_zone(const Environment& env);
// Looks an IANA name up; throws Error(config) naming it.
Zone find_zone(std::string_view name);

// Levenshtein-nearest of `candidates` to `word` when close enough to be a typo, else empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace complain
