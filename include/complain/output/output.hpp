// The one place that writes to the terminal: tables, JSON, CSV, Markdown, colour, CJK width,
// the terminal's width and locale, and the pager.
#pragma once

#include "complain/environment.hpp"
#include "complain/output/pager.hpp"
#include "complain/output/table.hpp"
#include "complain/output/text.hpp"

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

enum class ColorMode { automatic, always, never };
ColorMode parse_color_mode(std::string_view text);

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

// stdout for results, stderr for chatter; decides colour, width and the pager once.
class Output {
  public:
    // Colour as `mode` says (automatic: on a terminal, unless NO_COLOR is set or TERM is dumb).
    Output(std::ostream& out, std::ostream& err, ColorMode mode, bool out_is_tty, int width,
           const Environment& env = {});
    // When `out` is std::cout, results are written to file descriptor 1 through an FdBuffer, so
    // that flush() can tell a full disk or a closed pipe from success. The width is COLUMNS when
    // set, else the terminal's; 0 (no limit) for a pipe or a file without COLUMNS. With `pager`,
    // page() may start the pager env names.
    static Output for_terminal(std::ostream& out, std::ostream& err, ColorMode mode,
                               const Environment& env, bool pager = true);

    bool color() const { return color_; }
    int width() const { return width_; }
    bool tty() const { return tty_; } // standard output is a terminal
    // Whether the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8: a C or POSIX locale, or
    // none, gets ASCII where complain has a choice (the marks of a month grid).
    bool utf8() const { return utf8_; }
    std::string paint(std::string_view text, Color c) const;
    // Long output for people follows: on a terminal, start the pager (once), as git does. Never
    // for a pipe or a file, with --no-pager, or when the pager is set empty or to cat.
    void page();

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
    // Declared first, so destroyed last: what the buffer holds reaches the pager before it is
    // told the end and waited for.
    std::unique_ptr<Pager> pager_;
    std::vector<std::string> pager_command_;  // empty: no pager
    std::unique_ptr<FdBuffer> stdout_buffer_; // for_terminal's own stdout, when it made one
    std::unique_ptr<std::ostream> stdout_stream_;
    std::ostream* out_;
    std::ostream& err_;
    bool tty_; // standard output is a terminal
    bool color_;
    bool err_color_;
    int width_;
    bool utf8_ = false;
};

} // namespace complain
