// What one command runs with: global options, the environment, the clock, the config and the
// store, each knowing where it came from.
#pragma once

#include "complain/config/config.hpp"
#include "complain/environment.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"
#include "complain/store/store.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace complain {

struct GlobalOptions {
    std::string db;     // --db
    std::string config; // --config
    std::string color = "auto";
};

// The time now, read once per command (the system clock, or a fixed one in tests).
using ClockReader = std::function<Instant()>;
// Opens the store at a path for one command (see Store's constructor; `incoming`: the sizes of the
// evidence a writer is about to store). Tests give one that opens a MemoryStore.
using StoreOpener =
    std::function<std::unique_ptr<Store>(const std::filesystem::path& path, Store::Access access,
                                         const std::vector<std::int64_t>& incoming)>;

// One setting of the command and where it came from, as `config show` lists them.
struct SettingSource {
    std::string setting; // store, config, clock, time zone
    std::string value;
    std::string source; // "from COMPLAIN_DB", "from the system clock", "no file at ..."
};

class Session {
  public:
    // The system clock, and the store file at the path: what a command runs with.
    Session(GlobalOptions options, Output& out, Environment env);
    Session(GlobalOptions options, Output& out, Environment env, ClockReader clock,
            StoreOpener open_store);
    static Instant system_clock();
    static std::unique_ptr<Store> open_store_file(const std::filesystem::path& path,
                                                  Store::Access access,
                                                  const std::vector<std::int64_t>& incoming);

    Output& out() { return out_; }
    const GlobalOptions& options() const { return options_; }
    const Environment& environment() const { return env_; }

    // The config file in use: --config, $COMPLAIN_CONFIG, or the XDG file when it exists.
    std::optional<std::filesystem::path> config_path() const;
    // The XDG location a config would be read from.
    std::filesystem::path default_config_path() const;
    // Loaded on first use; warns on stderr once per calendar and year that no schedule covers.
    const Config& config();
    Zone zone() { return config().zone(); }

    // $COMPLAIN_NOW (ISO 8601) or the clock, read once per command.
    Instant now();
    // Parses a time the user typed (--at, --since) in the config's zone.
    Instant parse_time(std::string_view text);
    // A back-dated instant: not in the future, and not before `earliest` when given.
    Instant event_time(const std::optional<std::string>& at, std::optional<Instant> earliest = {});

    // --db, else $COMPLAIN_DB, else $XDG_DATA_HOME/complain/complain.db, else
    // ~/.local/share/complain/complain.db; Error(usage) when HOME is not set either.
    std::filesystem::path store_path() const;
    // Opened on first use for this command, inside its one transaction. `incoming`: the sizes of
    // the evidence files a writer is about to store, from which the store chooses its journal.
    Store& store(Store::Access access, const std::vector<std::int64_t>& incoming = {});
    // Commits the command's one transaction, if it opened the store and has not committed yet.
    // A command that prints what it changed commits first, so that nothing reads as done that
    // was not; run() commits whatever a command left open.
    void commit();
    // Whether this command's change was committed to the store.
    bool wrote() const { return store_ && store_->wrote(); }
    // Rows of the store this command could not read and left out (see Store::damaged).
    std::vector<std::string> damaged() const;

    // The store, the config file, the clock and the time zone, with where each came from.
    std::vector<SettingSource> sources();

    // What the process exits with when the command succeeds (report --exit-code sets 1).
    Exit exit_code() const { return exit_code_; }
    void set_exit_code(Exit code) { exit_code_ = code; }

  private:
    // The store's path and what chose it.
    std::pair<std::filesystem::path, std::string> store_choice() const;
    // The config file (none: the built-in config) and what chose it.
    std::pair<std::optional<std::filesystem::path>, std::string> config_choice() const;

    Exit exit_code_ = Exit::ok;
    GlobalOptions options_;
    Output& out_;
    Environment env_;
    ClockReader clock_;
    bool system_clock_ = false; // clock_ is system_clock
    StoreOpener open_store_;
    SystemZone system_zone_;
    std::optional<Config> config_;
    std::optional<Instant> now_;
    std::unique_ptr<Store> store_;
    std::set<std::string> warned_; // calendars already warned about
};

} // namespace complain
