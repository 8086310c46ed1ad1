// The iCalendar export of due instants (RFC 5545).
#include "complain/app/ics.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace complain {
std::string ics_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    size_t kept = 0; // text before it is in out
    auto put = [&](size_t at, std::string_view instead) {
        out.append(text.substr(kept, at - kept)).append(instead);
        kept = at + 1;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        switch (ch) {
        case '\\':
            put(i, "\\\\");
            break;
        case ';':
            put(i, "\\;");
            break;
        case ',':
            put(i, "\\,");
            break;
        case '\n':
            put(i, "\\n");
            break;
        case '\r':
            put(i, i + 1 >= text.size() || text[i + 1] != '\n' ? "\\n" : "");
            break;
        default:
            // Other control characters are not allowed in TEXT (RFC 5545 3.3.11).
            if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t') || ch == 0x7f) put(i, "");
        }
    }
    return out.append(text.substr(kept));
}

std::string ics_fold(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 74 * 3 + 2);
    // 75 octets on the first line; continuation lines spend one on their leading space. A line
    // is cut before the character that would not fit, never inside it.
    size_t limit = 75;
    while (line.size() > limit) {
        size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        if (cut == 0) cut = limit; // no character starts within the limit: not UTF-8
        out.append(line.substr(0, cut)).append("\r\n ");
        line.remove_prefix(cut);
        limit = 74;
    }
    return out.append(line).append("\r\n");
}

std::string ics_begin() {
    std::string out;
    for (std::string_view text :
         {std::string_view("BEGIN:VCALENDAR"), std::string_view("VERSION:2.0"),
          std::string_view("PRODID:-//complain//complain " COMPLAIN_VERSION "//EN"),
          std::string_view("CALSCALE:GREGORIAN"), std::string_view("METHOD:PUBLISH"),
          std::string_view("X-WR-CALNAME:complain deadlines")})
        out += ics_fold(text);
    return out;
}

std::string ics_event(const Complaint& c, const Config& config, Instant now) {
    std::string out;
    auto line = [&](std::string_view text) { out += ics_fold(text); };
    if (!c.running() || !c.clock.due) return out;
    const Channel* ch = config.find_channel(c.channel);
    std::string channel = ch ? fmt::format("{} ({})", ch->name, c.channel) : c.channel;
    // An answered complaint's clock is what the channel promised in its answer (a follow-up).
    std::string description =
        c.follow_up ? fmt::format("Complaint {} at {}, level {}: what the answer promised is due "
                                  "({} promised)",
                                  c.id, channel, c.level, c.clock.deadline)
                    : fmt::format("Complaint {} at {}, level {}: the answer is due ({})", c.id,
                                  channel, c.level, c.clock.deadline);
    if (!c.against.empty()) description += "\nAgainst: " + c.against;
    if (!c.order.empty()) description += "\nOrder: " + c.order;
    if (!c.ref.empty()) description += "\nCase number: " + c.ref;
    if (ch && !ch->contact.empty()) description += "\nContact: " + ch->contact;
    description += fmt::format("\nIf it does not answer: complain escalate {}", c.id);
    line("BEGIN:VEVENT");
    line(fmt::format("UID:{}-{}@complain", c.uuid, format_utc_basic(*c.clock.due)));
    line("DTSTAMP:" + format_utc_basic(now));
    line("DTSTART:" + format_utc_basic(*c.clock.due - std::chrono::minutes(30)));
    line("DTEND:" + format_utc_basic(*c.clock.due));
    line("SUMMARY:" + ics_text(fmt::format("Due: {} (complaint {})", c.title, c.id)));
    line("DESCRIPTION:" + ics_text(description));
    line("CATEGORIES:complain");
    line("STATUS:CONFIRMED");
    line("TRANSP:TRANSPARENT");
    if (c.clock.warn_at) {
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line("DESCRIPTION:" + ics_text(fmt::format("Due soon: {} (complaint {})", c.title, c.id)));
        line("TRIGGER;VALUE=DATE-TIME:" + format_utc_basic(*c.clock.warn_at));
        line("END:VALARM");
    }
    line("END:VEVENT");
    return out;
}

std::string ics_end() {
    return ics_fold("END:VCALENDAR");
}

std::string ics_calendar(const std::vector<Complaint>& list, const Config& config, Instant now) {
    std::string out = ics_begin();
    for (const Complaint& c : list)
        out += ics_event(c, config, now);
    return out + ics_end();
}

} // namespace complain
