// Rendering tables and documents for terminals and for programs.
#include "complain/output/output.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <optional>
#include <sys/ioctl.h>
#include <unistd.h>

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
    throw Error(Exit::usage, trf("--format {}: use one of {}", text, fmt::join(names, ", ")));
}

ColorMode parse_color_mode(std::string_view text) {
    if (text == "auto") return ColorMode::automatic;
    if (text == "always") return ColorMode::always;
    if (text == "never") return ColorMode::never;
    throw Error(Exit::usage, trf("--color {}: use auto, always or never", text));
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

namespace {

// The first of LC_ALL, LC_CTYPE, LANG that is set decides, as setlocale would.
bool utf8_locale(const Environment& env) {
    for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        auto v = env.get(var);
        if (!v) continue;
        std::string value;
        for (char c : *v)
            if (c != '-') value += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return value.find("utf8") != std::string::npos;
    }
    return false;
}

// A positive number of columns, or 0.
int columns_of(const std::optional<std::string>& text) {
    if (!text) return 0;
    int n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    return ec == std::errc() && end == text->data() + text->size() && n > 0 ? n : 0;
}

} // namespace

Output::Output(std::ostream& out, std::ostream& err, ColorMode mode, bool out_is_tty, int width,
               const Environment& env)
    : out_(&out), err_(err), tty_(out_is_tty), width_(width), utf8_(utf8_locale(env)) {
    bool auto_color = !env.get("NO_COLOR") && env.get("TERM") != "dumb";
    color_ =
        mode == ColorMode::always || (mode == ColorMode::automatic && out_is_tty && auto_color);
    err_color_ = mode == ColorMode::always ||
                 (mode == ColorMode::automatic && isatty(STDERR_FILENO) && auto_color);
}

Output Output::for_terminal(std::ostream& out, std::ostream& err, ColorMode mode,
                            const Environment& env, bool pager) {
    bool tty = isatty(STDOUT_FILENO);
    int width = columns_of(env.get("COLUMNS"));
    if (tty && width == 0) {
        winsize ws{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) width = ws.ws_col;
    }
    Output o(out, err, mode, tty, width, env);
    if (&out == &std::cout) {
        std::cout.flush();
        std::fflush(stdout); // nothing may overtake what stdio still holds
        o.stdout_buffer_ = std::make_unique<FdBuffer>(STDOUT_FILENO);
        o.stdout_stream_ = std::make_unique<std::ostream>(o.stdout_buffer_.get());
        o.out_ = o.stdout_stream_.get();
        if (tty && pager) o.pager_command_ = Pager::command(env);
    }
    return o;
}

void Output::page() {
    if (pager_ || pager_command_.empty()) return;
    out_->flush(); // what was written before goes to the terminal itself
    std::string why;
    pager_ = Pager::start(pager_command_, why);
    if (!pager_) warning(trf("cannot start the pager {}: {}", pager_command_[0], why));
    pager_command_.clear();
}

std::string Output::paint(std::string_view text, Color c) const {
    return complain::paint(text, c, color_);
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
    err_ << complain::paint("complain: warning: ", Color::yellow, err_color_)
         << terminal_text(message) << "\n";
}

void Output::error(std::string_view message) {
    out_->flush();
    err_ << complain::paint("complain: error: ", Color::red, err_color_) << terminal_text(message)
         << "\n";
}

void Output::flush() {
    out_->flush();
    int error = stdout_buffer_ ? stdout_buffer_->error() : 0;
    if (error == 0 && !*out_) error = EIO; // a stream of the caller's that went bad
    if (error == 0) return;
    if (error == EPIPE) throw Error(Exit::closed_pipe, "");
    throw Error(Exit::io, trf("cannot write to standard output: {}", std::strerror(error)));
}

} // namespace complain
