// How complaints, events and evidence look to people (tables, a detail view) and programs (JSON).
#pragma once

#include "complain/app/session.hpp"
#include "complain/domain/complaint.hpp"
#include "complain/output/output.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace complain {

// The JSON object of DESIGN.md "Machine output", with left_seconds (before the due, negative when
// overdue; null when no due runs) and closed (null while open) as in the CSV; events and evidence
// when given.
nlohmann::ordered_json complaint_json(const Complaint& c, Session& s,
                                      const std::vector<Event>* events = nullptr,
                                      const std::vector<Evidence>* evidence = nullptr);
// The same with `closed` (when a closed complaint closed) known, as a list read it.
nlohmann::ordered_json complaint_json(const Complaint& c, std::optional<Instant> closed, Session& s,
                                      const std::vector<Event>* events = nullptr,
                                      const std::vector<Evidence>* evidence = nullptr);
nlohmann::ordered_json event_json(const Event& e, Zone zone);
// With `path`: where --extract wrote it.
nlohmann::ordered_json evidence_json(const Evidence& e, Zone zone, const std::string& path = {});
// " [redacted: content removed]" or " [content not in this store]" after an evidence name whose
// content is not kept; "" when it is.
std::string content_note(const Evidence& e);
nlohmann::ordered_json evidence_list_json(const std::vector<Evidence>& list, Zone zone);
// `attach --list`: for people (table, markdown) SHA-256 prefixes, sizes in KiB and minutes; as
// data (csv) JSON's names, the full SHA-256, sizes in bytes and ISO 8601 instants.
Table evidence_table(const std::vector<Evidence>& list, Format format, Zone zone);

// "3 working days", "5h", "overdue 2h", "paused", "" (no deadline, or closed)
std::string left_text(const Complaint& c, Session& s);
// The same, appended to `out`.
void append_left(std::string& out, const Complaint& c, Session& s);
Color urgency_color(const Complaint& c, Session& s);
std::string amount_text(const Complaint& c);    // "199.00 CNY" or ""
std::string recovered_text(const Complaint& c); // "120.00 CNY" or ""

// When a closed complaint closed: its last move into its state (`at`, which may be back-dated).
Instant closed_at(const Complaint& c, Session& s);
// A list's table: one row per complaint, ID, STATE, CHANNEL, DUE, LEFT (for a closed one, the
// day it closed), AGAINST, TITLE.
std::vector<Column> complaint_columns();
// A row of it, written over `row` (a list fills one row for each complaint: its cells keep their
// buffers); `closed`: when a closed complaint closed, if known (else read).
void complaint_row(std::vector<Cell>& row, const Complaint& c, std::optional<Instant> closed,
                   Session& s);
// The same list as data, for CSV: JSON's field names (every field of complaint_fields), ISO 8601
// instants with their offset, the seconds left before the due (negative when overdue) instead of
// "overdue 2h", and when a closed complaint closed.
std::vector<Column> complaint_data_columns();
std::vector<Cell> complaint_data_row(const Complaint& c, std::optional<Instant> closed, Session& s);
// The complaints `filter` selects in list order (open work by due, then closed complaints in the
// order they closed), printed as they are read from the store (Store::each_listed), so that
// memory stays bounded whatever the list holds: a JSON array, or a table in `format` (through
// the pager on a terminal), or ICS (report --format ics). An empty list prints nothing in a
// terminal table, so that cron mails only when there is news. With a search (`status --search
// TEXT`), under each complaint's row the lines of its timeline that matched (kind, date, the
// text with the match marked); in JSON a `matches` array per complaint (kind, field, at, text).
// `each`, when given, sees every complaint as it is printed. Returns how many were listed.
size_t print_listed(Session& s, const ComplaintFilter& filter, Format format,
                    const std::function<void(const Complaint&)>& each = {});
// The detail view of `status ID`: facts, timeline, evidence.
std::string complaint_detail(const Complaint& c, const std::vector<Event>& events,
                             const std::vector<Evidence>& evidence, Session& s);
// Whether the event is an answer that set a follow-up (a promise with a deadline).
bool starts_follow_up(const Event& e);
// A one-line description of an event for timelines.
// What an event is, in the language of messages ("note" in English, "备注" in Chinese); the
// kind itself where it has no name.
std::string event_kind_label(std::string_view kind);
std::string event_summary(const Event& e, Session& s);
// "1.2 MiB"
std::string size_text(std::int64_t bytes);

} // namespace complain
