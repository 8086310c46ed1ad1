// The iCalendar export of due instants (RFC 5545).
#pragma once

#include "complain/config/config.hpp"
#include "complain/domain/complaint.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

namespace complain {

// RFC 5545: one VEVENT per complaint that is open and has a due. The event is the half hour
// before the due (so a deadline at 24:00 sits on its last day), UID stable per complaint and due,
// and a VALARM at the complaint's warning instant. A calendar is written as a list is read: its
// first lines, the VEVENT of each complaint (IcsEvents), its last line.
std::string ics_begin();
std::string ics_end();

// The VEVENTs of a calendar exported at `now`, one complaint at a time: what every event shares
// is written once, and the buffers of one event are kept for the next.
class IcsEvents {
  public:
    IcsEvents(const Config& config, Instant now);
    // The complaint's VEVENT, appended to `out`; nothing when it is not open with a due.
    void append(std::string& out, const Complaint& c);

  private:
    // A channel's words in every event that names it, as TEXT: "name (key)", and "\nContact: ..."
    // or nothing.
    struct ChannelText {
        std::string name;
        std::string contact;
    };
    const ChannelText& channel_text(const Channel& ch, std::string_view key);

    const Config& config_;
    std::string stamp_; // the DTSTAMP line
    std::string due_;   // the due, for UID and DTEND
    std::string at_;    // DTSTART, then the alarm's trigger
    std::string title_; // the title as TEXT and " (complaint ID)", for the summary and the alarm
    std::unordered_map<const Channel*, ChannelText> channels_;
};
// Folds a content line at 75 octets (never inside a UTF-8 sequence) with CRLF and a space.
std::string ics_fold(std::string_view line);
// Escapes TEXT: backslash, semicolon, comma and newlines.
std::string ics_text(std::string_view text);

} // namespace complain
