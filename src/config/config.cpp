// The configuration once loaded: channels, ladders, calendars and zones looked up; near misses.
#include "complain/config/config.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <system_error>

namespace complain {

std::string Origin::str() const {
    if (line == 0) return file;
    return fmt::format("{}:{}:{}", file, line, column);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<size_t> row(b.size() + 1);
        for (size_t j = 0; j <= b.size(); ++j)
            row[j] = j;
        for (size_t i = 1; i <= a.size(); ++i) {
            size_t diagonal = row[0];
            row[0] = i;
            for (size_t j = 1; j <= b.size(); ++j) {
                size_t above = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
                diagonal = above;
            }
        }
        return row[b.size()];
    };
    std::string best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        size_t d = distance(word, c);
        if (d < best_distance || (c.starts_with(word) && word.size() >= 3 && best.empty())) {
            best = c;
            best_distance = std::min(d, best_distance);
        }
    }
    return best;
}

Zone find_zone(std::string_view name) {
    if (auto zone = zone_named(name)) return *zone;
    throw Error(Exit::config, trf("timezone '{}' is not an IANA time zone name (like Asia/Shanghai "
                                  "or America/New_York)",
                                  name));
}

SystemZone system_zone(const Environment& env) {
    if (auto tz = env.get("TZ")) {
        std::string_view name = *tz;
        if (name.front() == ':') name.remove_prefix(1);
        // A POSIX TZ string such as "CST-8" is not an IANA name: fall through.
        if (auto zone = zone_named(name)) return {*zone, "from TZ"};
    }
    // /etc/localtime links to the zone's file; the name is the link's path under zoneinfo/.
    std::error_code ec;
    auto link = std::filesystem::read_symlink("/etc/localtime", ec).generic_string();
    if (auto at = link.find("zoneinfo/"); !ec && at != std::string::npos)
        if (auto zone = zone_named(std::string_view(link).substr(at + 9)))
            return {*zone, "from /etc/localtime"};
    // A copied /etc/localtime has no name; Debian names the zone in /etc/timezone too.
    if (std::ifstream in("/etc/timezone"); in) {
        std::string name;
        std::getline(in, name);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
            name.pop_back();
        if (auto zone = zone_named(name)) return {*zone, "from /etc/timezone"};
    }
    if (auto zone = zone_named("UTC")) return {*zone, "no zone set on the system"};
    return {built_in_utc(), "no zone set on the system"};
}

const Channel* Config::find_channel(std::string_view key) const {
    for (const auto& ch : channels_)
        if (ch.key == key) return &ch;
    return nullptr;
}

const Channel& Config::channel(std::string_view key) const {
    if (const Channel* ch = find_channel(key)) return *ch;
    std::vector<std::string> keys;
    for (const auto& ch : channels_)
        keys.push_back(ch.key);
    std::string hint = did_you_mean(key, keys);
    throw Error(Exit::not_found, hint.empty()
                                     ? trf("no channel '{}' (see: complain channels)", key)
                                     : trf("no channel '{}'; did you mean '{}'?", key, hint));
}

std::vector<const Channel*> Config::ladder_from(std::string_view key) const {
    std::vector<const Channel*> out;
    for (const Channel* ch = &channel(key); ch != nullptr;
         ch = ch->next.empty() ? nullptr : find_channel(ch->next))
        out.push_back(ch);
    return out;
}

const Calendar* Config::find_calendar(std::string_view name) const {
    auto it = calendars_.find(name);
    return it == calendars_.end() ? nullptr : it->second.get();
}

const Calendar& Config::calendar(std::string_view name) const {
    if (const Calendar* c = find_calendar(name)) return *c;
    throw Error(Exit::not_found,
                trf("no calendar '{}' (known: {})", name, fmt::join(calendar_names(), ", ")));
}

std::vector<std::string> Config::calendar_names() const {
    std::vector<std::string> out;
    for (const auto& [name, cal] : calendars_)
        out.push_back(name);
    return out;
}

const Calendar& Config::calendar_of(const Channel& c) const {
    return calendar(c.calendar.empty() ? default_calendar_ : c.calendar);
}

DeadlineRule Config::rule_for(const Channel& c) const {
    return DeadlineRule{*c.deadline, &calendar_of(c), zone_, c.roll};
}

DeadlineRule Config::rule_for(const Duration& d, std::string_view calendar_name,
                              std::string_view zone_name, bool roll) const {
    const Calendar* cal = find_calendar(calendar_name);
    if (cal == nullptr) cal = &calendar(default_calendar_);
    Zone zone = zone_;
    if (!zone_name.empty()) {
        if (auto named = zone_named(zone_name)) zone = *named;
    }
    return DeadlineRule{d, cal, zone, roll};
}

const DeadlineRule& Config::stored_rule(std::string_view deadline, std::string_view calendar,
                                        std::string_view zone, bool roll) const {
    StoredClockView key{deadline, calendar, zone, roll};
    if (last_rule_ && ByView::view(last_rule_->first) == key) return last_rule_->second;
    auto it = stored_rules_.find(key);
    if (it == stored_rules_.end()) {
        DeadlineRule rule = rule_for(parse_duration(deadline), calendar, zone, roll);
        it = stored_rules_.emplace(StoredClock{deadline, calendar, zone, roll}, rule).first;
    }
    last_rule_ = &*it;
    return it->second;
}

void Config::on_uncovered_year(const Calendar::UncoveredSink& sink) {
    for (auto& [name, cal] : calendars_)
        cal->set_uncovered_sink(sink);
}

} // namespace complain
