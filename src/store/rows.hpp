// Columns of the store's rows as complain's values and back: NULL for an empty text or none,
// instants as "YYYY-MM-DDTHH:MM:SSZ". Private to src/store/.
#pragma once

#include "complain/domain/complaint.hpp"
#include "complain/domain/time.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cstdint>
#include <memory>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace complain {

// One column of a Query's current row, read as SQLite::Column reads it (the same names), through
// SQLite's C calls.
class Field {
  public:
    Field(sqlite3_stmt* stmt, int i) : stmt_(stmt), i_(i) {}
    const char* getText(const char* null_value) const; // null_value for NULL
    int getBytes() const;
    bool isNull() const;
    int getInt() const;
    std::int64_t getInt64() const;
    const char* getName() const;
    sqlite3_value* value() const { return sqlite3_column_value(stmt_, i_); }

  private:
    sqlite3_stmt* stmt_;
    int i_;
};

// A statement read through SQLite's C calls. A list reads a dozen columns of each of thousands
// of rows, and SQLite::Statement's getColumn makes an object that shares the statement (an
// atomic count, a check of the row and the index) for every one. Its errors are SQLite's
// exceptions, as SQLite::Statement's are.
class Query {
  public:
    Query(SQLite::Database& db, const std::string& sql);
    void bind(int i, std::string_view text);
    void bind(int i, std::int64_t value);
    bool executeStep(); // true: a row to read
    void reset();       // to run again; its bound values stay
    int getColumnCount() const;
    int getColumnIndex(const char* name) const; // SQLite::Exception for none
    Field getColumn(int i) const { return {stmt_.get(), i}; }

  private:
    struct Finalize {
        void operator()(sqlite3_stmt* stmt) const;
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

void bind_text(SQLite::Statement& q, int i, const std::string& s); // empty: NULL
void bind_instant(SQLite::Statement& q, int i, const std::optional<Instant>& t);
void bind_int(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v);

std::string text(const SQLite::Column& c);                  // NULL: empty
void assign_text(std::string& to, const SQLite::Column& c); // text(c), into to's buffer
// A stored instant, or Error(integrity) naming the column and the text found there.
Instant required_instant(const SQLite::Column& c);
std::optional<Instant> instant(const SQLite::Column& c);
std::optional<std::int64_t> integer(const SQLite::Column& c);
// The same of a Query's column.
std::string text(const Field& c);
// The same without a copy: valid until the query steps again.
std::string_view text_view(const Field& c);
void assign_text(std::string& to, const Field& c);
Instant required_instant(const Field& c);
std::optional<Instant> instant(const Field& c);
std::optional<std::int64_t> integer(const Field& c);

// The event columns that read_event reads, in its order (columns 0 to 13 of a statement).
inline constexpr const char* event_columns =
    "e.id, e.complaint_id, e.at, e.recorded, e.kind, e.text, e.field, e.old_value, e.new_value, "
    "e.due, e.uuid, e.command, e.change, e.retracts";
// An event from a statement that selects event_columns first. Error(integrity), naming the
// complaint and the event, for one that cannot be read.
Event read_event(SQLite::Statement& q);
// The statement that reads a complaint's timeline in replay order (one parameter: its id).
const std::string& timeline_query();
// Which events' text the timeline index holds, as a condition on the event table named `alias`
// ("" for none): "(e.kind = 'note' OR ...)". The trigger timeline_text_event, which schema 4
// made (src/store/schema.cpp), names the same kinds.
std::string indexed_event_kinds(std::string_view alias);
// A purpose said anew, as a condition on the event table named `alias` ("" for none): the edits
// whose new purpose the trigger timeline_text_purpose, which schema 6 made, indexes under their
// own id.
std::string purpose_edit_terms(std::string_view alias);

// Runs `sql` over the rows of `table` from id `first` on, `step` ids at a time: ?1 and ?2 are
// bound to each step's first and last id, and `descending` takes the steps from the last. Within
// a transaction SQLite keeps, in memory, each page a statement changes that was there before the
// statement began, so that the statement alone can be undone; the text indexes merge what earlier
// rows wrote as new rows go in, and an import's one statement over a million complaints' events
// held 120 MiB of pages that way. Steps bound what a statement holds, whatever the table holds.
void in_steps(SQLite::Database& db, const std::string& sql, std::string_view table,
              std::int64_t first, std::int64_t step, bool descending = false);

} // namespace complain
