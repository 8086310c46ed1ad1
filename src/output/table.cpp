// Tables as aligned text fitted to the terminal, CSV, Markdown and HTML.
#include "complain/output/table.hpp"

#include <algorithm>
#include <numeric>

namespace complain {

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

Table::Table(std::vector<std::string> headers, int flexible_column) {
    for (size_t i = 0; i < headers.size(); ++i)
        columns_.push_back({std::move(headers[i]),
                            static_cast<int>(i) == flexible_column ? Fit::text : Fit::phrase});
}

void Table::add_row(std::vector<Cell> cells, std::string css) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
    css_.push_back(std::move(css));
}

namespace {

// Column widths that fit `target` columns, as Table::text describes; `cells` holds the width of
// the widest cell under each header.
void fit_columns(std::vector<int>& widths, int& gap, const std::vector<int>& cells,
                 const std::vector<Column>& columns, int target) {
    size_t n = widths.size();
    const std::vector<int> natural = widths;
    auto total = [&] {
        return std::accumulate(widths.begin(), widths.end(), 0) + gap * static_cast<int>(n - 1);
    };
    // Takes a column at a time from the widest eligible one, down to its floor.
    auto shrink = [&](auto eligible, auto floor) {
        for (int over = total() - target; over > 0; --over) {
            int widest = -1;
            for (size_t i = 0; i < n; ++i)
                if (eligible(columns[i].fit) && widths[i] > floor(i) &&
                    (widest < 0 || widths[i] > widths[static_cast<size_t>(widest)]))
                    widest = static_cast<int>(i);
            if (widest < 0) return;
            --widths[static_cast<size_t>(widest)];
        }
    };
    auto header = [&](size_t i) { return display_width(terminal_line(columns[i].header)); };
    auto least = [&](size_t i) {
        return std::max(3, columns[i].least > 0 ? columns[i].least : std::min(header(i), 8));
    };
    // Text columns give way in the order of what they keep: the one that keeps least (a name)
    // is cut to its least before the one that keeps most (a title) is touched, so that spare
    // width goes to what a reader reads.
    auto shrink_text = [&](auto floor) {
        std::vector<int> ranks;
        for (size_t i = 0; i < n; ++i)
            if (columns[i].fit == Fit::text) ranks.push_back(least(i));
        std::sort(ranks.begin(), ranks.end());
        for (int rank : ranks)
            shrink([](Fit f) { return f == Fit::text; },
                   [&](size_t i) { return least(i) <= rank ? floor(i) : widths[i]; });
    };
    shrink_text(least);
    if (total() <= target) return;
    // Narrower gaps before anything else is cut: start again with them, from the natural widths.
    widths = natural;
    gap = 1;
    shrink_text(least);
    // Then user text hard, down to a few columns, before complain's own words are touched.
    shrink_text([](size_t) { return 3; });
    // A header wider than anything under it gives way next, unless its column is kept whole:
    // "FILED" over "1" is a number's name.
    shrink([](Fit f) { return f != Fit::keep; }, [&](size_t i) { return std::max(3, cells[i]); });
    auto phrase = [](Fit f) { return f == Fit::phrase; };
    shrink(phrase, [&](size_t i) { return std::max(3, header(i)); });
    shrink(phrase, [](size_t) { return 3; });
}

} // namespace

std::string Table::text(bool color, int width) const {
    size_t n = columns_.size();
    if (n == 0) return "";
    std::vector<int> widths(n, 0);
    std::vector<std::string> headers;
    for (size_t i = 0; i < n; ++i) {
        headers.push_back(terminal_line(columns_[i].header));
        widths[i] = display_width(headers[i]);
    }
    std::vector<std::vector<std::string>> lines;
    std::vector<int> cell_widths(n, 0); // of the widest cell under each header
    for (const auto& row : rows_) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < n; ++i) {
            cells.push_back(terminal_line(row[i].text));
            cell_widths[i] = std::max(cell_widths[i], display_width(cells.back()));
        }
        lines.push_back(std::move(cells));
    }
    for (size_t i = 0; i < n; ++i)
        widths[i] = std::max(widths[i], cell_widths[i]);
    int gap = 2;
    if (width > 0) fit_columns(widths, gap, cell_widths, columns_, std::max(width, narrowest));
    auto render = [&](const std::vector<std::string>& cells, const std::vector<Color>& colors) {
        std::string out;
        for (size_t i = 0; i < n; ++i) {
            std::string cell = fit_width(cells[i], widths[i]);
            std::string pad(static_cast<size_t>(widths[i] - display_width(cell)), ' ');
            if (columns_[i].right) out += pad;
            out += paint(cell, colors[i], color);
            if (!columns_[i].right && i + 1 < n) out += pad;
            if (i + 1 < n) out += std::string(static_cast<size_t>(gap), ' ');
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::string out = render(headers, std::vector<Color>(n, Color::bold));
    for (size_t r = 0; r < rows_.size(); ++r) {
        std::vector<Color> colors;
        for (const auto& cell : rows_[r])
            colors.push_back(cell.color);
        out += render(lines[r], colors);
    }
    return out;
}

std::string Table::csv(bool for_terminal) const {
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i)
            out += (i ? "," : "") + csv_field(cells[i]);
        out += "\r\n";
    };
    std::vector<std::string> headers;
    for (const auto& c : columns_)
        headers.push_back(c.header);
    line(headers);
    for (const auto& row : rows_) {
        std::vector<std::string> cells;
        for (const auto& c : row)
            cells.push_back(for_terminal ? terminal_text(c.text) : c.text);
        line(cells);
    }
    return out;
}

std::string Table::markdown() const {
    std::string out = "|";
    for (const auto& c : columns_)
        out += " " + markdown_escape(c.header) + " |";
    out += "\n|";
    for (const auto& c : columns_)
        out += c.right ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : rows_) {
        out += "|";
        for (const auto& c : row)
            out += " " + markdown_escape(c.text) + " |";
        out += "\n";
    }
    return out;
}

std::string Table::html(const std::vector<std::string>& classes) const {
    std::string out = "<table>\n<thead><tr>";
    for (const auto& c : columns_)
        out += "<th>" + html_escape(c.header) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (size_t r = 0; r < rows_.size(); ++r) {
        out += css_[r].empty() ? "<tr>" : "<tr class=\"" + html_escape(css_[r]) + "\">";
        for (size_t i = 0; i < rows_[r].size(); ++i) {
            const std::string& css = i < classes.size() ? classes[i] : std::string();
            out += (css.empty() ? "<td>" : "<td class=\"" + css + "\">") +
                   html_escape(rows_[r][i].text) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

} // namespace complain
