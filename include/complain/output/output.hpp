// The one place that writes to the terminal: tables, JSON, CSV, Markdown, colour, CJK width.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <streambuf>
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

// User text as it may reach a terminal, with every control character shown instead of obeyed, so
// that text stored by anyone (a title, a file name, a channel from a config) cannot retitle the
// window, move the cursor or clear the screen. The one way user text reaches a terminal: ESC,
// the other C0 controls and DEL in caret notation as `cat -v` shows them (^[, ^M, ^?), C1
// controls (U+0080-U+009F) as <U+009B>, bytes that are not UTF-8 as <FF>. Newlines and tabs stay.
std::string terminal_text(std::string_view text);
// The first control character of `text` that terminal_text would show in caret or <U+...>
// notation, newlines and tabs included, as it would show it ("^["); "" when there is none.
std::string first_control(std::string_view text);
// JSON as complain prints it: C1 controls escaped as \u0080..\u009f and DEL as \u007f, which
// JSON allows and which nlohmann leaves raw (it escapes only C0).
std::string json_text(const nlohmann::ordered_json& j);

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
    // RFC 4180, CRLF line ends, header row; the text as stored, unless it is bound for a terminal,
    // where cells go through terminal_text as in every other table.
    std::string csv(bool for_terminal = false) const;
    std::string markdown() const; // a GitHub-flavoured table

  private:
    std::vector<std::string> headers_;
    std::vector<std::vector<Cell>> rows_;
    int flexible_;
};

// Standard output written straight to its file descriptor through a buffer of its own, keeping
// the first write failure and its errno: stdio would report a full disk late, with errno long
// overwritten by whatever ran since.
class FdBuffer : public std::streambuf {
  public:
    explicit FdBuffer(int fd);
    ~FdBuffer() override;
    FdBuffer(const FdBuffer&) = delete;
    FdBuffer& operator=(const FdBuffer&) = delete;
    int error() const { return error_; } // errno of the first failed write, 0 if none

  protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

  private:
    bool drain(); // writes out the buffer; false once a write has failed
    int fd_;
    int error_ = 0;
    std::unique_ptr<char[]> buffer_;
};

// stdout for results, stderr for chatter; decides colour and width once.
class Output {
  public:
    Output(std::ostream& out, std::ostream& err, ColorMode mode, bool out_is_tty, int width);
    // When `out` is std::cout, results are written to file descriptor 1 through an FdBuffer, so
    // that flush() can tell a full disk or a closed pipe from success.
    static Output for_terminal(std::ostream& out, std::ostream& err, ColorMode mode);

    bool color() const { return color_; }
    int width() const { return width_; }
    std::string paint(std::string_view text, Color c) const;

    void table(const Table& t, Format f);
    void json(const nlohmann::ordered_json& j);
    void line(std::string_view text); // a line on stdout
    void raw(std::string_view text);  // text on stdout as it is
    // On stderr, the message through terminal_text: it may quote what the user typed.
    void warning(std::string_view message);
    void error(std::string_view message);
    std::ostream& out() { return *out_; }
    // Pushes what was written to the reader. Throws Error(io) naming the cause when it could not
    // be written (a full disk, /dev/full), and Error(closed_pipe) with no message when the reader
    // went away (`| head` with SIGPIPE ignored).
    void flush();

  private:
    std::unique_ptr<FdBuffer> stdout_buffer_; // for_terminal's own stdout, when it made one
    std::unique_ptr<std::ostream> stdout_stream_;
    std::ostream* out_;
    std::ostream& err_;
    bool tty_; // standard output is a terminal
    bool color_;
    bool err_color_;
    int width_;
};

} // namespace complain
