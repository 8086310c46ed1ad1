// Rendering tables and documents for terminals and for programs.
#include "complain/output/output.hpp"

#include "complain/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
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

std::string markdown_cell(std::string_view s) {
    std::string out;
    for (char c : one_line(s))
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
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
    for (size_t i = 0; i < n; ++i)
        widths[i] = display_width(headers_[i]);
    for (const auto& row : rows_) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < n; ++i) {
            cells.push_back(one_line(row[i].text));
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
    std::string out = render(headers_, std::vector<Color>(n, Color::bold));
    for (size_t r = 0; r < rows_.size(); ++r) {
        std::vector<Color> colors;
        for (const auto& cell : rows_[r])
            colors.push_back(cell.color);
        out += render(lines[r], colors);
    }
    return out;
}

std::string Table::csv() const {
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
            cells.push_back(c.text);
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

Output::Output(std::ostream& out, std::ostream& err, ColorMode mode, bool out_is_tty, int width)
    : out_(out), err_(err), width_(width) {
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
    return Output(out, err, mode, tty, width);
}

std::string Output::paint(std::string_view text, Color c) const {
    if (!color_ || c == Color::none) return std::string(text);
    return ansi(c) + std::string(text) + "\x1b[0m";
}

void Output::table(const Table& t, Format f) {
    switch (f) {
    case Format::csv:
        out_ << t.csv();
        break;
    case Format::markdown:
        out_ << t.markdown();
        break;
    default:
        out_ << t.text(color_, width_);
        break;
    }
}

void Output::json(const nlohmann::ordered_json& j) {
    out_ << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}
void Output::line(std::string_view text) {
    out_ << text << "\n";
}
void Output::raw(std::string_view text) {
    out_ << text;
}

void Output::warning(std::string_view message) {
    err_ << (err_color_ ? ansi(Color::yellow) : "")
         << "complain: warning: " << (err_color_ ? "\x1b[0m" : "") << message << "\n";
}

void Output::error(std::string_view message) {
    err_ << (err_color_ ? ansi(Color::red) : "")
         << "complain: error: " << (err_color_ ? "\x1b[0m" : "") << message << "\n";
}

} // namespace complain
