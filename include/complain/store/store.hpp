// The store: one SQLite file holding complaints, their timelines and evidence. The only facade
// through which the rest of complain reads or writes it.
#pragma once

#include "complain/domain/complaint.hpp"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace complain {

struct ComplaintFilter {
    std::vector<State> states; // empty: any state
    std::string channel;
    std::string tag;
    std::string against;          // substring, case-insensitive
    std::string search;           // full text over title, body, against, product, order, ref
    std::optional<Instant> since; // created at or after
    std::optional<Instant> until; // created before
};

class Store {
  public:
    // bulk_write is a writer about to store much evidence (attach of large files): while no
    // other connection has the store open, its transaction goes through a rollback journal,
    // which writes new pages once, instead of the WAL, which writes them twice (to the WAL,
    // then to the file at the checkpoint). The store returns to WAL at the end of the command.
    // Readers that arrive meanwhile wait for it (reader_busy_timeout_ms). When another
    // connection is open, bulk_write is an ordinary write.
    enum class Access { read, write, bulk_write };
    static constexpr int schema_version = 1;
    static constexpr int busy_timeout_ms = 5000;         // a writer waits this long for another
    static constexpr int reader_busy_timeout_ms = 30000; // a reader waits for a bulk write

    // Opens the store for one command, inside one transaction (BEGIN IMMEDIATE for writers).
    // A writer creates the file (mode 0600) and its folder when missing; a reader of a missing
    // file sees an empty store and creates nothing. A store whose schema is newer than this
    // binary is refused untouched (Error integrity).
    Store(const std::filesystem::path& path, Access access);
    // Rolls back unless committed; a file this Store created is removed again.
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    void commit();
    // Asks the kernel to start writing out what this command has written to the store so far
    // (sync_file_range, SYNC_FILE_RANGE_WRITE): it does not wait and makes nothing durable, the
    // commit's fsync does that. A large write then overlaps the disk with the work instead of
    // leaving it all to the fsync at the end.
    void start_writeback() noexcept;
    const std::filesystem::path& path() const { return path_; }

    std::int64_t add_complaint(Complaint& c); // sets c.id
    void save_complaint(const Complaint& c);
    void set_tags(std::int64_t complaint_id, const std::vector<std::string>& tags);
    std::optional<Complaint> find_complaint(std::int64_t id);
    Complaint complaint(std::int64_t id); // throws Error(not_found)
    std::vector<Complaint> complaints(const ComplaintFilter& filter);

    void add_event(Event& e); // sets e.id; events are append-only
    std::vector<Event> events(std::int64_t complaint_id);
    // When the complaint's state or channel last changed (filed, state, answered, paused,
    // resumed, escalated): no later change may be back-dated before it.
    std::optional<Instant> last_state_change(std::int64_t complaint_id);
    // Whether the complaint has an event of `kind` whose `due` equals `due`.
    bool has_event(std::int64_t complaint_id, std::string_view kind, std::optional<Instant> due);

    std::vector<Evidence> evidence(std::int64_t complaint_id);

    SQLite::Database& db() { return *db_; }

  private:
    void migrate();
    void open_reader();
    std::string switch_journal(std::string_view mode); // the mode the store is in afterwards
    void choose_journal(bool bulk);
    void return_to_wal() noexcept;
    void abandon() noexcept; // rolls back, and removes a file this Store created
    std::filesystem::path path_;
    std::unique_ptr<SQLite::Database> db_;
    bool created_ = false;
    bool committed_ = false;
    int timeout_ms_ = busy_timeout_ms; // this connection's busy timeout
    // The store and its WAL, opened for start_writeback; closed only after the connection, since
    // closing any descriptor of a file drops the process's POSIX locks on it, SQLite's included.
    std::array<int, 2> writeback_fds_{-1, -1};
    bool rollback_journal_ = false; // not in WAL: a bulk write, or a store one left behind
};

// $COMPLAIN_DB, else $XDG_DATA_HOME/complain/complain.db, else ~/.local/share/complain/complain.db
std::filesystem::path default_store_path();

// The schema's migrations, in order: migrations()[n] takes user_version n to n + 1.
const std::vector<std::string_view>& migrations();

} // namespace complain
