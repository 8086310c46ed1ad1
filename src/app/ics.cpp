// The iCalendar export of due instants (RFC 5545).
#include "complain/app/ics.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace complain {

namespace {

// Content lines appended to `out` and folded as they are written (RFC 5545 3.1): a physical line
// holds at most `limit` octets, a continuation's leading space included, and is never cut inside
// a UTF-8 character. Writing a value in place spares the copies of escaping it, then folding it.
class ContentLines {
  public:
    static constexpr size_t fold_at = 75;
    explicit ContentLines(std::string& out, size_t limit = fold_at) : out_(out), limit_(limit) {}
    // `octets` as they are: a property's name, a value that needs no escaping.
    ContentLines& raw(std::string_view octets) {
        if (used_ + octets.size() > limit_) return fold(octets);
        out_.append(octets);
        used_ += octets.size();
        return *this;
    }
    // `text` as a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped;
    // other control characters, which TEXT does not allow, left out.
    ContentLines& text(std::string_view text);
    void end() {
        out_ += "\r\n";
        used_ = 0;
    }
    // Whole content lines of complain's own, each ended by CRLF and shorter than a fold: appended
    // at once, where a line has just ended.
    void lines(std::string_view whole) { out_.append(whole); }

  private:
    ContentLines& fold(std::string_view octets); // raw, over more than the line has room for
    std::string& out_;
    size_t limit_;
    size_t used_ = 0; // octets on the current physical line
};

ContentLines& ContentLines::fold(std::string_view octets) {
    while (used_ + octets.size() > limit_) {
        size_t cut = limit_ - used_;
        while (cut > 0 && (static_cast<unsigned char>(octets[cut]) & 0xC0) == 0x80)
            --cut;
        // No character starts within the room left: fold before this one, unless the line holds
        // nothing yet (then it is not UTF-8, and is cut where the line is full).
        if (cut == 0 && used_ <= 1) cut = limit_ - used_;
        out_.append(octets.substr(0, cut)).append("\r\n ");
        octets.remove_prefix(cut);
        used_ = 1;
    }
    out_.append(octets);
    used_ += octets.size();
    return *this;
}

// The octets a TEXT value does not hold as they are: backslash, semicolon, comma, and the control
// characters but tab. 1 or 0, so that four can be joined with |.
constexpr std::array<unsigned char, 256> escaped = [] {
    std::array<unsigned char, 256> table{};
    for (int ch = 0; ch < 0x20; ++ch)
        table[ch] = ch != '\t' ? 1 : 0;
    for (unsigned char ch : {'\\', ';', ',', '\x7f'})
        table[ch] = 1;
    return table;
}();

// The first octet of `text` from `i` on that TEXT does not hold as it is, or text's size. Four
// at a time: a value's octets are mostly ordinary, and an event has a dozen values.
size_t next_escaped(std::string_view text, size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    while (i + 4 <= n &&
           !(escaped[p[i]] | escaped[p[i + 1]] | escaped[p[i + 2]] | escaped[p[i + 3]]))
        i += 4;
    while (i < n && !escaped[p[i]])
        ++i;
    return i;
}

ContentLines& ContentLines::text(std::string_view text) {
    size_t kept = 0; // text before it is written
    for (size_t i = next_escaped(text, 0); i < text.size(); i = next_escaped(text, i + 1)) {
        unsigned char ch = static_cast<unsigned char>(text[i]);
        std::string_view instead;
        switch (ch) {
        case '\\':
            instead = "\\\\";
            break;
        case ';':
            instead = "\\;";
            break;
        case ',':
            instead = "\\,";
            break;
        case '\n':
            instead = "\\n";
            break;
        case '\r':
            instead = i + 1 >= text.size() || text[i + 1] != '\n' ? "\\n" : "";
            break;
        default:
            break;
        }
        raw(text.substr(kept, i - kept)).raw(instead);
        kept = i + 1;
    }
    return raw(text.substr(kept));
}

} // namespace

std::string ics_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    ContentLines(out, std::string::npos).text(text);
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 74 * 3 + 2);
    ContentLines(out).raw(line).end();
    return out;
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

IcsEvents::IcsEvents(const Config& config, Instant now) : config_(config) {
    stamp_ = "DTSTAMP:";
    append_utc_basic(stamp_, now);
    stamp_ += "\r\n";
}

const IcsEvents::ChannelText& IcsEvents::channel_text(const Channel& ch, std::string_view key) {
    auto [at, added] = channels_.try_emplace(&ch);
    if (added) {
        ContentLines name(at->second.name, std::string::npos);
        name.text(ch.name).raw(" (").text(key).raw(")");
        if (!ch.contact.empty())
            ContentLines(at->second.contact, std::string::npos)
                .raw("\\nContact: ")
                .text(ch.contact);
    }
    return at->second;
}

void IcsEvents::append(std::string& out, const Complaint& c) {
    if (!c.running() || !c.clock.due) return;
    ContentLines lines(out);
    due_.clear();
    append_utc_basic(due_, *c.clock.due);
    at_.clear();
    append_utc_basic(at_, *c.clock.due - std::chrono::minutes(30));
    // The title as TEXT once, for the summary and the alarm, with the complaint it names.
    title_.clear();
    ContentLines(title_, std::string::npos).text(c.title);
    char digits[24];
    std::string_view id(digits, std::to_chars(digits, digits + sizeof digits, c.id).ptr);
    title_.append(" (complaint ").append(id).append(")");
    const Channel* ch = config_.find_channel(c.channel);
    const ChannelText* channel = ch ? &channel_text(*ch, c.channel) : nullptr;
    lines.lines("BEGIN:VEVENT\r\n");
    lines.raw("UID:").raw(c.uuid).raw("-").raw(due_).raw("@complain").end();
    lines.lines(stamp_);
    lines.raw("DTSTART:").raw(at_).end();
    lines.raw("DTEND:").raw(due_).end();
    // Words of complain's own are written as they are where they need no escaping.
    lines.raw("SUMMARY:Due: ").raw(title_).end();
    // An answered complaint's clock is what the channel promised in its answer (a follow-up).
    lines.raw("DESCRIPTION:Complaint ").raw(id).raw(" at ");
    if (channel)
        lines.raw(channel->name);
    else
        lines.text(c.channel);
    char level[12];
    lines.raw("\\, level ")
        .raw(std::string_view(level, std::to_chars(level, level + sizeof level, c.level).ptr));
    if (c.follow_up)
        lines.raw(": what the answer promised is due (").text(c.clock.deadline).raw(" promised)");
    else
        lines.raw(": the answer is due (").text(c.clock.deadline).raw(")");
    if (!c.against.empty()) lines.raw("\\nAgainst: ").text(c.against);
    if (!c.order.empty()) lines.raw("\\nOrder: ").text(c.order);
    if (!c.ref.empty()) lines.raw("\\nCase number: ").text(c.ref);
    if (channel) lines.raw(channel->contact);
    lines.raw("\\nIf it does not answer: complain escalate ").raw(id).end();
    lines.lines("CATEGORIES:complain\r\nSTATUS:CONFIRMED\r\nTRANSP:TRANSPARENT\r\n");
    if (c.clock.warn_at) {
        lines.lines("BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
        lines.raw("DESCRIPTION:Due soon: ").raw(title_).end();
        at_.clear();
        append_utc_basic(at_, *c.clock.warn_at);
        lines.raw("TRIGGER;VALUE=DATE-TIME:").raw(at_).end();
        lines.lines("END:VALARM\r\n");
    }
    lines.lines("END:VEVENT\r\n");
}

std::string ics_end() {
    return ics_fold("END:VCALENDAR");
}

} // namespace complain
