// The store: one SQLite file holding complaints, their timelines and evidence. The only facade
// through which the rest of complain reads or writes it.
#pragma once

#include "complain/domain/complaint.hpp"
#include "complain/domain/history.hpp"
#include "complain/error.hpp"
#include "complain/store/evidence.hpp"

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace SQLite {
class Database;
class Exception;
class Statement;
} // namespace SQLite

namespace complain {

class Query; // src/store/rows.hpp

struct ComplaintFilter {
    std::vector<State> states; // empty: any state
    std::string channel;
    std::vector<std::string> tags; // all of them
    std::string against;           // substring, case-insensitive
    std::string search;            // full text of the complaint and its timeline (text_matches)
    std::optional<Instant> since;  // created at or after
    std::optional<Instant> until;  // created before
    // Cron's lists, at the instant `at`: running clocks (open, or answered with a follow-up)
    // overdue (due at or before it), those due soon (warned at or before it, due after it), or
    // either, or with neither every running clock (the calendar of deadlines); `unflagged` leaves
    // out overdue ones whose deadline in force was flagged. Answered by the partial indexes of
    // running and of unflagged deadlines.
    struct Lateness {
        Instant at{};
        bool overdue = false, due_soon = false, unflagged = false;
    };
    std::optional<Lateness> late;
};

class Store {
  public:
    // read: a reader; a store that does not exist is an error (exit 3), never created.
    // write: a writer of an existing store (exit 3 when there is none).
    // create: a writer that makes the store when there is none (only `file` does).
    enum class Access { read, write, create };
    static constexpr int schema_version = 6;
    static constexpr int busy_timeout_ms = 5000;         // a writer waits this long for another
    static constexpr int reader_busy_timeout_ms = 30000; // a reader waits for a bulk write
    // A reader's page cache (SQLite's default is 2 MB): a long list reads the rows of the
    // complaint table in due order, which is no order on disk (bench/README.md, "Page size,
    // cache and mmap").
    static constexpr int reader_cache_kib = 8192;
    // SQLite's default, which cron's lists and the calendar go back to for the rest of their
    // command: they read an index once, in order (Store::each_listed).
    static constexpr int list_cache_kib = 2000;
    // A writer about to store this much new evidence content (attach of large files) writes it
    // through a rollback journal while no other connection has the store open: new pages are
    // written once, instead of twice through the WAL (to the WAL, then to the file at the
    // checkpoint). The store returns to WAL at the end of the command. Readers that arrive
    // meanwhile wait for it (reader_busy_timeout_ms). When another connection is open, it is an
    // ordinary write.
    static constexpr std::int64_t bulk_bytes = std::int64_t{16} << 20;

    // Opens the store for one command, inside one transaction (BEGIN IMMEDIATE for writers).
    // `incoming` are the sizes of the evidence files a writer is about to store: the store
    // counts those that can be new (no stored blob has their size) to choose its journal.
    // A new store is built under a temporary name beside `path` and linked into place when the
    // command commits, so that no other process ever sees a half-made store and a command that
    // fails or is killed leaves no store behind. A 0-byte file or an SQLite file without tables
    // reads as an empty store. A store whose schema is newer than this binary, or whose version
    // is not one complain wrote, is refused untouched, its WAL included (Error integrity).
    // A reader of a store it may not write (a read-only file or folder, a full disk) reads it
    // without the shared-memory file where it cannot create one.
    // Every failure of SQLite or of the file system, here and in every member below, is thrown
    // as the Error it means to a user (see store_failure in src/store/failure.hpp).
    Store(const std::filesystem::path& path, Access access,
          const std::vector<std::int64_t>& incoming = {});
    // An empty store held in memory, with the schema, open to write: for tests.
    static std::unique_ptr<Store> in_memory();
    // Whether `file` is the store at `store` or one of the journals beside it (the same file:
    // attaching it would read a file that changes as it is written).
    static bool is_store_file(const std::filesystem::path& store,
                              const std::filesystem::path& file);
    // Rolls back unless committed. Removes nothing but this Store's own temporary file.
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Commits the command's transaction; a new store is linked into place here (Error busy when
    // another process created the store meanwhile: then nothing was written).
    void commit();
    const std::filesystem::path& path() const { return path_; }
    bool committed() const { return committed_; }
    // Whether this command committed a write: its change is in the store.
    bool wrote() const { return committed_ && writer_; }

    // Inserts the row of a complaint about to be filed (sets c.id); its `filed` event follows,
    // then rebuild().
    std::int64_t add_complaint(Complaint& c);
    // Replays the complaint's timeline and writes what it yields: the row, its tags and which
    // events stand cancelled. A command calls it for every complaint whose events it added.
    Complaint rebuild(std::int64_t id);
    // The replay of a complaint's timeline, without writing it (verify compares it with the row).
    Replayed replayed(std::int64_t id);
    // A complaint by id, one whose filing was undone included (c.undone).
    std::optional<Complaint> find_complaint(std::int64_t id);
    // Throws Error(not_found) for an unknown id and for a complaint whose filing was undone.
    Complaint complaint(std::int64_t id);
    // Complaints whose row cannot be read (a malformed stored instant) are left out of the list
    // and named in damaged().
    std::vector<Complaint> complaints(const ComplaintFilter& filter);
    // The same complaints one at a time, by id, as they are read: memory stays flat whatever the
    // store holds. `each` may read the store (events of the complaint) meanwhile.
    void each_complaint(const ComplaintFilter& filter, const std::function<void(Complaint&)>& each);
    // The same complaints by id, each with its timeline (as events() reads it), in two queries
    // whatever the store holds: one complaint and its events in memory at a time.
    void each_history(const ComplaintFilter& filter,
                      const std::function<void(Complaint&, std::vector<Event>&)>& each);
    // The same complaints in list order, one at a time as they are read, in a fixed number of
    // queries: open work by due (soonest first, those without a due last), then closed complaints
    // in the order they closed, each with when it closed (its last move into its state; none for
    // open work).
    // How much of a complaint a list reads: every field, or only those its table shows (id,
    // title, against, state, channel, the deadline's rule, due, warned at, flagged, follow-up),
    // or its calendar entry (id, uuid, title, against, order, ref, state, channel, level, the
    // deadline, due, warned at, flagged, follow-up), or a table's but when the warning began, for
    // a table of overdue complaints only (a clock past its due is not due soon, whenever its
    // warning began); the others are left as a new Complaint has them, and their pages (a long
    // body, the tags) are not read.
    enum class Fields { all, table, calendar, overdue_table };
    void each_listed(const ComplaintFilter& filter,
                     const std::function<void(Complaint&, std::optional<Instant> closed)>& each,
                     Fields fields = Fields::all);

    // Sets e.id, and e.uuid and e.command when they are empty (every event this Store adds
    // without one has the same command: this command's). Events are append-only.
    void add_event(Event& e);
    // A complaint's timeline; an event that cannot be read is left out and named in damaged().
    std::vector<Event> events(std::int64_t complaint_id);
    // When the complaint's state or channel last changed (filed, state, answered, paused,
    // resumed, escalated): no later change may be back-dated before it.
    std::optional<Instant> last_state_change(std::int64_t complaint_id);
    // For completion: complaints whose id starts with the digits `prefix` (any when empty), open
    // work (open, answered, paused) first, the most recent first, at most `limit`. When more
    // match, the id typed and the most recent id for each next digit come first, so that the
    // candidates share no start longer than what was typed. Read by ranges of the primary key,
    // never the whole table.
    struct IdCandidate {
        std::int64_t id = 0;
        std::string title;
        State state = State::open;
    };
    std::vector<IdCandidate> id_candidates(std::string_view prefix, int limit);
    // Tags in use that start with `prefix`, in order, at most `limit`.
    std::vector<std::string> tag_names(std::string_view prefix, int limit);

    // How SQLite answers complaints(filter), and a complaint with its timeline (status ID): the
    // details of EXPLAIN QUERY PLAN, one per step ("SEARCH c USING INDEX ..."). Tests hold every
    // list to an index with them.
    std::vector<std::string> plan_of_complaints(const ComplaintFilter& filter,
                                                Fields fields = Fields::all);
    std::vector<std::string> plan_of_complaint();

    // Adds a flagged-overdue event (e.due: the deadline it flags) and marks the complaint's row
    // flagged when that is its deadline in force, as a replay would.
    void add_flag(Event& e);

    std::vector<Evidence> evidence(std::int64_t complaint_id);
    // The evidence of a complaint whose SHA-256 starts with `prefix`.
    std::vector<Evidence> evidence_by_prefix(std::int64_t complaint_id, std::string_view prefix);
    void add_evidence(Evidence& e); // sets e.id

    // A line of a complaint's timeline that a search matched: an event's text (kind note,
    // contact, answer, state, answered, paused, resumed, escalated), or an evidence file's name
    // or caption (kind "evidence", field "name" or "caption").
    struct TextMatch {
        std::string kind;
        std::string field; // evidence: name or caption; empty for an event
        Instant at{};      // the event's instant, or when the evidence was added
        std::string text;
    };
    // The lines of the complaint's timeline that contain `search` (ASCII letters in any case),
    // in timeline order, those undo cancelled left out.
    std::vector<TextMatch> text_matches(std::int64_t complaint_id, std::string_view search);

    // Evidence content, kept once per SHA-256 in chunks of chunk_size bytes.
    bool has_blob(std::string_view sha256);
    // Whether some stored blob has exactly `size` bytes: content can only duplicate one that does.
    bool has_blob_of_size(std::int64_t size);
    // Stores content that `next` produces (it fills a buffer and returns how many bytes, 0 at the
    // end), hashing it on a second thread while SQLite writes it: the stored chunks are exactly
    // the bytes hashed. Content that turns out to be stored already is kept once.
    StoredBlob write_blob(std::string_view type,
                          const std::function<size_t(unsigned char*, size_t)>& next);
    // Streams a stored blob chunk by chunk to `sink`. Throws Error(integrity) on a missing chunk.
    void read_blob(std::string_view sha256,
                   const std::function<void(const unsigned char*, size_t)>& sink);
    // The same, a chunk at a time as bytes in a string_view.
    void read_blob(std::string_view sha256, const std::function<void(std::string_view)>& sink);
    // SQLite's integrity check, every row read back, and every blob re-hashed from its chunks.
    Verification verify();

    // Undo, redaction, backup.

    // A command as undo sees it: the events it wrote of the kinds undo takes back (not cron's
    // flagged-overdue, not redacted: removed content cannot come back).
    struct RecentCommand {
        std::string command; // its UUID; empty: one event recorded before schema 2, not undoable
        std::int64_t last_event = 0;          // its highest event id
        Instant recorded{};                   // its latest `recorded`
        std::vector<std::int64_t> complaints; // the complaints it touched, by id
    };
    // The most recent commands, by latest `recorded` then highest event id, at most `limit`;
    // with `complaint`, those that touched it.
    std::vector<RecentCommand> recent_commands(std::optional<std::int64_t> complaint, int limit);

    // A stored blob, whatever became of its content.
    struct BlobInfo {
        std::string sha256;
        std::int64_t size = 0;
        std::string type;
        std::string content; // kept, redacted, absent
    };
    // Blobs whose SHA-256 starts with `prefix` (lower-case hex), at most `limit`.
    std::vector<BlobInfo> blobs_by_prefix(std::string_view prefix, int limit);
    std::optional<BlobInfo> blob(std::string_view sha256);
    // Every complaint with an evidence row naming the blob (links taken back by undo included).
    std::vector<std::int64_t> complaints_linking(std::string_view sha256);
    // Deletes the blob's chunks for good and marks it redacted; its row (hash, size, type) and
    // every evidence row naming it stay.
    void remove_content(std::string_view sha256);
    // After the commit: VACUUM (so the file gives back the pages freed), then a TRUNCATE
    // checkpoint. False when another connection kept it from running: nothing is lost, the file
    // is only not smaller yet.
    bool compact();
    // Bytes of the store file and its WAL.
    std::int64_t file_bytes() const;
    struct BackupCopy {
        std::int64_t complaints = 0, events = 0, files = 0, bytes = 0;
    };
    // A consistent copy of the store as this reader's transaction sees it, written beside `file`
    // under a temporary name, checked (PRAGMA quick_check) and renamed into place.
    BackupCopy backup(const std::filesystem::path& file, bool force);

    // Export and import.
    // What an export holds: the complaints named (every one when none), and with `since` only
    // the events recorded and the evidence added at or after it, of the complaints with such
    // events.
    struct Selection {
        std::vector<std::int64_t> ids;
        std::optional<Instant> since;
    };
    // The blobs that the selected evidence names, in SHA-256 order: sha256, size, type, content.
    void each_exported_blob(const Selection& selection,
                            const std::function<void(const Evidence& blob)>& f);
    // The selected complaints in export order (created, uuid), undone ones included.
    void
    each_exported_complaint(const Selection& selection,
                            const std::function<void(std::int64_t id, const std::string& uuid)>& f);
    // A complaint's events recorded at or after `since`, in replay order (at, recorded, uuid),
    // cancelled ones included. Error(integrity) for one that cannot be read.
    void each_exported_event(std::int64_t id, std::optional<Instant> since,
                             const std::function<void(const Event&)>& f);
    // A complaint's evidence added at or after `since`, ordered by (added, sha256, name), with
    // the UUID of the `attached` event that linked it (empty: none recorded).
    void each_exported_evidence(
        std::int64_t id, std::optional<Instant> since,
        const std::function<void(const Evidence&, const std::string& event_uuid)>& f);
    // Readies the connection for an import of many records: a page cache large enough to keep
    // the indexes an import grows (event UUIDs, timelines, text search) in memory, instead of
    // writing and reading back the same pages (bench/import.sh: 17 times faster at 100k).
    void begin_import();
    // Ends an import before its commit: the new complaints into the text index, in one go.
    void finish_import();
    // The local id of the complaint with this UUID.
    std::optional<std::int64_t> complaint_by_uuid(const std::string& uuid);
    // The id the next new complaint gets: an import adds a complaint's events first (foreign
    // keys are checked at the commit) and its row once, replayed, by add_replayed_complaint.
    std::int64_t next_complaint_id();
    // Writes the row of a new complaint whose events (`events`, as stored under `id`, ids set)
    // are in the store: what their replay yields, its tags and cancelled events, as rebuild()
    // would. Error(integrity) when it has no `filed` event.
    Complaint add_replayed_complaint(std::int64_t id, const std::string& uuid,
                                     std::vector<Event> events);
    // The event with this UUID, in whichever complaint it is.
    std::optional<Event> event_by_uuid(const std::string& uuid);
    // Adds an event as it came: its UUID, and its command (empty: recorded before schema 2).
    void add_imported_event(Event& e);
    // Whether the complaint has this evidence link: the one e.event_id made, or without an event
    // the one with e's sha256, name and added.
    bool has_evidence_link(const Evidence& e);
    // A blob's record: sha256, size, type and content (kept, redacted, absent); none: unknown.
    std::optional<Evidence> blob(const std::string& sha256);
    // A blob's record without content yet (absent), or redacted.
    void add_blob_record(const Evidence& blob);
    // Appends a chunk of content to a blob whose record exists (chunks in seq order, each
    // chunk_size bytes but the last); set_blob_content names the content kept at the end.
    void add_chunk(const std::string& sha256, std::int64_t seq, std::string_view data);
    // Sets the blob's content: kept (with `chunks` chunks), or redacted (its chunks deleted).
    void set_blob_content(const std::string& sha256, std::string_view content, std::int64_t chunks);

    // Rows this command met but could not read, one line each ("complaint 7: ..."): the command
    // serves the others and then fails with exit 6, so that cron never goes quiet about them.
    const std::vector<std::string>& damaged() const { return damaged_; }

    // How this command's writes reach the disk: the journal mode ("wal"; "delete" for a bulk
    // write; "memory" in memory) and SQLite's synchronous level (1 NORMAL, 3 EXTRA).
    struct Journal {
        std::string mode;
        int synchronous = 0;
    };
    Journal journal();

  private:
    friend class MemoryStore;
    Store(std::shared_ptr<SQLite::Database> memory, Access access); // see MemoryStore

    SQLite::Database& db() { return *db_; }
    // The statement of complaints(filter), its SQL after `prefix` ("EXPLAIN QUERY PLAN "), bound.
    // `also`: one more condition on c; `columns`: more columns after the row's, from ", ".
    Query complaint_query(const ComplaintFilter& f, std::string_view prefix,
                          std::string_view order = "c.due, c.id", std::string_view also = "",
                          std::string_view columns = "", Fields fields = Fields::all);
    static std::vector<std::string> query_plan(Query& explain);
    // Each complaint row the statement yields; one that cannot be read is named in damaged().
    void each_row(Query& q, const std::function<void(Complaint&)>& each,
                  Fields fields = Fields::all);
    // The ids of the complaint's events that stand cancelled, as stored, in order.
    std::vector<std::int64_t> cancelled_ids(std::int64_t complaint_id);
    // Writes the row; without `texts`, leaves its indexed texts (title, body, against, product,
    // order, ref) as stored, for when they did not change.
    void save_complaint(const Complaint& c, bool texts = true);
    // A complaint's replay, its errors naming it (Error integrity); r.row.id is set.
    static Replayed replay_of(std::int64_t id, std::vector<Event> events);
    // Error(integrity) for a replay without a `filed` event: it yields no row.
    static void require_filing(const Replayed& r);
    // The rows of `cancelled` for the events the replay found cancelled.
    void add_cancelled(const Replayed& r);
    // Inserts an event as it is (add_event and add_imported_event); sets e.id.
    void insert_event(Event& e);
    void set_tags(std::int64_t complaint_id, const std::vector<std::string>& tags);
    // The tags of a complaint that has none yet (a new row).
    void add_tags(std::int64_t complaint_id, const std::vector<std::string>& tags);
    // Asks the kernel to start writing out what this command has written to the store so far
    // (sync_file_range, SYNC_FILE_RANGE_WRITE): it does not wait and makes nothing durable, the
    // commit's fsync does that. A large write then overlaps the disk with the work instead of
    // leaving it all to the fsync at the end.
    void start_writeback() noexcept;
    // The operating system's error behind the last failure of this connection (ENOSPC, EACCES).
    int system_errno() const;
    // Every row whose stored instants or state cannot be read, one line each naming the
    // complaint (for verify).
    std::vector<std::string> unreadable_rows();
    // Every complaint whose row, tags or cancelled events differ from the replay of its timeline,
    // one line each saying how.
    std::vector<std::string> unreplayable_rows();
    // The Error a failure of SQLite on this store means to a user.
    Error failure(const SQLite::Exception& e) const;
    void open(Access access, const std::vector<std::int64_t>& incoming);
    void open_reader();
    void open_writer(const std::vector<std::int64_t>& incoming);
    bool bulk(const std::vector<std::int64_t>& incoming); // whether much of it is new
    void create_new();
    void open_empty(); // an empty store in memory, for a reader of an empty file
    int check_version();
    void migrate();
    std::string switch_journal(std::string_view mode); // the mode the store is in afterwards
    void choose_journal(bool bulk);
    void return_to_wal() noexcept;
    void link_into_place();
    void abandon() noexcept; // rolls back, and removes this Store's temporary file
    std::filesystem::path path_;
    std::filesystem::path file_; // the file SQLite has open: path_, or the temporary new store
    std::shared_ptr<SQLite::Database> db_;
    bool memory_ = false;   // held in memory (MemoryStore): no file, no journal to choose
    bool creating_ = false; // file_ is a new store, linked to path_ at the commit
    bool committed_ = false;
    bool writer_ = false;              // opened to write
    int timeout_ms_ = busy_timeout_ms; // this connection's busy timeout
    // The store and its WAL, opened for start_writeback; closed only after the connection, since
    // closing any descriptor of a file drops the process's POSIX locks on it, SQLite's included.
    std::array<int, 2> writeback_fds_{-1, -1};
    bool rollback_journal_ = false; // not in WAL: a bulk write, or a store one left behind
    std::vector<std::string> damaged_;
    std::string command_;              // UUID of this command's events, made at the first one
    std::string text_trigger_;         // an import: the text index's insert trigger, to restore
    std::int64_t import_first_id_ = 0; // an import: the first id a new complaint gets

    // An import: the timeline index's event trigger, to restore, and the first new event's id.
    std::string timeline_trigger_;
    std::int64_t import_first_event_ = 0;
    // Statements prepared once for this command, by their SQL (a string literal's address): an
    // import runs the same few a million times. Finalized before the connection closes.
    std::unordered_map<const char*, std::shared_ptr<SQLite::Statement>> statements_;
    // The statement for `sql`, reset and unbound, prepared on first use. `clear` false: its
    // bindings are kept, for a caller that binds every parameter at every run.
    SQLite::Statement& cached(const char* sql, bool clear = true);
    // find_complaint's statement, prepared once as those are, and finalized with them.
    std::unique_ptr<Query> complaint_by_id_;
    void finalize_statements() noexcept;
    int last_errno_ = 0; // system_errno() of a connection closed by a failure
};

// A store held in memory, with its schema, that outlives the commands run on it: a unit test gives
// each Session a Store from open(), which sees what earlier commands committed, as a file would,
// and loses what a failed command did not commit.
class MemoryStore {
  public:
    MemoryStore();
    // A Store for one command; one at a time.
    std::unique_ptr<Store> open(Store::Access access) const;

  private:
    std::shared_ptr<SQLite::Database> db_;
};

// The schema's migrations, in order: migrations()[n] takes user_version n to n + 1.
const std::vector<std::string_view>& migrations();

} // namespace complain
