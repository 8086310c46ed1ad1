// What one command runs with: global options, the clock, the config and the store.
#pragma once

#include "complain/config/config.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"
#include "complain/store/store.hpp"

#include <filesystem>
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

class Session {
  public:
    Session(GlobalOptions options, Output& out);

    Output& out() { return out_; }
    const GlobalOptions& options() const { return options_; }

    // The config file in use: --config, $COMPLAIN_CONFIG, or the XDG file when it exists.
    std::optional<std::filesystem::path> config_path() const;
    // The XDG location a config would be read from.
    std::filesystem::path default_config_path() const;
    // Loaded on first use; warns on stderr once per calendar and year that no schedule covers.
    const Config& config();
    Zone zone() { return config().zone(); }

    // $COMPLAIN_NOW (ISO 8601) or the system clock, read once per command.
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
    // Whether this command's change was committed to the store.
    bool wrote() const { return store_ && store_->wrote(); }
    // Rows of the store this command could not read and left out (see Store::damaged).
    std::vector<std::string> damaged() const;

    // What the process exits with when the command succeeds (report --exit-code sets 1).
    Exit exit_code() const { return exit_code_; }
    void set_exit_code(Exit code) { exit_code_ = code; }

  private:
    Exit exit_code_ = Exit::ok;
    GlobalOptions options_;
    Output& out_;
    std::optional<Config> config_;
    std::optional<Instant> now_;
    std::unique_ptr<Store> store_;
    std::set<std::string> warned_; // calendars already warned about
};

} // namespace complain
