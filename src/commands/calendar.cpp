// `complain calendar add|check|show`: deadline arithmetic and working days, as a person checks
// them.
#include "complain/commands/command.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>

namespace complain {

namespace {

const char* const weekday_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};

struct CalendarChoice {
    std::string calendar, channel;
};

const Calendar& chosen(const CalendarChoice& c, Session& s) {
    const Config& config = s.config();
    if (!c.channel.empty()) return config.calendar_of(config.channel(c.channel));
    return config.calendar(c.calendar.empty() ? config.default_calendar() : c.calendar);
}

void add_choice(CLI::App* app, CalendarChoice& c, const char* channel_help) {
    app->add_option("--calendar", c.calendar, "Calendar to use (default: the config's calendar)")
        ->type_name("CALENDAR");
    app->add_option("--channel", c.channel, channel_help)->type_name("CHANNEL");
}

std::string describe(const DayInfo& d) {
    switch (d.kind) {
    case DayKind::working:
        return "working day";
    case DayKind::weekend:
        return "day off (weekend)";
    case DayKind::holiday:
        return d.name.empty() ? "day off (holiday)" : fmt::format("day off (holiday: {})", d.name);
    case DayKind::makeup:
        return d.name.empty() ? "working day (makeup day)"
                              : fmt::format("working day (makeup day for {})", d.name);
    }
    return "";
}

// Whether the terminal's locale can show 休 and 班: the first of LC_ALL, LC_CTYPE, LANG that is
// set names UTF-8. A C or POSIX locale, or none at all, gets plain ASCII marks.
bool utf8_locale() {
    for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* v = std::getenv(var);
        if (v == nullptr || *v == '\0') continue;
        std::string value;
        for (const char* c = v; *c != '\0'; ++c)
            if (*c != '-') value += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        return value.find("utf8") != std::string::npos;
    }
    return false;
}

// English names of the official holidays, for terminals that cannot show Chinese.
std::string english_name(const std::string& name) {
    static const std::pair<std::string_view, std::string_view> names[] = {
        {"元旦", "New Year's Day"},         {"春节", "Spring Festival"},
        {"清明节", "Qingming Festival"},    {"劳动节", "Labour Day"},
        {"端午节", "Dragon Boat Festival"}, {"中秋节", "Mid-Autumn Festival"},
        {"国庆节", "National Day"}};
    std::string out;
    size_t from = 0;
    while (from <= name.size()) { // "国庆节、中秋节" names two holidays
        size_t sep = name.find("、", from);
        std::string part = name.substr(from, sep == std::string::npos ? sep : sep - from);
        auto it = std::find_if(std::begin(names), std::end(names),
                               [&](const auto& n) { return n.first == part; });
        if (it == std::end(names)) return name;
        out += (out.empty() ? "" : " and ") + std::string(it->second);
        if (sep == std::string::npos) break;
        from = sep + std::string_view("、").size();
    }
    return out;
}

struct Marks {
    std::string_view off, makeup, none;
    bool english;
};

// A month as a wall calendar: Monday first, each day followed by its mark. 休 marks a day off
// that is not a weekend (a holiday), 班 a weekend day that is a working day (调休): the marks of
// Chinese wall calendars. An ASCII terminal gets * and + instead, and English holiday names.
std::string month_grid(const Calendar& cal, date::year_month ym, Output& out, const Marks& m) {
    // Calendar and holiday names come from a config: shown, never obeyed.
    std::string title =
        fmt::format("{} ({})", date::format("%Y-%m", ym), terminal_text(cal.name()));
    int pad = std::max(0, (34 - display_width(title)) / 2);
    std::string grid = std::string(static_cast<size_t>(pad), ' ') + title + "\n";
    grid += " Mon  Tue  Wed  Thu  Fri  Sat  Sun\n";
    LocalDay first{ym / 1};
    unsigned lead = (date::weekday{first}.c_encoding() + 6) % 7; // Monday first
    std::string row(lead * 5, ' ');
    std::vector<std::string> notes;
    std::string last_note;
    LocalDay end{(ym + date::months{1}) / 1};
    unsigned column = lead;
    auto end_row = [&] {
        while (!row.empty() && row.back() == ' ')
            row.pop_back();
        grid += row + "\n";
        row.clear();
    };
    for (LocalDay d = first; d < end; d += date::days{1}) {
        DayInfo info = cal.classify(d);
        unsigned day = static_cast<unsigned>(date::year_month_day{d}.day());
        std::string_view mark = info.kind == DayKind::holiday  ? m.off
                                : info.kind == DayKind::makeup ? m.makeup
                                                               : m.none;
        Color color = info.kind == DayKind::holiday   ? Color::red
                      : info.kind == DayKind::weekend ? Color::dim
                      : info.kind == DayKind::makeup  ? Color::bold
                                                      : Color::none;
        row += out.paint(fmt::format("{:>2}{}", day, mark), color) + " ";
        if (column % 7 == 6) end_row();
        ++column;
        if (info.kind == DayKind::holiday || info.kind == DayKind::makeup) {
            std::string name = terminal_text(m.english ? english_name(info.name) : info.name);
            std::string_view mark = info.kind == DayKind::holiday ? m.off : m.makeup;
            mark = mark.substr(0, mark.find(' '));
            std::string note =
                info.kind == DayKind::holiday
                    ? fmt::format("{} day off{}", mark, name.empty() ? "" : ": " + name)
                    : fmt::format("{} makeup working day{}", mark,
                                  name.empty() ? "" : " for " + name);
            if (note == last_note && !notes.empty()) // a run of days: first..last
                notes.back() = notes.back().substr(0, 10) + ".." + format_day(d) +
                               notes.back().substr(notes.back().find(' '));
            else
                notes.push_back(format_day(d) + " " + note);
            last_note = note;
        } else if (info.kind == DayKind::working) {
            last_note.clear(); // a weekend inside a holiday does not break the run
        }
    }
    if (!row.empty()) end_row();
    for (const auto& n : notes)
        grid += "  " + n + "\n";
    return grid;
}

} // namespace

Command calendar_command(CLI::App& parent) {
    struct Options {
        std::string date, duration, month, format;
        CalendarChoice choice;
        bool roll = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "calendar", "Count deadlines and check working days (holidays, 调休)");
    app->require_subcommand(1);
    CLI::App* add = app->add_subcommand("add", "Print the due date of a duration started on DATE");
    add->add_option("date", o->date, "Start: a date or an ISO 8601 time")
        ->required()
        ->type_name("DATE");
    add->add_option("duration", o->duration, "A duration: 24h, 3d, 7wd")
        ->required()
        ->type_name("DURATION");
    add->add_flag("--roll", o->roll,
                  "Move a day deadline ending on a day off to the next working day");
    add_choice(add, o->choice, "Use this channel's calendar and roll rule");
    add_format_option(add, o->format, {"table", "json"});
    CLI::App* check = app->add_subcommand("check", "Say whether DATE is a working day, and why");
    check->add_option("date", o->date, "A date, YYYY-MM-DD")->required()->type_name("DATE");
    add_choice(check, o->choice, "Use this channel's calendar");
    add_format_option(check, o->format, {"table", "json"});
    CLI::App* show = app->add_subcommand(
        "show", "Print a month with days off (休) and makeup working days (班)");
    show->add_option("month", o->month, "YYYY-MM (default: this month)")->type_name("MONTH");
    add_choice(show, o->choice, "Use this channel's calendar");
    app->footer(examples({
        "complain calendar add 2026-09-30 7wd      # 2026-10-15: National Day is not counted",
        "complain calendar add 2026-11-23T10:00 48h",
        "complain calendar check 2026-10-10         # a Saturday, and a working day",
        "complain calendar show 2026-10",
    }));
    return {app, [=](Session& s) {
                const Calendar& cal = chosen(o->choice, s);
                if (add->parsed()) {
                    Format format = parse_format(o->format, {Format::table, Format::json});
                    Duration d = parse_duration(o->duration);
                    bool roll = o->roll;
                    if (!o->choice.channel.empty())
                        roll = roll || s.config().channel(o->choice.channel).roll;
                    DeadlineRule rule{d, &cal, s.zone(), roll};
                    Instant start = s.parse_time(o->date);
                    Instant due = compute_due(start, rule);
                    std::string answer = d.is_elapsed() ? format_iso(due, s.zone())
                                                        : format_day(last_day(due, s.zone()));
                    if (format == Format::json)
                        s.out().json({{"start", format_iso(start, s.zone())},
                                      {"duration", d.str()},
                                      {"calendar", cal.name()},
                                      {"roll", roll},
                                      {"due", answer},
                                      {"due_instant", format_iso(due, s.zone())}});
                    else
                        s.out().line(answer);
                } else if (check->parsed()) {
                    Format format = parse_format(o->format, {Format::table, Format::json});
                    LocalDay day = parse_day(o->date);
                    DayInfo info = cal.classify(day);
                    std::string weekday = weekday_names[date::weekday{day}.c_encoding()];
                    if (format == Format::json) {
                        s.out().json({{"date", format_day(day)},
                                      {"weekday", weekday},
                                      {"working", info.working},
                                      {"kind", to_string(info.kind)},
                                      {"name", info.name},
                                      {"calendar", cal.name()},
                                      {"covered", cal.covers(year_of(day))}});
                    } else {
                        // Say it in the line too: a guess should not read like a fact.
                        std::string guess =
                            cal.covers(year_of(day))
                                ? ""
                                : fmt::format(" (no official schedule for {} yet: weekends only)",
                                              year_of(day));
                        s.out().line(fmt::format("{} {}: {} in calendar {}{}", format_day(day),
                                                 weekday, terminal_text(describe(info)),
                                                 terminal_text(cal.name()), guess));
                    }
                } else if (show->parsed()) {
                    date::year_month ym;
                    if (o->month.empty()) {
                        ym = date::year_month_day{local_day(s.now(), s.zone())}.year() /
                             date::year_month_day{local_day(s.now(), s.zone())}.month();
                    } else {
                        LocalDay first;
                        try {
                            first = parse_day(o->month + "-01");
                        } catch (const Error&) {
                            throw Error(Exit::usage,
                                        fmt::format("'{}' is not a month: use YYYY-MM", o->month));
                        }
                        date::year_month_day ymd{first};
                        ym = ymd.year() / ymd.month();
                    }
                    Marks marks = utf8_locale() ? Marks{"休", "班", "  ", false}
                                                : Marks{"* ", "+ ", "  ", true};
                    s.out().raw(month_grid(cal, ym, s.out(), marks));
                }
            }};
}

} // namespace complain
