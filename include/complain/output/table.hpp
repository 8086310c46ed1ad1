// A table of rows, rendered as aligned text that fits the terminal, CSV, Markdown or HTML.
#pragma once

#include "complain/output/text.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace complain {

// How a column gives way when a table is wider than the terminal.
enum class Fit {
    keep,   // never cut, nor its header: ids, keys, states, instants, sizes, counts
    text,   // user text (a title, a name): cut first, with "…"
    phrase, // complain's own words ("overdue 2d"): cut last, when text is down to 3 columns
};

struct Column {
    std::string header;
    Fit fit = Fit::text;
    bool right = false; // aligned right: numbers
    // The width a text column keeps while others give way (a title more than a name);
    // 0: its header's, at most 8.
    int least = 0;
};

struct Cell {
    std::string text;
    Color color = Color::none;
};

class Table {
  public:
    // No table is fitted narrower than this: below it, a terminal scrolls.
    static constexpr int narrowest = 60;

    explicit Table(std::vector<Column> columns);
    // Headers alone: the flexible column is text, the others phrases.
    explicit Table(std::vector<std::string> headers, int flexible_column = -1);
    // `css`: a class for the row in HTML (met, missed), nothing elsewhere.
    void add_row(std::vector<Cell> cells, std::string css = {});
    bool empty() const { return rows_.empty(); }
    const std::vector<Column>& columns() const { return columns_; }
    const std::vector<std::vector<Cell>>& rows() const { return rows_; }

    // Aligned columns, every cell through terminal_line. With `width` > 0 the table fits in
    // max(width, narrowest) columns: text columns are cut first, down to their `least`, the one
    // with the smaller `least` first (so the widest `least` gets spare width first); then the gaps
    // narrow to one space and text is cut down to 3 columns; then headers wider than their cells
    // are cut, and phrases, last of all. `keep` columns and their headers are never cut. 0: no
    // limit.
    std::string text(bool color, int width) const;
    // RFC 4180, CRLF line ends, header row; the text as stored, unless it is bound for a terminal,
    // where cells go through terminal_text as in every other table.
    std::string csv(bool for_terminal = false) const;
    // A GitHub-flavoured table, every cell through markdown_escape. Empty headers make a table of
    // fields (label, value).
    std::string markdown() const;
    // <table> with every cell through html_escape; `classes` names a CSS class per column.
    std::string html(const std::vector<std::string>& classes = {}) const;

  private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
    std::vector<std::string> css_;
};

// A row's cells as a terminal shows them (terminal_cell, in place), with their display widths.
struct ShownRow {
    std::vector<Cell> cells;
    std::vector<int> widths;
};

// A table written to `out` row by row as the rows come, so that a list of any length is printed
// in bounded memory: aligned text as Table::text (its widths fitted to the first `batch` rows, see
// table.cpp), CSV as Table::csv or Markdown as Table::markdown.
class TableStream {
  public:
    enum class Kind { text, csv, markdown };
    static constexpr size_t default_batch = 1000;

    TableStream(std::ostream& out, std::vector<Column> columns, Kind kind, bool color, int width,
                bool for_terminal, size_t batch = default_batch);
    // A width that cells of `column` may need in rows not read yet (the largest id): the layout
    // of a table longer than a batch makes room for it.
    void reserve(size_t column, int width);
    // `after`: lines written under the row's line as they are (a search's matched lines),
    // each ending in a newline. The cells are taken, not copied: `cells` is left holding an
    // earlier row's cells or none, whose buffers a list refills for its next row.
    void add_row(std::vector<Cell>& cells, std::string after = {});
    void add_row(std::vector<Cell>&& cells, std::string after = {}) {
        add_row(cells, std::move(after));
    }
    // Writes what is held back; a table without rows is its headers, as Table's are.
    void finish();
    size_t count() const { return count_; } // rows added

  private:
    void head();                     // CSV's and Markdown's header lines, before the first row
    void lay_out_pending(bool more); // more: rows may follow the batch
    void write_line(std::string_view after); // shown_, laid out, then `after`
    std::ostream& out_;
    std::vector<Column> columns_;
    Kind kind_;
    bool color_;
    int width_;
    bool for_terminal_;
    size_t batch_;
    size_t count_ = 0;
    bool laid_out_ = false;
    std::vector<int> widths_;
    std::vector<bool> whole_; // columns whose later cells are never cut
    int gap_ = 2;
    std::vector<int> reserved_;
    std::vector<ShownRow> pending_;          // text rows before the layout is fixed
    std::vector<std::string> pending_after_; // and the lines under each
    // The row being written once the layout is fixed and its line, their buffers kept from row to
    // row.
    ShownRow shown_;
    std::string line_;
};

} // namespace complain
