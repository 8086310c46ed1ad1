// The per-command session: the environment read once, lazy config and store, and the clock.
#include "complain/app/session.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <fmt/format.h>

namespace complain {

Session::Session(GlobalOptions options, Output& out, Environment env)
    : Session(std::move(options), out, std::move(env), system_clock, open_store_file) {
    system_clock_ = true;
}

Session::Session(GlobalOptions options, Output& out, Environment env, ClockReader clock,
                 StoreOpener open_store)
    : options_(std::move(options)), out_(out), env_(std::move(env)), clock_(std::move(clock)),
      open_store_(std::move(open_store)), system_zone_(system_zone(env_)) {}

Instant Session::system_clock() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::unique_ptr<Store> Session::open_store_file(const std::filesystem::path& path,
                                                Store::Access access,
                                                const std::vector<std::int64_t>& incoming) {
    return std::make_unique<Store>(path, access, incoming);
}

std::filesystem::path Session::default_config_path() const {
    if (auto xdg = env_.get("XDG_CONFIG_HOME"); xdg && xdg->front() == '/')
        return std::filesystem::path(*xdg) / "complain" / "config.toml";
    return std::filesystem::path(env_.get("HOME").value_or("")) / ".config" / "complain" /
           "config.toml";
}

std::pair<std::optional<std::filesystem::path>, std::string> Session::config_choice() const {
    if (!options_.config.empty()) return {std::filesystem::path(options_.config), "--config"};
    if (auto env = env_.get("COMPLAIN_CONFIG"))
        return {std::filesystem::path(*env), "COMPLAIN_CONFIG"};
    std::error_code ec;
    auto xdg = default_config_path();
    bool from_xdg = env_.get("XDG_CONFIG_HOME").value_or("").starts_with('/');
    if (std::filesystem::exists(xdg, ec)) return {xdg, from_xdg ? "XDG_CONFIG_HOME" : "HOME"};
    return {std::nullopt, fmt::format("no file at {}", xdg.string())};
}

std::optional<std::filesystem::path> Session::config_path() const {
    return config_choice().first;
}

const Config& Session::config() {
    if (!config_) {
        config_ = Config::load(config_path(), system_zone_.zone);
        if (config_->language()) set_language(*config_->language());
        config_->on_uncovered_year([this](const Calendar& cal, int year) {
            // Once per calendar and command: a count over many uncovered years (an old
            // complaint) must not flood a cron mail.
            if (!warned_.insert(cal.name()).second) return;
            const Calendar* official = cal.official();
            std::string via = official && official != &cal
                                  ? fmt::format(" (based on {})", official->name())
                                  : std::string();
            out_.warning(trf("calendar {}{} has no official schedule for {}: counting "
                             "weekends only",
                             cal.name(), via, year));
        });
    }
    return *config_;
}

Instant Session::now() {
    if (!now_) {
        if (auto fixed = env_.get("COMPLAIN_NOW")) {
            try {
                now_ = parse_instant(*fixed, zone());
            } catch (const Error& e) {
                throw Error(Exit::usage, trf("COMPLAIN_NOW: {}", e.what()));
            }
        } else {
            now_ = clock_();
        }
    }
    return *now_;
}

Instant Session::parse_time(std::string_view text) {
    return parse_when(text, zone(), now());
}

Instant Session::event_time(const std::optional<std::string>& at, std::optional<Instant> earliest) {
    if (!at) return earliest ? std::max(now(), *earliest) : now();
    Instant t = parse_time(*at);
    if (t > now())
        throw Error(Exit::usage, trf("--at {} is in the future (now is {}): record things "
                                     "after they happen",
                                     *at, format_iso(now(), zone())));
    if (earliest && t < *earliest)
        throw Error(Exit::usage,
                    trf("--at {} is before the complaint's last change ({}): a timeline "
                        "runs forward",
                        *at, format_iso(*earliest, zone())));
    return t;
}

std::pair<std::filesystem::path, std::string> Session::store_choice() const {
    if (!options_.db.empty()) return {options_.db, "--db"};
    if (auto db = env_.get("COMPLAIN_DB")) return {*db, "COMPLAIN_DB"};
    if (auto xdg = env_.get("XDG_DATA_HOME"); xdg && xdg->front() == '/')
        return {std::filesystem::path(*xdg) / "complain" / "complain.db", "XDG_DATA_HOME"};
    auto home = env_.get("HOME");
    if (!home)
        throw Error(Exit::usage, tr("HOME is not set: name the store with --db or COMPLAIN_DB"));
    return {std::filesystem::path(*home) / ".local" / "share" / "complain" / "complain.db", "HOME"};
}

std::filesystem::path Session::store_path() const {
    return store_choice().first;
}

Store& Session::store(Store::Access access, const std::vector<std::int64_t>& incoming) {
    if (!store_) store_ = open_store_(store_path(), access, incoming);
    return *store_;
}

void Session::commit() {
    if (store_ && !store_->committed()) store_->commit();
}

std::vector<SettingSource> Session::sources() {
    std::vector<SettingSource> out;
    try {
        auto [path, from] = store_choice();
        out.push_back({"store", path.string(), "from " + from});
    } catch (const Error& e) {
        out.push_back({"store", "none", e.what()});
    }
    auto [file, from] = config_choice();
    out.push_back({"config", file ? file->string() : "built-in", file ? "from " + from : from});
    out.push_back({"clock", format_iso(now(), zone()),
                   env_.get("COMPLAIN_NOW") ? "from COMPLAIN_NOW"
                   : system_clock_          ? "from the system clock"
                                            : "from the clock given"});
    const Config& c = config();
    std::string zone_from = system_zone_.source;
    if (!c.timezone_name().empty()) {
        auto it = c.origins().find("timezone");
        zone_from = fmt::format("from timezone in {}",
                                it == c.origins().end() ? "the config" : it->second.str());
    }
    out.push_back({"time zone", c.zone()->name(), zone_from});
    return out;
}

std::vector<std::string> Session::damaged() const {
    return store_ ? store_->damaged() : std::vector<std::string>{};
}

} // namespace complain
