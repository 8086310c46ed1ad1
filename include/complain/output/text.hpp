// Text as it reaches a reader: display width (CJK), cutting to a width, control characters shown,
// colour, and escaping for JSON, Markdown and HTML. Every user text goes through one of these.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

enum class Color { none, red, yellow, green, dim, bold };

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
// terminal_text on one line: newlines and tabs become spaces (a table cell, a heading).
std::string terminal_line(std::string_view text);
// A table's cell: makes `text` terminal_line(text) and returns its display width, measured in the
// same pass. `text` is left as it is, without a copy, when there is nothing to change in it, as
// there mostly is not.
int terminal_cell(std::string& text);
// The first control character of `text` that terminal_text would show in caret or <U+...>
// notation, newlines and tabs included, as it would show it ("^["); "" when there is none.
std::string first_control(std::string_view text);
// JSON as complain prints it: C1 controls escaped as \u0080..\u009f and DEL as \u007f, which
// JSON allows and which nlohmann leaves raw (it escapes only C0).
std::string json_text(const nlohmann::ordered_json& j);
// The escape of a character a JSON string cannot hold as it is (", \\ and the C0 controls:
// \b \f \n \r \t, the others \u00xx), appended to `out` as nlohmann writes it.
void append_json_escape(std::string& out, char c);
// json_text(j) appended to `out`, its lines after the first indented by `indent` more: an element
// of a JSON array written one element at a time.
void append_json_text(std::string& out, const nlohmann::ordered_json& j, size_t indent);

// Text made literal in Markdown (no emphasis, links, tables or raw HTML), on one line, with
// control characters shown as terminal_text shows them (ESC as ^[). The one Markdown escaping:
// tables, headings and fields of every Markdown complain writes go through it.
std::string markdown_escape(std::string_view text);
// Text made safe for HTML element content and quoted attribute values; control characters shown
// as terminal_text shows them, since HTML on stdout may land in a terminal.
std::string html_escape(std::string_view text);
// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);
void append_csv_field(std::string& out, std::string_view text); // the same, appended to out

// Words joined by spaces into lines of at most `width` columns (0: one line), each line after the
// first starting with `indent`; a word wider than a line has one of its own.
std::string wrap_words(const std::vector<std::string>& words, int width, std::string_view indent);

// One line of text wrapped to `width` columns for a place that starts at column `indent`: lines
// break between words, and inside a word wider than a line (CJK has no spaces); each line after
// the first starts with `indent` spaces. `width` <= indent + 10 (or 0): the text as it is.
std::string hang_text(std::string_view text, int indent, int width);

// `text` in colour `c` when `enabled`: the one place that knows the terminal's escape codes.
std::string paint(std::string_view text, Color c, bool enabled);

} // namespace complain
