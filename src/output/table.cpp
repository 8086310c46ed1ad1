// Tables as aligned text fitted to the terminal, CSV, Markdown and HTML.
#include "complain/output/table.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <ostream>

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

// Makes `line`'s cells what a terminal shows, in place, and measures them.
void show(ShownRow& line) {
    line.widths.resize(line.cells.size());
    for (size_t i = 0; i < line.cells.size(); ++i)
        line.widths[i] = terminal_cell(line.cells[i].text);
}

ShownRow terminal_cells(std::vector<Cell> row) {
    ShownRow line{std::move(row), {}};
    show(line);
    return line;
}

ShownRow header_line(const std::vector<Column>& columns) {
    std::vector<Cell> headers;
    for (const auto& c : columns)
        headers.push_back({c.header, Color::bold});
    return terminal_cells(std::move(headers));
}

// The widths of the columns and the gap between them for `lines` under `headers`, fitted to
// `width` as Table::text says.
struct Layout {
    std::vector<int> widths;
    int gap = 2;
};

Layout lay_out(const std::vector<Column>& columns, const ShownRow& headers,
               const std::vector<ShownRow>& lines, int width,
               const std::vector<int>& reserved = {}) {
    size_t n = columns.size();
    Layout l;
    l.widths.assign(n, 0);
    for (size_t i = 0; i < n; ++i)
        l.widths[i] = headers.widths[i];
    std::vector<int> cell_widths(n, 0); // of the widest cell under each header
    for (size_t i = 0; i < n && i < reserved.size(); ++i)
        cell_widths[i] = reserved[i];
    for (const ShownRow& line : lines)
        for (size_t i = 0; i < n; ++i)
            cell_widths[i] = std::max(cell_widths[i], line.widths[i]);
    for (size_t i = 0; i < n; ++i)
        l.widths[i] = std::max(l.widths[i], cell_widths[i]);
    if (width > 0)
        fit_columns(l.widths, l.gap, cell_widths, columns, std::max(width, Table::narrowest));
    return l;
}

// One line of the table, appended to `out` with its newline. A cell wider than its column is cut
// to it, unless `whole` says its column is kept whole: then it pushes the rest of its line right
// (only TableStream's later rows can be wider than the layout).
void render_line(std::string& out, const std::vector<Column>& columns,
                 const std::vector<int>& widths, int gap, const ShownRow& line, bool color,
                 const std::vector<bool>& whole = {}) {
    size_t n = columns.size();
    size_t start = out.size();
    const std::vector<Cell>& cells = line.cells;
    for (size_t i = 0; i < n; ++i) {
        // Cut (and measured again) only when wider than its column.
        int width = line.widths[i];
        std::optional<std::string> cut;
        if (width > widths[i] && !(i < whole.size() && whole[i])) {
            cut = fit_width(cells[i].text, widths[i]);
            width = display_width(*cut);
        }
        const std::string& cell = cut ? *cut : cells[i].text;
        size_t pad = static_cast<size_t>(std::max(0, widths[i] - width));
        if (columns[i].right) out.append(pad, ' ');
        if (color && cells[i].color != Color::none)
            out += paint(cell, cells[i].color, color);
        else
            out += cell;
        // The padding of a cell aligned left and the gap after it, as one run of spaces.
        if (i + 1 < n) out.append((columns[i].right ? 0 : pad) + static_cast<size_t>(gap), ' ');
    }
    while (out.size() > start && out.back() == ' ')
        out.pop_back();
    out += '\n';
}

// A CSV record with its CRLF, appended to `out`: the cells' text, through terminal_text when it
// is bound for a terminal.
void append_csv_line(std::string& out, const std::vector<Cell>& cells, bool for_terminal) {
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        append_csv_field(out, for_terminal ? terminal_text(cells[i].text) : cells[i].text);
    }
    out += "\r\n";
}

std::string csv_head(const std::vector<Column>& columns) {
    std::vector<Cell> headers;
    for (const auto& c : columns)
        headers.push_back({c.header});
    std::string out;
    append_csv_line(out, headers, false);
    return out;
}

std::string markdown_head(const std::vector<Column>& columns) {
    std::string out = "|";
    for (const auto& c : columns)
        out += " " + markdown_escape(c.header) + " |";
    out += "\n|";
    for (const auto& c : columns)
        out += c.right ? " ---: |" : " --- |";
    return out + "\n";
}

std::string markdown_row(const std::vector<Cell>& row) {
    std::string out = "|";
    for (const auto& c : row)
        out += " " + markdown_escape(c.text) + " |";
    return out + "\n";
}

} // namespace

std::string Table::text(bool color, int width) const {
    size_t n = columns_.size();
    if (n == 0) return "";
    ShownRow headers = header_line(columns_);
    std::vector<ShownRow> lines;
    for (const auto& row : rows_)
        lines.push_back(terminal_cells(row));
    Layout l = lay_out(columns_, headers, lines, width);
    std::string out;
    render_line(out, columns_, l.widths, l.gap, headers, color);
    for (const ShownRow& line : lines)
        render_line(out, columns_, l.widths, l.gap, line, color);
    return out;
}

std::string Table::csv(bool for_terminal) const {
    std::string out = csv_head(columns_);
    for (const auto& row : rows_)
        append_csv_line(out, row, for_terminal);
    return out;
}

std::string Table::markdown() const {
    std::string out = markdown_head(columns_);
    for (const auto& row : rows_)
        out += markdown_row(row);
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

TableStream::TableStream(std::ostream& out, std::vector<Column> columns, Kind kind, bool color,
                         int width, bool for_terminal, size_t batch)
    : out_(out), columns_(std::move(columns)), kind_(kind), color_(color), width_(width),
      for_terminal_(for_terminal), batch_(std::max<size_t>(batch, 1)) {}

void TableStream::add_row(std::vector<Cell>& cells, std::string after) {
    if (count_++ == 0) head();
    // Swapped with the last row's cells, or held until the layout.
    ShownRow& row = kind_ == Kind::text && !laid_out_ ? pending_.emplace_back() : shown_;
    row.cells.swap(cells);
    row.cells.resize(columns_.size());
    switch (kind_) {
    case Kind::csv:
        line_.clear();
        append_csv_line(line_, row.cells, for_terminal_);
        out_ << line_;
        return;
    case Kind::markdown:
        out_ << markdown_row(row.cells);
        return;
    case Kind::text:
        break;
    }
    if (laid_out_) {
        write_line(after);
        return;
    }
    pending_after_.push_back(std::move(after));
    if (pending_.size() >= batch_) lay_out_pending(true);
}

void TableStream::reserve(size_t column, int width) {
    if (reserved_.size() < columns_.size()) reserved_.resize(columns_.size());
    if (column < reserved_.size()) reserved_[column] = std::max(reserved_[column], width);
}

void TableStream::finish() {
    if (count_ == 0) head();
    if (kind_ == Kind::text && !laid_out_) lay_out_pending(false);
}

void TableStream::head() {
    if (kind_ == Kind::csv)
        out_ << csv_head(columns_);
    else if (kind_ == Kind::markdown)
        out_ << markdown_head(columns_);
}

// A table's columns must be as wide as their widest cell before its first line is written, and
// a list printed as it is read cannot know the widest cell of rows not read yet. Reading the list
// twice (widths first) would double the work and hold the pager blank until the whole list was
// read; so the layout is fitted to the first `batch` rows, as Table::text fits a whole table: a
// list of up to `batch` rows looks exactly as it always did, and only `batch` rows are held. A
// later cell wider than its column is cut to it when the table is fitted to a terminal, as the
// text of a fitted table is anyway; a column kept whole (ids, instants), or any column of an
// unfitted table (a pipe, where nothing is ever cut), lets it push the rest of its line right.
// The caller reserves the widths it knows later cells may need (the largest id, "closed DATE"),
// so that in practice only user text is cut, and only where a fitted table cuts it anyway.
void TableStream::lay_out_pending(bool more) {
    if (columns_.empty()) return;
    ShownRow headers = header_line(columns_);
    for (ShownRow& row : pending_)
        show(row);
    // Widths reserved for cells known to come only count when more rows may follow: a list that
    // fits in one batch is laid out as a whole Table would be.
    Layout l = lay_out(columns_, headers, pending_, width_, more ? reserved_ : std::vector<int>{});
    widths_ = l.widths;
    gap_ = l.gap;
    for (const auto& c : columns_)
        whole_.push_back(width_ <= 0 || c.fit == Fit::keep);
    laid_out_ = true;
    line_.clear();
    render_line(line_, columns_, widths_, gap_, headers, color_);
    out_ << line_;
    for (size_t r = 0; r < pending_.size(); ++r) {
        line_.clear();
        render_line(line_, columns_, widths_, gap_, pending_[r], color_);
        out_ << line_.append(pending_after_[r]);
    }
    pending_.clear();
    pending_.shrink_to_fit();
    pending_after_.clear();
    pending_after_.shrink_to_fit();
}

void TableStream::write_line(std::string_view after) {
    if (columns_.empty()) {
        out_ << after;
        return;
    }
    show(shown_);
    line_.clear();
    render_line(line_, columns_, widths_, gap_, shown_, color_, whole_);
    out_ << line_.append(after);
}

} // namespace complain
