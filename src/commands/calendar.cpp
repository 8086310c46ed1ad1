// `complain calendar add|check|show`: deadline arithmetic and working days, as a person checks
// them.
#include "complain/commands/command.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/error.hpp"
#include "complain/output/output.hpp"

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

void add_choice(CLI::App* app, CalendarChoice& c) {
    app->add_option("--calendar", c.calendar, "Calendar to use (default: the config's calendar)")
        ->type_name("CALENDAR");
    app->add_option("--channel", c.channel,
                    "Use this channel's calendar (and, for add, its roll rule)")
        ->type_name("CHANNEL");
}

std::string describe(const DayInfo& d) {
    switch (d.kind) {
    case DayKind::working:
        return "working day";
    case DayKind::weekend:
        return "day off (weekend)";
    case DayKind::holiday:
        return d.name.empty() ? "day off (holiday)" : fmt::format("day off ({})", d.name);
    case DayKind::makeup:
        return d.name.empty() ? "working day (makeup day)"
                              : fmt::format("working day (makeup day for {})", d.name);
    }
    return "";
}

std::string month_grid(const Calendar& cal, date::year_month ym, Output& out) {
    std::string grid =
        fmt::format("{:^35}\n", fmt::format("{} ({})", date::format("%Y-%m", ym), cal.name()));
    grid += " Mon  Tue  Wed  Thu  Fri  Sat  Sun\n";
    LocalDay first{ym / 1};
    unsigned lead = (date::weekday{first}.c_encoding() + 6) % 7; // Monday first
    grid += std::string(lead * 5, ' ');
    std::vector<std::string> notes;
    std::string last_note;
    LocalDay end{(ym + date::months{1}) / 1};
    unsigned column = lead;
    for (LocalDay d = first; d < end; d += date::days{1}) {
        DayInfo info = cal.classify(d);
        unsigned day = static_cast<unsigned>(date::year_month_day{d}.day());
        // 休 marks a day off, 班 a makeup working day: the marks on Chinese wall calendars.
        std::string mark = info.kind == DayKind::holiday  ? "休"
                           : info.kind == DayKind::makeup ? "班"
                                                          : "  ";
        Color color = info.kind == DayKind::holiday   ? Color::red
                      : info.kind == DayKind::weekend ? Color::dim
                      : info.kind == DayKind::makeup  ? Color::bold
                                                      : Color::none;
        grid += out.paint(fmt::format("{:>2}{}", day, mark), color) + (column % 7 == 6 ? "" : " ");
        if (column % 7 == 6) grid += "\n";
        ++column;
        if (info.kind == DayKind::holiday || info.kind == DayKind::makeup) {
            std::string note = fmt::format(
                "{} {}", info.kind == DayKind::holiday ? "休 day off" : "班 makeup working day",
                info.name);
            if (note == last_note && !notes.empty()) {
                notes.back() = fmt::format("{}..{}", notes.back().substr(0, 10), format_day(d)) +
                               notes.back().substr(notes.back().find(' '));
            } else {
                notes.push_back(fmt::format("{} {}", format_day(d), note));
            }
            last_note = note;
        } else {
            last_note.clear();
        }
    }
    if (column % 7 != 0) grid += "\n";
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
    add_choice(add, o->choice);
    add_format_option(add, o->format, {"table", "json"});
    CLI::App* check = app->add_subcommand("check", "Say whether DATE is a working day, and why");
    check->add_option("date", o->date, "A date, YYYY-MM-DD")->required()->type_name("DATE");
    add_choice(check, o->choice);
    add_format_option(check, o->format, {"table", "json"});
    CLI::App* show = app->add_subcommand(
        "show", "Print a month with days off (休) and makeup working days (班)");
    show->add_option("month", o->month, "YYYY-MM (default: this month)")->type_name("MONTH");
    add_choice(show, o->choice);
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
                                      {"calendar", cal.name()}});
                    } else {
                        s.out().line(fmt::format("{} {}: {} in calendar {}", format_day(day),
                                                 weekday, describe(info), cal.name()));
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
                    s.out().raw(month_grid(cal, ym, s.out()));
                }
            }};
}

} // namespace complain
