// The per-command session: lazy config and store, and the clock.
#include "complain/app/session.hpp"

#include "complain/error.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace complain {

Session::Session(GlobalOptions options, Output& out) : options_(std::move(options)), out_(out) {}

std::filesystem::path Session::default_config_path() const {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/')
        return std::filesystem::path(xdg) / "complain" / "config.toml";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : "") / ".config" / "complain" / "config.toml";
}

std::optional<std::filesystem::path> Session::config_path() const {
    if (!options_.config.empty()) return std::filesystem::path(options_.config);
    if (const char* env = std::getenv("COMPLAIN_CONFIG"); env != nullptr && *env != '\0')
        return std::filesystem::path(env);
    std::error_code ec;
    auto xdg = default_config_path();
    if (std::filesystem::exists(xdg, ec)) return xdg;
    return std::nullopt;
}

const Config& Session::config() {
    if (!config_) {
        config_ = Config::load(config_path());
        config_->on_uncovered_year([this](const Calendar& cal, int year) {
            // Once per calendar and command: a count over many uncovered years (an old
            // complaint) must not flood a cron mail.
            if (!warned_.insert(cal.name()).second) return;
            const Calendar* official = cal.official();
            std::string via = official && official != &cal
                                  ? fmt::format(" (based on {})", official->name())
                                  : std::string();
            out_.warning(fmt::format("calendar {}{} has no official schedule for {}: counting "
                                     "weekends only",
                                     cal.name(), via, year));
        });
    }
    return *config_;
}

Instant Session::now() {
    if (!now_) {
        const char* fixed = std::getenv("COMPLAIN_NOW");
        if (fixed != nullptr && *fixed != '\0') {
            try {
                now_ = parse_instant(fixed, zone());
            } catch (const Error& e) {
                throw Error(Exit::usage, fmt::format("COMPLAIN_NOW: {}", e.what()));
            }
        } else {
            now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        }
    }
    return *now_;
}

Instant Session::parse_time(std::string_view text) {
    return parse_instant(text, zone());
}

Instant Session::event_time(const std::optional<std::string>& at, std::optional<Instant> earliest) {
    if (!at) return earliest ? std::max(now(), *earliest) : now();
    Instant t = parse_time(*at);
    if (t > now())
        throw Error(Exit::usage, fmt::format("--at {} is in the future (now is {}): record things "
                                             "after they happen",
                                             *at, format_iso(now(), zone())));
    if (earliest && t < *earliest)
        throw Error(Exit::usage,
                    fmt::format("--at {} is before the complaint's last change ({}): a timeline "
                                "runs forward",
                                *at, format_iso(*earliest, zone())));
    return t;
}

std::filesystem::path Session::store_path() const {
    if (!options_.db.empty()) return options_.db;
    if (const char* db = std::getenv("COMPLAIN_DB"); db != nullptr && *db != '\0') return db;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/')
        return std::filesystem::path(xdg) / "complain" / "complain.db";
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0')
        throw Error(Exit::usage, "HOME is not set: name the store with --db or COMPLAIN_DB");
    return std::filesystem::path(home) / ".local" / "share" / "complain" / "complain.db";
}

Store& Session::store(Store::Access access, const std::vector<std::int64_t>& incoming) {
    if (!store_) store_ = std::make_unique<Store>(store_path(), access, incoming);
    return *store_;
}

std::vector<std::string> Session::damaged() const {
    return store_ ? store_->damaged() : std::vector<std::string>{};
}

} // namespace complain
