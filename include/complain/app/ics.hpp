// The iCalendar export of due instants (RFC 5545).
#pragma once

#include "complain/config/config.hpp"
#include "complain/domain/complaint.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace complain {

// RFC 5545: one VEVENT per complaint that is open and has a due. The event is the half hour
// before the due (so a deadline at 24:00 sits on its last day), UID stable per complaint and due,
// and a VALARM at the complaint's warning instant.
std::string ics_calendar(const std::vector<Complaint>& list, const Config& config, Instant now);
// The same in parts, for a list written as it is read: the calendar's first lines, the VEVENT of
// one complaint ("" when it is not open with a due), the last line.
std::string ics_begin();
std::string ics_event(const Complaint& c, const Config& config, Instant now);
std::string ics_end();
// Folds a content line at 75 octets (never inside a UTF-8 sequence) with CRLF and a space.
std::string ics_fold(std::string_view line);
// Escapes TEXT: backslash, semicolon, comma and newlines.
std::string ics_text(std::string_view text);

} // namespace complain
