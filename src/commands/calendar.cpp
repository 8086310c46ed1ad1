// `complain calendar add|check|show`: deadline arithmetic and working days, as a person checks
// them.
#include "complain/commands/command.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/month.hpp"
#include "complain/output/output.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace complain {

namespace {

const char* const weekday_names[] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                     N_("Thursday"), N_("Friday"), N_("Saturday")};

struct CalendarChoice {
    std::string calendar, channel;
};

const Calendar& chosen(const CalendarChoice& c, Session& s) {
    const Config& config = s.config();
    if (!c.channel.empty()) return config.calendar_of(config.channel(c.channel));
    return config.calendar(c.calendar.empty() ? config.default_calendar() : c.calendar);
}

void add_choice(CLI::App* app, CalendarChoice& c, const char* channel_help) {
    app->add_option("--calendar", c.calendar,
                    tr("Calendar to use (default: the config's calendar)"))
        ->type_name("CALENDAR");
    app->add_option("--channel", c.channel, tr(channel_help))->type_name("CHANNEL");
}

std::string describe(const DayInfo& d) {
    switch (d.kind) {
    case DayKind::working:
        return tr("working day");
    case DayKind::weekend:
        return tr("day off (weekend)");
    case DayKind::holiday:
        return d.name.empty() ? tr("day off (holiday)") : trf("day off (holiday: {})", d.name);
    case DayKind::makeup:
        return d.name.empty() ? tr("working day (makeup day)")
                              : trf("working day (makeup day for {})", d.name);
    }
    return "";
}

} // namespace

Command calendar_command(CLI::App& parent) {
    struct Options {
        std::string date, duration, month;
        Format format;
        CalendarChoice choice;
        bool roll = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "calendar", tr("Count deadlines and check working days (holidays, 调休)"));
    app->require_subcommand(1);
    CLI::App* add =
        app->add_subcommand("add", tr("Print the due date of a duration started on DATE"));
    add->add_option("date", o->date, tr("Start: a date or an ISO 8601 time"))
        ->required()
        ->type_name("DATE");
    add->add_option("duration", o->duration, tr("A duration: 24h, 3d, 7wd"))
        ->required()
        ->type_name("DURATION");
    add->add_flag("--roll", o->roll,
                  tr("Move a day deadline ending on a day off to the next working day"));
    add_choice(add, o->choice, N_("Use this channel's calendar and roll rule"));
    add_format_option(add, o->format, {Format::table, Format::json});
    CLI::App* check =
        app->add_subcommand("check", tr("Say whether DATE is a working day, and why"));
    check->add_option("date", o->date, tr("A date, YYYY-MM-DD"))->required()->type_name("DATE");
    add_choice(check, o->choice, N_("Use this channel's calendar"));
    add_format_option(check, o->format, {Format::table, Format::json});
    CLI::App* show = app->add_subcommand(
        "show", tr("Print a month with days off (休) and makeup working days (班)"));
    show->add_option("month", o->month, tr("YYYY-MM (default: this month)"))->type_name("MONTH");
    add_choice(show, o->choice, N_("Use this channel's calendar"));
    app->footer(examples({
        "complain calendar add 2026-09-30 7wd   # 2026-10-15: National Day not counted",
        "complain calendar add 2026-11-23T10:00 48h",
        "complain calendar check 2026-10-10         # a Saturday, and a working day",
        "complain calendar show 2026-10",
    }));
    return {app, [=](Session& s) {
                const Calendar& cal = chosen(o->choice, s);
                if (add->parsed()) {
                    Format format = o->format;
                    Duration d = parse_duration(o->duration);
                    bool roll = o->roll;
                    if (!o->choice.channel.empty())
                        roll = roll || s.config().channel(o->choice.channel).roll;
                    DeadlineRule rule{d, &cal, s.zone(), roll};
                    Instant start = s.parse_time(o->date);
                    Instant due = compute_due(start, rule);
                    // The minute, as every due complain prints for people; JSON has the instant.
                    std::string answer = d.is_elapsed() ? format_minute(due, s.zone())
                                                        : format_day(last_day(due, s.zone()));
                    if (format == Format::json)
                        s.out().json({{"start", format_iso(start, s.zone())},
                                      {"duration", d.str()},
                                      {"calendar", cal.name()},
                                      {"roll", roll},
                                      {"due", d.is_elapsed() ? format_iso(due, s.zone()) : answer},
                                      {"due_instant", format_iso(due, s.zone())}});
                    else
                        s.out().line(answer);
                } else if (check->parsed()) {
                    Format format = o->format;
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
                                : trf(" (no official schedule for {} yet: weekends only)",
                                      year_of(day));
                        s.out().line(trf("{} {}: {} in calendar {}{}", format_day(day),
                                         tr(weekday.c_str()), terminal_text(describe(info)),
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
                                        trf("'{}' is not a month: use YYYY-MM", o->month));
                        }
                        date::year_month_day ymd{first};
                        ym = ymd.year() / ymd.month();
                    }
                    s.out().page();
                    s.out().raw(month_grid(cal, ym, s.out()));
                }
            }};
}

} // namespace complain
