// Columns of the store's rows as complain's values and back.
#include "rows.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace complain {

void bind_text(SQLite::Statement& q, int i, const std::string& s) {
    if (s.empty())
        q.bind(i);
    else
        q.bind(i, s);
}

void bind_instant(SQLite::Statement& q, int i, const std::optional<Instant>& t) {
    if (t)
        q.bind(i, format_utc(*t));
    else
        q.bind(i);
}

void bind_int(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
    if (v)
        q.bind(i, static_cast<int64_t>(*v));
    else
        q.bind(i);
}

Query::Query(SQLite::Database& db, const std::string& sql) : db_(db.getHandle()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
    stmt_.reset(stmt);
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
}

void Query::Finalize::operator()(sqlite3_stmt* stmt) const {
    sqlite3_finalize(stmt);
}

void Query::bind(int i, std::string_view text) {
    int rc = sqlite3_bind_text(stmt_.get(), i, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
}

void Query::bind(int i, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_.get(), i, value);
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
}

bool Query::executeStep() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(db_, rc);
}

void Query::reset() {
    sqlite3_reset(stmt_.get());
}

int Query::getColumnCount() const {
    return sqlite3_column_count(stmt_.get());
}

int Query::getColumnIndex(const char* name) const {
    for (int i = 0; i < getColumnCount(); ++i)
        if (std::string_view(sqlite3_column_name(stmt_.get(), i)) == name) return i;
    throw SQLite::Exception(fmt::format("no column named {}", name));
}

const char* Field::getText(const char* null_value) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i_));
    return text ? text : null_value;
}

int Field::getBytes() const {
    return sqlite3_column_bytes(stmt_, i_);
}

bool Field::isNull() const {
    return sqlite3_column_type(stmt_, i_) == SQLITE_NULL;
}

int Field::getInt() const {
    return sqlite3_column_int(stmt_, i_);
}

std::int64_t Field::getInt64() const {
    return sqlite3_column_int64(stmt_, i_);
}

const char* Field::getName() const {
    return sqlite3_column_name(stmt_, i_);
}

namespace {

// The column's text, without a copy; nullopt for NULL. Valid until the statement moves on.
template <class Column> std::optional<std::string_view> view(const Column& c) {
    const char* text = c.getText(nullptr);
    if (text == nullptr) return std::nullopt;
    return std::string_view(text, static_cast<size_t>(c.getBytes()));
}

// The same for a Query's column, read through its value: one look-up of the column where
// sqlite3_column_text and sqlite3_column_bytes make one each. The value is unprotected, which
// SQLite allows a connection that no other thread uses (complain's, opened without a mutex).
std::optional<std::string_view> view(const Field& c) {
    sqlite3_value* value = c.value();
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    if (text == nullptr) return std::nullopt;
    return std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(value)));
}

// `stored`, the text of `c`, as an instant.
template <class Column>
Instant parsed_instant(std::optional<std::string_view> stored, const Column& c) {
    try {
        if (stored) return parse_utc(*stored);
    } catch (const Error&) {
    }
    throw Error(Exit::integrity,
                trf("malformed instant '{}' in {}", stored.value_or("NULL"), c.getName()));
}

} // namespace

std::string text(const SQLite::Column& c) {
    return std::string(view(c).value_or(std::string_view()));
}

std::string text(const Field& c) {
    return std::string(view(c).value_or(std::string_view()));
}

std::string_view text_view(const Field& c) {
    return view(c).value_or(std::string_view());
}

void assign_text(std::string& to, const SQLite::Column& c) {
    to.assign(view(c).value_or(std::string_view()));
}

void assign_text(std::string& to, const Field& c) {
    to.assign(view(c).value_or(std::string_view()));
}

Instant required_instant(const SQLite::Column& c) {
    return parsed_instant(view(c), c);
}

Instant required_instant(const Field& c) {
    return parsed_instant(view(c), c);
}

std::optional<Instant> instant(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return required_instant(c);
}

// NULL is a null text: one call, where isNull() and then the text would be two.
std::optional<Instant> instant(const Field& c) {
    std::optional<std::string_view> stored = view(c);
    if (!stored) return std::nullopt;
    return parsed_instant(stored, c);
}

std::optional<std::int64_t> integer(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

std::optional<std::int64_t> integer(const Field& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

std::string indexed_event_kinds(std::string_view alias) {
    std::string out;
    for (const char* kind :
         {"note", "contact", "answer", "state", "answered", "paused", "resumed", "escalated"})
        out += fmt::format("{}{}{}kind = '{}'", out.empty() ? "(" : " OR ", alias,
                           alias.empty() ? "" : ".", kind);
    return out + ")";
}

std::string purpose_edit_terms(std::string_view alias) {
    std::string a = alias.empty() ? "" : fmt::format("{}.", alias);
    return fmt::format("{0}kind = 'edited' AND substr({0}field, 1, 8) = 'purpose:' AND "
                       "{0}new_value <> ''",
                       a);
}

Event read_event(SQLite::Statement& q) {
    Event e;
    e.id = q.getColumn(0).getInt64();
    e.complaint_id = q.getColumn(1).getInt64();
    try {
        e.at = required_instant(q.getColumn(2));
        e.recorded = required_instant(q.getColumn(3));
        e.due = instant(q.getColumn(9));
        std::string retracts = text(q.getColumn(13));
        if (!retracts.empty()) {
            auto j = nlohmann::json::parse(retracts, nullptr, false);
            if (!j.is_array())
                throw Error(Exit::integrity, trf("malformed retracts '{}'", retracts));
            for (const auto& uuid : j) {
                if (!uuid.is_string())
                    throw Error(Exit::integrity, trf("malformed retracts '{}'", retracts));
                e.retracts.push_back(uuid.get<std::string>());
            }
        }
    } catch (const Error& bad) {
        throw Error(Exit::integrity,
                    trf("complaint {}, event {}: {}", e.complaint_id, e.id, bad.what()));
    }
    e.kind = q.getColumn(4).getString();
    e.text = text(q.getColumn(5));
    e.field = text(q.getColumn(6));
    e.old_value = text(q.getColumn(7));
    e.new_value = text(q.getColumn(8));
    e.uuid = q.getColumn(10).getString();
    e.command = text(q.getColumn(11));
    e.change = text(q.getColumn(12));
    return e;
}

void in_steps(SQLite::Database& db, const std::string& sql, std::string_view table,
              std::int64_t first, std::int64_t step, bool descending) {
    const std::int64_t last =
        db.execAndGet(fmt::format("SELECT coalesce(max(id), 0) FROM {}", table)).getInt64();
    SQLite::Statement q(db, sql);
    for (std::int64_t n = 0; first + n * step <= last; ++n) {
        std::int64_t from = descending ? last - (n + 1) * step + 1 : first + n * step;
        q.bind(1, static_cast<int64_t>(std::max(from, first)));
        q.bind(2, static_cast<int64_t>(std::min(from + step - 1, last)));
        q.exec();
        q.reset();
    }
}

} // namespace complain
