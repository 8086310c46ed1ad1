// Columns of the store's rows as complain's values and back.
#include "rows.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

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

namespace {

// The column's text, without a copy; nullopt for NULL. Valid until the statement moves on.
std::optional<std::string_view> view(const SQLite::Column& c) {
    const char* text = c.getText(nullptr);
    if (text == nullptr) return std::nullopt;
    return std::string_view(text, static_cast<size_t>(c.getBytes()));
}

} // namespace

std::string text(const SQLite::Column& c) {
    return std::string(view(c).value_or(std::string_view()));
}

void assign_text(std::string& to, const SQLite::Column& c) {
    to.assign(view(c).value_or(std::string_view()));
}

Instant required_instant(const SQLite::Column& c) {
    std::optional<std::string_view> stored = view(c);
    try {
        if (stored) return parse_utc(*stored);
    } catch (const Error&) {
    }
    throw Error(Exit::integrity,
                trf("malformed instant '{}' in {}", stored.value_or("NULL"), c.getName()));
}

std::optional<Instant> instant(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return required_instant(c);
}

std::optional<std::int64_t> integer(const SQLite::Column& c) {
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

} // namespace complain
