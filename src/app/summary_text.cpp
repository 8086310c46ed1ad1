// A summary as people read it: tables under headings, fitted to the terminal, and a bar chart of
// the share answered in time; the same tables in Markdown.
#include "complain/app/summary.hpp"
#include "complain/domain/money.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace complain {
namespace {

std::string period_text(const Summary& s, Zone zone) {
    auto day = [&](Instant t) { return format_day(local_day(t, zone)); };
    if (s.since && s.until) return trf("filed from {} until {}", day(*s.since), day(*s.until));
    if (s.since) return trf("filed since {}", day(*s.since));
    if (s.until) return trf("filed before {}", day(*s.until));
    return trc("period", "filed");
}

// The sections of a summary as tables, each with its heading.
std::vector<std::pair<std::string, Table>> summary_tables(const Summary& s) {
    std::vector<std::pair<std::string, Table>> out;
    Table channels({{tr("CHANNEL"), Fit::phrase},
                    {tr("NAME"), Fit::text, false, 10},
                    {tr("FILED"), Fit::keep, true},
                    {tr("OPEN"), Fit::keep, true},
                    {tr("ANSWERED"), Fit::keep, true},
                    {tr("IN TIME"), Fit::phrase},
                    {tr("MEDIAN TO ANSWER"), Fit::keep},
                    {tr("OVERDUE"), Fit::keep, true}});
    for (const auto& c : s.channels)
        channels.add_row({{c.key},
                          {c.name},
                          {std::to_string(c.filed)},
                          {std::to_string(c.open)},
                          {std::to_string(c.answered)},
                          {c.decided ? trf("{} ({} of {})", percent_text(c), c.in_time, c.decided)
                                     : percent_text(c)},
                          {median_text(c)},
                          {std::to_string(c.overdue), c.overdue ? Color::red : Color::none}});
    out.emplace_back(tr("Channels"), std::move(channels));
    Table states({{tr("STATE"), Fit::phrase}, {tr("COMPLAINTS"), Fit::keep, true}});
    for (const auto& [state, n] : s.states)
        states.add_row({{std::string(to_string(state))}, {std::to_string(n)}});
    out.emplace_back(tr("States"), std::move(states));
    Table categories({{tr("CATEGORY"), Fit::text},
                      {tr("COMPLAINTS"), Fit::keep, true},
                      {tr("OPEN"), Fit::keep, true},
                      {tr("RESOLVED"), Fit::keep, true},
                      {tr("DROPPED"), Fit::keep, true}});
    for (const auto& c : s.categories)
        categories.add_row({{c.category.empty() ? std::string(tr("(none)")) : c.category},
                            {std::to_string(c.complaints)},
                            {std::to_string(c.open)},
                            {std::to_string(c.resolved)},
                            {std::to_string(c.dropped)}});
    out.emplace_back(tr("Categories"), std::move(categories));
    if (!s.amounts.empty()) {
        Table amounts({{tr("CURRENCY"), Fit::keep},
                       {tr("CLAIMED"), Fit::keep, true},
                       {tr("IN DISPUTE"), Fit::keep, true},
                       {tr("RECOVERED"), Fit::keep, true}});
        for (const auto& a : s.amounts)
            amounts.add_row({{a.currency},
                             {format_amount(a.claimed, a.currency)},
                             {format_amount(a.in_dispute, a.currency)},
                             {format_amount(a.recovered, a.currency)}});
        out.emplace_back(tr("Amounts"), std::move(amounts));
    }
    return out;
}

} // namespace

std::string in_time_chart(const Summary& s, bool color, int label_width, int bar_width) {
    // Eighths of a cell, so that 1 of 8 still shows.
    static const char* const partial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    std::string out;
    for (const auto& c : s.channels) {
        std::string label = fit_width(terminal_line(c.name), label_width); // from a config
        label += std::string(static_cast<size_t>(label_width - display_width(label)), ' ');
        auto pct = c.in_time_percent();
        int eighths = pct ? static_cast<int>(std::lround(*pct / 100 * bar_width * 8)) : 0;
        std::string bar;
        for (int i = 0; i < eighths / 8; ++i)
            bar += "█";
        bar += partial[eighths % 8];
        int used = eighths / 8 + (eighths % 8 ? 1 : 0);
        std::string track;
        for (int i = used; i < bar_width; ++i)
            track += "░";
        std::string tail = pct ? trf("{:>4}  {} of {}", percent_text(c), c.in_time, c.decided)
                               : trf("{:>4}  nothing decided yet", "—");
        out += fmt::format("{}  {}{}  {}\n", label, paint(bar, Color::green, color), track, tail);
    }
    return out;
}

std::string summary_text(const Summary& s, Zone zone, bool color, int width) {
    if (s.complaints == 0) return trf("No complaints {}.\n", period_text(s, zone));
    std::string out = s.complaints == 1
                          ? trf("{} complaint {}\n", s.complaints, period_text(s, zone))
                          : trf("{} complaints {}\n", s.complaints, period_text(s, zone));
    for (const auto& [heading, table] : summary_tables(s))
        out += "\n" + paint(heading, Color::bold, color) + "\n" + table.text(color, width);
    if (!s.channels.empty()) {
        // The label gives way first when the terminal is narrow: the bar and its numbers stay.
        int label = width > 0 ? std::clamp(std::max(width, Table::narrowest) - 49, 10, 24) : 24;
        out += "\n" + paint(tr("Answered in time"), Color::bold, color) + "\n" +
               in_time_chart(s, color, label);
    }
    return out;
}

std::string summary_markdown(const Summary& s, Zone zone) {
    std::string out =
        s.complaints == 1
            ? trf("# Complaints\n\n{} complaint {}.\n", s.complaints, period_text(s, zone))
            : trf("# Complaints\n\n{} complaints {}.\n", s.complaints, period_text(s, zone));
    for (const auto& [heading, table] : summary_tables(s))
        out += "\n## " + heading + "\n\n" + table.markdown();
    return out;
}

} // namespace complain
