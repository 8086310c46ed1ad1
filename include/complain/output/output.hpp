// The one place that writes to the terminal: tables, JSON, CSV, Markdown, colour, CJK width.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

enum class Format { table, json, csv, markdown, ics, html };
std::string_view to_string(Format f);
// Parses a --format value among `allowed`; throws Error(usage) listing them.
Format parse_format(std::string_view text, const std::vector<Format>& allowed);

enum class Color { none, red, yellow, green, dim, bold };
enum class ColorMode { automatic, always, never };
ColorMode parse_color_mode(std::string_view text);

// Columns on screen that UTF-8 text takes: CJK characters take two.
int display_width(std::string_view text);
// Cuts text to at most `width` columns, ending in "…" when cut.
std::string fit_width(std::string_view text, int width);
// Whether text is valid UTF-8.
bool valid_utf8(std::string_view text);

struct Cell {
    std::string text;
    Color color = Color::none;
};

class Table {
  public:
    explicit Table(std::vector<std::string> headers, int flexible_column = -1);
    void add_row(std::vector<Cell> cells);
    bool empty() const { return rows_.empty(); }
    const std::vector<std::string>& headers() const { return headers_; }
    const std::vector<std::vector<Cell>>& rows() const { return rows_; }

    // Aligned columns; the flexible column is cut to fit `width` (0: no limit).
    std::string text(bool color, int width) const;
    std::string csv() const;      // RFC 4180, CRLF line ends, header row
    std::string markdown() const; // a GitHub-flavoured table

  private:
    std::vector<std::string> headers_;
    std::vector<std::vector<Cell>> rows_;
    int flexible_;
};

// stdout for results, stderr for chatter; decides colour and width once.
class Output {
  public:
    Output(std::ostream& out, std::ostream& err, ColorMode mode, bool out_is_tty, int width);
    static Output for_terminal(std::ostream& out, std::ostream& err, ColorMode mode);

    bool color() const { return color_; }
    int width() const { return width_; }
    std::string paint(std::string_view text, Color c) const;

    void table(const Table& t, Format f);
    void json(const nlohmann::ordered_json& j);
    void line(std::string_view text); // a line on stdout
    void raw(std::string_view text);  // text on stdout as it is
    void warning(std::string_view message);
    void error(std::string_view message);
    std::ostream& out() { return out_; }

  private:
    std::ostream& out_;
    std::ostream& err_;
    bool color_;
    bool err_color_;
    int width_;
};

} // namespace complain
