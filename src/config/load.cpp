// Loading, merging and validating the configuration; errors name file, line, column and key.
#include "complain/config/builtin.hpp"
#include "complain/config/config.hpp"
#include "complain/domain/money.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace complain {

namespace {

const char* const builtin_name = "<built-in>";

const std::vector<std::string> top_keys{"timezone", "currency", "language", "default_channel",
                                        "calendar", "me",       "channels", "calendars"};
const std::vector<std::string> channel_keys{"name", "kind",     "contact", "basis",
                                            "law",  "deadline", "warn",    "calendar",
                                            "next", "roll",     "template"};
const std::vector<std::string> calendar_keys{"base", "weekend", "holidays", "workdays"};
const std::vector<std::string> me_keys{"name", "phone", "email", "address", "id_number"};

Origin origin_of(const toml::source_region& r, std::string_view file) {
    return Origin{std::string(file), static_cast<int>(r.begin.line),
                  static_cast<int>(r.begin.column)};
}

[[noreturn]] void fail(const Origin& o, std::string_view key, std::string_view message) {
    throw Error(Exit::config, fmt::format("{}: {}: {}", o.str(), key, message));
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

struct Config::CalendarSpec {
    Origin origin;
    std::string base;
    Origin base_origin;
    std::optional<Weekdays> weekend;
    std::vector<std::pair<LocalDay, std::string>> holidays;
    std::vector<std::pair<LocalDay, std::string>> workdays;
};

// Applies TOML documents in order onto a Config, then builds calendars and validates.
class Config::Loader {
  public:
    Loader(Config& config, Zone system_zone) : c_(config), system_zone_(system_zone) {}

    void apply(std::string_view text, std::string_view file) {
        toml::table root;
        try {
            root = toml::parse(text, file);
        } catch (const toml::parse_error& e) {
            throw Error(Exit::config,
                        fmt::format("{}: {}", origin_of(e.source(), file).str(), e.description()));
        }
        apply(root, file);
    }

    // A document's table, its keys' places in `file`.
    void apply(const toml::table& root, std::string_view file) {
        c_.sources_.emplace_back(file);
        check_keys(root, top_keys, "", file);
        for (auto&& [k, v] : root) {
            std::string key(k.str());
            Origin where = origin_of(k.source(), file);
            if (key == "channels") {
                // toml++ keeps keys sorted; `complain channels` lists them as the file orders them.
                std::vector<std::pair<const toml::key*, const toml::node*>> in_order;
                for (auto&& [ck, cv] : *table(v, key, where))
                    in_order.emplace_back(&ck, &cv);
                std::stable_sort(in_order.begin(), in_order.end(),
                                 [](const auto& a, const auto& b) {
                                     return a.first->source().begin < b.first->source().begin;
                                 });
                for (auto [ck, cv] : in_order)
                    apply_channel(std::string(ck->str()), *cv, origin_of(ck->source(), file), file);
            } else if (key == "calendars") {
                for (auto&& [ck, cv] : *table(v, key, where))
                    apply_calendar(std::string(ck.str()), cv, origin_of(ck.source(), file), file);
            } else if (key == "me") {
                const toml::table* me = table(v, key, where);
                check_keys(*me, me_keys, "me.", file);
                for (auto&& [mk, mv] : *me) {
                    std::string field(mk.str());
                    std::string value = string(mv, "me." + field, origin_of(mk.source(), file));
                    if (field == "name") c_.me_.name = value;
                    if (field == "phone") c_.me_.phone = value;
                    if (field == "email") c_.me_.email = value;
                    if (field == "address") c_.me_.address = value;
                    if (field == "id_number") c_.me_.id_number = value;
                }
            } else {
                std::string value = string(v, key, where);
                if (key == "timezone") c_.timezone_ = value;
                if (key == "currency") c_.currency_ = value;
                if (key == "language") {
                    if (value == "auto")
                        c_.language_.reset();
                    else if (std::optional<Language> l = language_named(value))
                        c_.language_ = l;
                    else
                        fail(where, key,
                             trf("'{}' is not a language complain speaks (known: "
                                 "\"zh_CN\", \"en\", \"auto\": the locale's)",
                                 value));
                }
                if (key == "default_channel") c_.default_channel_ = value;
                if (key == "calendar") c_.default_calendar_ = value;
                c_.origins_[key] = where;
            }
        }
    }

    void finish() {
        build_calendars();
        validate();
    }

  private:
    struct ChannelRefs {
        Origin next, calendar, warn;
    };

    // For comparing a warning with its deadline: a day is 24 hours, a working day too.
    static double approximate_hours(const Duration& d) {
        return d.unit == Unit::minutes
                   ? static_cast<double>(d.count) / 60
                   : static_cast<double>(d.count) * (d.unit == Unit::hours ? 1 : 24);
    }

    const toml::table* table(const toml::node& v, std::string_view key, const Origin& where) {
        if (!v.is_table()) fail(where, key, tr("must be a table"));
        return v.as_table();
    }

    std::string string(const toml::node& v, std::string_view key, const Origin& where) {
        auto s = v.value<std::string>();
        if (!s || !v.is_string()) fail(where, key, tr("must be a string"));
        return *s;
    }

    void check_keys(const toml::table& t, const std::vector<std::string>& allowed,
                    std::string_view prefix, std::string_view file) {
        for (auto&& [k, v] : t) {
            std::string key(k.str());
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            std::string hint = did_you_mean(key, allowed);
            fail(origin_of(k.source(), file), fmt::format("{}{}", prefix, key),
                 hint.empty() ? trf("unknown key (known: {})", fmt::join(allowed, ", "))
                              : trf("unknown key; did you mean '{}'?", hint));
        }
    }

    std::optional<Duration> duration(const toml::node& v, std::string_view key, const Origin& o,
                                     bool allow_none) {
        std::string text = string(v, key, o);
        if (allow_none && text == "none") return std::nullopt;
        try {
            return parse_duration(text);
        } catch (const Error& e) {
            fail(o, key, e.what());
        }
    }

    void apply_channel(const std::string& name, const toml::node& node, const Origin& where,
                       std::string_view file) {
        std::string prefix = "channels." + name;
        const toml::table* t = table(node, prefix, where);
        check_keys(*t, channel_keys, prefix + ".", file);
        if (name == "none")
            fail(where, prefix,
                 tr("'none' means \"no next channel\"; give the channel another key"));
        auto it = std::find_if(c_.channels_.begin(), c_.channels_.end(),
                               [&](const Channel& ch) { return ch.key == name; });
        if (it == c_.channels_.end()) {
            c_.channels_.push_back(Channel{});
            it = std::prev(c_.channels_.end());
            it->key = name;
            it->name = name;
        }
        Channel& ch = *it;
        ch.origin = where;
        for (auto&& [k, v] : *t) {
            std::string key(k.str());
            std::string full = prefix + "." + key;
            Origin o = origin_of(k.source(), file);
            if (key == "roll") {
                if (!v.is_boolean()) fail(o, full, tr("must be true or false"));
                ch.roll = *v.value<bool>();
            } else if (key == "deadline") {
                ch.deadline = duration(v, full, o, true);
                with_deadline_.insert(name);
            } else if (key == "warn") {
                ch.warning = duration(v, full, o, false);
                refs_[name].warn = o;
            } else {
                std::string value = string(v, full, o);
                if (key == "name") ch.name = value;
                if (key == "kind") ch.kind = value;
                if (key == "contact") ch.contact = value;
                if (key == "basis") ch.basis = value;
                if (key == "law") ch.law = value;
                if (key == "template") {
                    ch.letter_template = value;
                    ch.template_origin = o;
                }
                if (key == "calendar") {
                    ch.calendar = value;
                    refs_[name].calendar = o;
                }
                if (key == "next") {
                    ch.next = value == "none" ? "" : value;
                    refs_[name].next = o;
                }
            }
        }
    }

    std::vector<std::pair<LocalDay, std::string>> days(const toml::node& v, const std::string& key,
                                                       const Origin& o) {
        const toml::array* a = v.as_array();
        if (a == nullptr)
            fail(o, key,
                 tr("must be an array of dates: [\"2026-12-24\", \"2026-12-28..2026-12-31\"]"));
        std::vector<std::pair<LocalDay, std::string>> out;
        for (const toml::node& item : *a) {
            std::string text, label;
            if (const toml::table* t = item.as_table()) {
                for (auto&& [ik, iv] : *t) {
                    std::string field(ik.str());
                    if (field == "date")
                        text = string(iv, key + ".date", o);
                    else if (field == "name")
                        label = string(iv, key + ".name", o);
                    else
                        fail(o, key + "." + field, "unknown key (known: date, name)");
                }
            } else {
                text = string(item, key, o);
            }
            try {
                auto dots = text.find("..");
                LocalDay from = parse_day(text.substr(0, dots));
                LocalDay to = dots == std::string::npos ? from : parse_day(text.substr(dots + 2));
                if (to < from || (to - from).count() > 366)
                    fail(o, key, trf("'{}' is not a range of at most a year", text));
                for (LocalDay d = from; d <= to; d += date::days{1})
                    out.emplace_back(d, label);
            } catch (const Error& e) {
                if (e.code() == Exit::config) throw;
                fail(o, key, e.what());
            }
        }
        return out;
    }

    void apply_calendar(const std::string& name, const toml::node& node, const Origin& where,
                        std::string_view file) {
        std::string prefix = "calendars." + name;
        const toml::table* t = table(node, prefix, where);
        check_keys(*t, calendar_keys, prefix + ".", file);
        CalendarSpec& spec = calendar_specs_[name];
        spec.origin = where;
        for (auto&& [k, v] : *t) {
            std::string key(k.str());
            std::string full = prefix + "." + key;
            Origin o = origin_of(k.source(), file);
            if (key == "base") {
                spec.base = string(v, full, o);
                spec.base_origin = o;
            } else if (key == "weekend") {
                spec.weekend = weekend(v, full, o);
                if (spec.weekend->size() == 7)
                    fail(o, full, tr("a calendar needs at least one working day in the week"));
            } else if (key == "holidays") {
                auto d = days(v, full, o);
                spec.holidays.insert(spec.holidays.end(), d.begin(), d.end());
            } else if (key == "workdays") {
                auto d = days(v, full, o);
                spec.workdays.insert(spec.workdays.end(), d.begin(), d.end());
            }
        }
    }

    Weekdays weekend(const toml::node& v, const std::string& key, const Origin& o) {
        static const std::vector<std::string> names{"sunday",   "monday", "tuesday", "wednesday",
                                                    "thursday", "friday", "saturday"};
        const toml::array* a = v.as_array();
        if (a == nullptr)
            fail(o, key, tr("must be an array of day names: [\"saturday\", \"sunday\"]"));
        Weekdays out;
        for (const toml::node& item : *a) {
            std::string word = lower(string(item, key, o));
            auto it = std::find_if(names.begin(), names.end(), [&](const std::string& n) {
                return word.size() >= 3 && n.starts_with(word);
            });
            if (it == names.end())
                fail(o, key, trf("'{}' is not a day of the week (use sunday ... saturday)", word));
            out.insert(date::weekday{static_cast<unsigned>(it - names.begin())});
        }
        return out;
    }

    void build_calendars() {
        c_.calendars_.emplace("cn", std::make_unique<Calendar>(Calendar::china()));
        c_.calendars_.emplace("weekends", std::make_unique<Calendar>(Calendar::weekends_only()));
        for (auto& [name, spec] : calendar_specs_) {
            auto it = c_.calendars_.find(name);
            if (it == c_.calendars_.end())
                it = c_.calendars_.emplace(name, std::make_unique<Calendar>(name)).first;
            Calendar& cal = *it->second;
            if (spec.weekend) cal.set_weekend(*spec.weekend);
            for (auto& [d, label] : spec.holidays)
                cal.add_holiday(d, label);
            for (auto& [d, label] : spec.workdays)
                cal.add_workday(d, label);
        }
        for (auto& [name, spec] : calendar_specs_) {
            if (spec.base.empty()) continue;
            const Calendar* base = c_.find_calendar(spec.base);
            if (base == nullptr)
                fail(spec.base_origin, "calendars." + name + ".base",
                     unknown(N_("calendar"), spec.base, c_.calendar_names()));
            c_.calendars_.find(name)->second->set_base(base);
        }
        for (auto& [name, spec] : calendar_specs_) {
            std::set<const Calendar*> seen;
            for (const Calendar* cal = c_.find_calendar(name); cal != nullptr; cal = cal->base())
                if (!seen.insert(cal).second)
                    fail(spec.base_origin, "calendars." + name + ".base",
                         "the calendars' bases form a cycle");
        }
    }

    // `what`: "channel" or "calendar", marked N_ where it is named.
    static std::string unknown(const char* what, std::string_view name,
                               const std::vector<std::string>& known) {
        std::string hint = did_you_mean(name, known);
        if (!hint.empty()) return trf("no {} '{}'; did you mean '{}'?", tr(what), name, hint);
        return trf("no {} '{}' (known: {})", tr(what), name, fmt::join(known, ", "));
    }

    Origin top_origin(const std::string& key) {
        auto it = c_.origins_.find(key);
        return it == c_.origins_.end() ? Origin{builtin_name} : it->second;
    }

    void validate() {
        if (!c_.timezone_.empty()) {
            try {
                c_.zone_ = find_zone(c_.timezone_);
            } catch (const Error& e) {
                fail(top_origin("timezone"), "timezone", e.what());
            }
        } else {
            c_.zone_ = system_zone_;
        }
        if (!is_currency(c_.currency_))
            fail(top_origin("currency"), "currency", not_a_currency(c_.currency_));
        std::vector<std::string> keys;
        for (const auto& ch : c_.channels_)
            keys.push_back(ch.key);
        if (c_.find_channel(c_.default_channel_) == nullptr)
            fail(top_origin("default_channel"), "default_channel",
                 unknown(N_("channel"), c_.default_channel_, keys));
        if (c_.find_calendar(c_.default_calendar_) == nullptr)
            fail(top_origin("calendar"), "calendar",
                 unknown(N_("calendar"), c_.default_calendar_, c_.calendar_names()));
        for (const auto& ch : c_.channels_) {
            if (ch.deadline && ch.warning &&
                approximate_hours(*ch.warning) >= approximate_hours(*ch.deadline))
                fail(refs_[ch.key].warn, "channels." + ch.key + ".warn",
                     trf("{} is not shorter than the deadline {}", ch.warning->str(),
                         ch.deadline->str()));
            if (!with_deadline_.contains(ch.key))
                fail(ch.origin, "channels." + ch.key + ".deadline",
                     "missing: say how long the channel has to answer (\"48h\", \"7wd\") or "
                     "\"none\"");
            const ChannelRefs& refs = refs_[ch.key];
            if (!ch.next.empty() && c_.find_channel(ch.next) == nullptr)
                fail(refs.next, "channels." + ch.key + ".next",
                     unknown(N_("channel"), ch.next, keys));
            if (!ch.calendar.empty() && c_.find_calendar(ch.calendar) == nullptr)
                fail(refs.calendar, "channels." + ch.key + ".calendar",
                     unknown(N_("calendar"), ch.calendar, c_.calendar_names()));
        }
        for (const auto& ch : c_.channels_) {
            std::vector<std::string> path{ch.key};
            for (const Channel* at = &ch; !at->next.empty();) {
                at = c_.find_channel(at->next);
                if (std::find(path.begin(), path.end(), at->key) != path.end()) {
                    path.push_back(at->key);
                    fail(refs_[path[path.size() - 2]].next,
                         "channels." + path[path.size() - 2] + ".next",
                         trf("the ladder has a cycle: {}", fmt::join(path, " -> ")));
                }
                path.push_back(at->key);
            }
        }
    }

    Config& c_;
    Zone system_zone_;
    std::map<std::string, CalendarSpec> calendar_specs_;
    std::map<std::string, ChannelRefs> refs_;
    std::set<std::string> with_deadline_;
};

Config Config::load(const std::optional<std::filesystem::path>& user_file, Zone system_zone) {
    Config c;
    Loader loader(c, system_zone);
    loader.apply(default_config_table(), builtin_name);
    if (user_file) {
        std::error_code ec;
        if (std::filesystem::is_directory(*user_file, ec))
            throw Error(Exit::config,
                        trf("{}: is a directory, not a config file", user_file->string()));
        std::ifstream in(*user_file, std::ios::binary);
        if (!in)
            throw Error(std::filesystem::exists(*user_file, ec) ? Exit::config : Exit::not_found,
                        trf("{}: cannot read the config file", user_file->string()));
        std::stringstream text;
        text << in.rdbuf();
        loader.apply(text.str(), user_file->string());
    }
    loader.finish();
    return c;
}

Config Config::from_text(std::string_view text, std::string_view name, Zone system_zone) {
    Config c;
    Loader loader(c, system_zone ? system_zone : complain::system_zone(Environment{}).zone);
    loader.apply(default_config_table(), builtin_name);
    loader.apply(text, name);
    loader.finish();
    return c;
}

} // namespace complain
