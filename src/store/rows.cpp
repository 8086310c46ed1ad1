// Columns of the store's rows as complain's values and back.
#include "rows.hpp"

#include "complain/error.hpp"

#include <fmt/format.h>

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

std::string text(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

Instant required_instant(const SQLite::Column& c) {
    std::string stored = c.isNull() ? std::string("NULL") : c.getString();
    try {
        if (!c.isNull()) return parse_utc(stored);
    } catch (const Error&) {
    }
    throw Error(Exit::integrity, fmt::format("malformed instant '{}' in {}", stored, c.getName()));
}

std::optional<Instant> instant(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return required_instant(c);
}

std::optional<std::int64_t> integer(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

} // namespace complain
