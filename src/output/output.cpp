// Rendering tables and documents for terminals and for programs.
#include "complain/output/output.hpp"

#include "complain/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <optional>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

namespace complain {

std::string_view to_string(Format f) {
    switch (f) {
    case Format::table:
        return "table";
    case Format::json:
        return "json";
    case Format::csv:
        return "csv";
    case Format::markdown:
        return "markdown";
    case Format::ics:
        return "ics";
    case Format::html:
        return "html";
    }
    return "";
}

Format parse_format(std::string_view text, const std::vector<Format>& allowed) {
    std::vector<std::string_view> names;
    for (Format f : allowed) {
        if (to_string(f) == text || (f == Format::markdown && text == "md")) return f;
        names.push_back(to_string(f));
    }
    throw Error(Exit::usage,
                fmt::format("--format {}: use one of {}", text, fmt::join(names, ", ")));
}

ColorMode parse_color_mode(std::string_view text) {
    if (text == "auto") return ColorMode::automatic;
    if (text == "always") return ColorMode::always;
    if (text == "never") return ColorMode::never;
    throw Error(Exit::usage, fmt::format("--color {}: use auto, always or never", text));
}

bool valid_utf8(std::string_view text) {
    auto p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n < 0) return false;
        p += n;
        left -= n;
    }
    return true;
}

namespace {

// Calls f(code_point, byte_offset, byte_length) for each code point; invalid bytes count as one.
template <typename F> void each_code_point(std::string_view text, F f) {
    auto base = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t size = static_cast<utf8proc_ssize_t>(text.size());
    for (utf8proc_ssize_t i = 0; i < size;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(base + i, size - i, &cp);
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (!f(cp, static_cast<size_t>(i), static_cast<size_t>(n))) return;
        i += n;
    }
}

int width_of(utf8proc_int32_t cp) {
    if (cp == '\t') return 1;
    return std::max(0, utf8proc_charwidth(cp));
}

std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text)
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

std::string ansi(Color c) {
    switch (c) {
    case Color::red:
        return "\x1b[31m";
    case Color::yellow:
        return "\x1b[33m";
    case Color::green:
        return "\x1b[32m";
    case Color::dim:
        return "\x1b[2m";
    case Color::bold:
        return "\x1b[1m";
    case Color::none:
        return "";
    }
    return "";
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Markdown is read in a terminal as often as it is rendered: control characters are shown.
std::string markdown_cell(std::string_view s) {
    std::string out;
    for (char c : one_line(s))
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return terminal_text(out);
}

} // namespace

int display_width(std::string_view text) {
    int w = 0;
    each_code_point(text, [&](utf8proc_int32_t cp, size_t, size_t) {
        w += width_of(cp);
        return true;
    });
    return w;
}

std::string fit_width(std::string_view text, int width) {
    if (display_width(text) <= width) return std::string(text);
    if (width <= 0) return "";
    std::string out;
    int used = 0;
    each_code_point(text, [&](utf8proc_int32_t cp, size_t at, size_t n) {
        int w = width_of(cp);
        if (used + w > width - 1) return false;
        out.append(text.substr(at, n));
        used += w;
        return true;
    });
    return out + "…";
}

namespace {

// How terminal_text shows the code point at `at` (n bytes), or nullopt to keep it as it is.
std::optional<std::string> shown_as(std::string_view text, utf8proc_int32_t cp, size_t at,
                                    size_t n) {
    if (cp == 0xFFFD && n == 1) // each_code_point's stand-in for a byte that is not UTF-8
        return fmt::format("<{:02X}>", static_cast<unsigned char>(text[at])); // not UTF-8
    if (cp < 0x20) return std::string{'^', static_cast<char>(cp + 0x40)};
    if (cp == 0x7F) return std::string("^?");
    if (cp >= 0x80 && cp <= 0x9F) return fmt::format("<U+{:04X}>", cp);
    return std::nullopt;
}

} // namespace

std::string terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    each_code_point(text, [&](utf8proc_int32_t cp, size_t at, size_t n) {
        auto shown = cp == '\n' || cp == '\t' ? std::nullopt : shown_as(text, cp, at, n);
        if (shown)
            out += *shown;
        else
            out.append(text.substr(at, n));
        return true;
    });
    return out;
}

std::string first_control(std::string_view text) {
    std::string found;
    each_code_point(text, [&](utf8proc_int32_t cp, size_t at, size_t n) {
        if (auto shown = shown_as(text, cp, at, n)) found = *shown;
        return found.empty();
    });
    return found;
}

std::string json_text(const nlohmann::ordered_json& j) {
    std::string text = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    // The dump is valid UTF-8, where C2 is always the lead byte of U+0080..U+00BF.
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        auto u = static_cast<unsigned char>(text[i]);
        auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (u == 0xC2 && next >= 0x80 && next <= 0x9F) {
            out += fmt::format("\\u{:04x}", next);
            ++i;
        } else if (u == 0x7F) {
            out += "\\u007f";
        } else {
            out += text[i];
        }
    }
    return out;
}

Table::Table(std::vector<std::string> headers, int flexible_column)
    : headers_(std::move(headers)), flexible_(flexible_column) {}

void Table::add_row(std::vector<Cell> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

std::string Table::text(bool color, int width) const {
    size_t n = headers_.size();
    std::vector<int> widths(n, 0);
    std::vector<std::vector<std::string>> lines;
    std::vector<std::string> headers;
    for (size_t i = 0; i < n; ++i) {
        headers.push_back(terminal_text(one_line(headers_[i])));
        widths[i] = display_width(headers[i]);
    }
    for (const auto& row : rows_) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < n; ++i) {
            cells.push_back(terminal_text(one_line(row[i].text)));
            widths[i] = std::max(widths[i], display_width(cells.back()));
        }
        lines.push_back(std::move(cells));
    }
    if (width > 0 && flexible_ >= 0 && static_cast<size_t>(flexible_) < n) {
        int others = 0;
        for (size_t i = 0; i < n; ++i)
            if (static_cast<int>(i) != flexible_) others += widths[i] + 2;
        widths[flexible_] = std::max(std::min(widths[flexible_], width - others),
                                     std::max(10, display_width(headers_[flexible_])));
    }
    auto render = [&](const std::vector<std::string>& cells, const std::vector<Color>& colors) {
        std::string out;
        for (size_t i = 0; i < n; ++i) {
            std::string cell = fit_width(cells[i], widths[i]);
            int pad = widths[i] - display_width(cell);
            bool last = i + 1 == n;
            if (color && colors[i] != Color::none)
                out += ansi(colors[i]) + cell + "\x1b[0m";
            else
                out += cell;
            if (!last) out += std::string(static_cast<size_t>(pad) + 2, ' ');
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
    line(headers_);
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
    for (const auto& h : headers_)
        out += " " + markdown_cell(h) + " |";
    out += "\n|";
    for (size_t i = 0; i < headers_.size(); ++i)
        out += " --- |";
    out += "\n";
    for (const auto& row : rows_) {
        out += "|";
        for (const auto& c : row)
            out += " " + markdown_cell(c.text) + " |";
        out += "\n";
    }
    return out;
}

FdBuffer::FdBuffer(int fd) : fd_(fd), buffer_(new char[64 * 1024]) {
    setp(buffer_.get(), buffer_.get() + 64 * 1024);
}

FdBuffer::~FdBuffer() {
    drain(); // a failure here was already reported by Output::flush, or cannot be any more
}

bool FdBuffer::drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
        ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error_ = errno;
            break;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    // Once a write failed the rest is dropped: the command's failure is reported, not its output.
    setp(buffer_.get(), buffer_.get() + 64 * 1024);
    return error_ == 0;
}

FdBuffer::int_type FdBuffer::overflow(int_type ch) {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    return ch;
}

std::streamsize FdBuffer::xsputn(const char* s, std::streamsize n) {
    std::streamsize done = 0;
    while (done < n) {
        if (pptr() == epptr() && !drain()) return done;
        std::streamsize room = std::min<std::streamsize>(epptr() - pptr(), n - done);
        std::memcpy(pptr(), s + done, static_cast<size_t>(room));
        pbump(static_cast<int>(room));
        done += room;
    }
    return done;
}

int FdBuffer::sync() {
    return drain() ? 0 : -1;
}

Output::Output(std::ostream& out, std::ostream& err, ColorMode mode, bool out_is_tty, int width)
    : out_(&out), err_(err), tty_(out_is_tty), width_(width) {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    bool auto_color = (no_color == nullptr || *no_color == '\0') &&
                      !(term != nullptr && std::string_view(term) == "dumb");
    color_ =
        mode == ColorMode::always || (mode == ColorMode::automatic && out_is_tty && auto_color);
    err_color_ = mode == ColorMode::always ||
                 (mode == ColorMode::automatic && isatty(STDERR_FILENO) && auto_color);
}

Output Output::for_terminal(std::ostream& out, std::ostream& err, ColorMode mode) {
    bool tty = isatty(STDOUT_FILENO);
    int width = 0;
    if (tty) {
        winsize ws{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) width = ws.ws_col;
        if (const char* columns = std::getenv("COLUMNS")) width = std::atoi(columns);
    }
    Output o(out, err, mode, tty, width);
    if (&out == &std::cout) {
        std::cout.flush();
        std::fflush(stdout); // nothing may overtake what stdio still holds
        o.stdout_buffer_ = std::make_unique<FdBuffer>(STDOUT_FILENO);
        o.stdout_stream_ = std::make_unique<std::ostream>(o.stdout_buffer_.get());
        o.out_ = o.stdout_stream_.get();
    }
    return o;
}

std::string Output::paint(std::string_view text, Color c) const {
    if (!color_ || c == Color::none) return std::string(text);
    return ansi(c) + std::string(text) + "\x1b[0m";
}

void Output::table(const Table& t, Format f) {
    switch (f) {
    case Format::csv:
        *out_ << t.csv(tty_);
        break;
    case Format::markdown:
        *out_ << t.markdown();
        break;
    default:
        *out_ << t.text(color_, width_);
        break;
    }
}

void Output::json(const nlohmann::ordered_json& j) {
    *out_ << json_text(j) << "\n";
}
void Output::line(std::string_view text) {
    *out_ << text << "\n";
}
void Output::raw(std::string_view text) {
    *out_ << text;
}

void Output::warning(std::string_view message) {
    out_->flush(); // what was printed before comes before it; a failure is flush()'s to report
    err_ << (err_color_ ? ansi(Color::yellow) : "")
         << "complain: warning: " << (err_color_ ? "\x1b[0m" : "") << terminal_text(message)
         << "\n";
}

void Output::error(std::string_view message) {
    out_->flush();
    err_ << (err_color_ ? ansi(Color::red) : "")
         << "complain: error: " << (err_color_ ? "\x1b[0m" : "") << terminal_text(message) << "\n";
}

void Output::flush() {
    out_->flush();
    int error = stdout_buffer_ ? stdout_buffer_->error() : 0;
    if (error == 0 && !*out_) error = EIO; // a stream of the caller's that went bad
    if (error == 0) return;
    if (error == EPIPE) throw Error(Exit::closed_pipe, "");
    throw Error(Exit::io, fmt::format("cannot write to standard output: {}", std::strerror(error)));
}

} // namespace complain
