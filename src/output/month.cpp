// The month grid of `complain calendar show`.
#include "complain/output/month.hpp"

#include "complain/i18n.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace complain {
namespace {

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
    std::string_view off, makeup, weekend, none;
    bool english;
};

} // namespace

std::string month_grid(const Calendar& cal, date::year_month ym, const Output& out) {
    const Marks m =
        out.utf8() ? Marks{"休", "班", "· ", "  ", false} : Marks{"* ", "+ ", ". ", "  ", true};
    // Calendar and holiday names come from a config: shown, never obeyed.
    std::string title =
        fmt::format("{} ({})", date::format("%Y-%m", ym), terminal_line(cal.name()));
    int pad = std::max(0, (34 - display_width(title)) / 2);
    std::string grid = std::string(static_cast<size_t>(pad), ' ') + title + "\n";
    // TRANSLATORS: five columns a day: a day's number is right-aligned under the first two.
    grid += std::string(tr(" Mon  Tue  Wed  Thu  Fri  Sat  Sun")) + "\n";
    LocalDay first{ym / 1};
    unsigned lead = (date::weekday{first}.c_encoding() + 6) % 7; // Monday first
    std::string row(lead * 5, ' ');
    std::vector<std::string> notes;
    std::string last_note;
    LocalDay end{(ym + date::months{1}) / 1};
    unsigned column = lead;
    bool weekends = false;
    auto end_row = [&] {
        while (!row.empty() && row.back() == ' ')
            row.pop_back();
        grid += row + "\n";
        row.clear();
    };
    for (LocalDay d = first; d < end; d += date::days{1}) {
        DayInfo info = cal.classify(d);
        unsigned day = static_cast<unsigned>(date::year_month_day{d}.day());
        std::string_view mark = info.kind == DayKind::holiday   ? m.off
                                : info.kind == DayKind::makeup  ? m.makeup
                                : info.kind == DayKind::weekend ? m.weekend
                                                                : m.none;
        weekends = weekends || info.kind == DayKind::weekend;
        Color color = info.kind == DayKind::holiday   ? Color::red
                      : info.kind == DayKind::weekend ? Color::dim
                      : info.kind == DayKind::makeup  ? Color::bold
                                                      : Color::none;
        row += out.paint(fmt::format("{:>2}{}", day, mark), color) + " ";
        if (column % 7 == 6) end_row();
        ++column;
        if (info.kind == DayKind::holiday || info.kind == DayKind::makeup) {
            std::string name = terminal_line(m.english ? english_name(info.name) : info.name);
            std::string_view mark = info.kind == DayKind::holiday ? m.off : m.makeup;
            mark = mark.substr(0, mark.find(' '));
            std::string note =
                info.kind == DayKind::holiday
                    ? (name.empty() ? trf("{} day off", mark) : trf("{} day off: {}", mark, name))
                    : (name.empty() ? trf("{} makeup working day", mark)
                                    : trf("{} makeup working day for {}", mark, name));
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
    if (weekends) grid += trf("  {} weekend\n", m.weekend.substr(0, m.weekend.find(' ')));
    return grid;
}

} // namespace complain
