// The dossier of one complaint in Markdown or as one self-contained HTML file.
#include "complain/app/dossier.hpp"

#include "complain/app/report.hpp"
#include "complain/app/views.hpp"
#include "complain/domain/money.hpp"
#include "complain/error.hpp"
#include "complain/store/evidence.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace complain {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Row {
    std::vector<std::string> cells;
    std::string css; // a class for the HTML row: met, missed, ...
};

struct Grid {
    std::vector<std::string> headers;
    std::vector<Row> rows;
};

struct Image {
    std::string name, caption, type, sha256, data_uri;
};

// What a dossier says, before it is rendered.
struct Document {
    std::string title;
    std::string prepared;
    Fields me;
    Fields facts;
    std::string statement;
    Grid ladder, timeline, evidence;
    std::vector<Image> images;
    std::vector<std::string> not_inlined; // image evidence too large to inline
};

// Image evidence larger than this is listed but not inlined: a dossier has to open in a browser.
constexpr std::int64_t inline_limit = 20 << 20;

bool inlinable(const Evidence& e) {
    return e.type == "image/png" || e.type == "image/jpeg" || e.type == "image/gif" ||
           e.type == "image/webp";
}

std::string outcome_text(const Stint& st, Zone z) {
    switch (st.outcome) {
    case Stint::Outcome::met:
        return fmt::format("met: answered {}", format_moment(*st.answered, z));
    case Stint::Outcome::missed:
        return st.answered
                   ? fmt::format("missed: answered late, {}", format_moment(*st.answered, z))
                   : "missed: no answer by the due";
    case Stint::Outcome::pending:
        return "pending: the clock is running";
    case Stint::Outcome::no_deadline:
        return st.answered ? fmt::format("no deadline; answered {}", format_moment(*st.answered, z))
                           : "no deadline";
    case Stint::Outcome::left_early:
        return "left before the due, unanswered";
    }
    return "";
}

Document gather(Session& s, std::int64_t id, bool html) {
    Store& store = s.store(Store::Access::read);
    Complaint c = store.complaint(id);
    auto events = store.events(id);
    auto evidence = store.evidence(id);
    const Config& config = s.config();
    Zone z = s.zone();
    Instant now = s.now();
    Document d;
    d.title = fmt::format("Complaint {}: {}", c.id, c.title);
    d.prepared = fmt::format("Prepared {} by complain {} from its store; every event is kept as "
                             "recorded and never edited.",
                             format_moment(now, z), COMPLAIN_VERSION);

    const Complainant& me = config.me();
    for (auto [label, value] : {std::pair{"Name", &me.name},
                                {"Phone", &me.phone},
                                {"E-mail", &me.email},
                                {"Address", &me.address}})
        if (!value->empty()) d.me.emplace_back(label, *value);

    auto fact = [&](std::string label, std::string value) {
        if (!value.empty()) d.facts.emplace_back(std::move(label), std::move(value));
    };
    fact("Complaint", fmt::format("{} (UUID {})", c.id, c.uuid));
    fact("Title", c.title);
    fact("State", std::string(to_string(c.state)));
    fact("Against", c.against);
    fact("Order", c.order);
    fact("Product", c.product);
    fact("Category", c.category);
    fact("Wants", c.want);
    fact("Amount in dispute", amount_text(c));
    fact("Recovered", recovered_text(c));
    fact("Case number", c.ref);
    fact("Tags", fmt::format("{}", fmt::join(c.tags, ", ")));
    fact("Filed", format_moment(c.created, z));
    const Channel* current = config.find_channel(c.channel);
    std::string at =
        fmt::format("{}{}, level {}", current ? current->name + " — " : "", c.channel, c.level);
    if (c.clock.due && c.state == State::open)
        at += fmt::format("; answer due {} ({}){}", format_minute(*c.clock.due, z),
                          c.clock.deadline, c.overdue(now) ? ", OVERDUE" : "");
    fact("Now with", at);
    d.statement = c.body;

    d.ladder.headers = {"Level", "Channel", "Started", "Due", "Deadline"};
    for (const Stint& st : stints(c, events, now)) {
        const Channel* ch = config.find_channel(st.channel);
        std::string channel = ch ? fmt::format("{} — {}", ch->name, st.channel) : st.channel;
        if (ch && !ch->contact.empty()) channel += " (" + ch->contact + ")";
        d.ladder.rows.push_back({{std::to_string(st.level), channel, format_moment(st.start, z),
                                  st.due ? format_minute(*st.due, z) : "none", outcome_text(st, z)},
                                 std::string(st.outcome == Stint::Outcome::met      ? "met"
                                             : st.outcome == Stint::Outcome::missed ? "missed"
                                                                                    : "")});
    }

    d.timeline.headers = {"When", "What", "Details"};
    for (const Event& e : events) {
        std::string details = event_summary(e, s);
        if (e.kind == event_kind::note || e.kind == event_kind::contact ||
            e.kind == event_kind::answer || e.kind == event_kind::attached)
            details = e.text;
        if (e.recorded - e.at > std::chrono::hours(1))
            details += fmt::format(" (recorded {})", format_moment(e.recorded, z));
        d.timeline.rows.push_back({{format_moment(e.at, z), e.kind, details},
                                   e.kind == event_kind::flagged_overdue ? "missed" : ""});
    }

    d.evidence.headers = {"#", "File", "Caption", "Type", "Size", "SHA-256", "Added"};
    int n = 0;
    for (const Evidence& e : evidence) {
        ++n;
        d.evidence.rows.push_back({{std::to_string(n), e.name, e.caption, e.type,
                                    fmt::format("{} ({} bytes)", size_text(e.size), e.size),
                                    e.sha256, format_moment(e.added, z)},
                                   ""});
        if (!html || !inlinable(e)) continue;
        if (e.size > inline_limit) {
            d.not_inlined.push_back(e.name);
            continue;
        }
        std::string bytes;
        bytes.reserve(static_cast<size_t>(e.size));
        store.read_blob(e.sha256,
                        [&](std::string_view chunk) { bytes.append(chunk.data(), chunk.size()); });
        d.images.push_back({e.name, e.caption, e.type, e.sha256,
                            fmt::format("data:{};base64,{}", e.type, base64(bytes))});
    }
    return d;
}

// A fence longer than any run of backticks in the text, so the statement stays literal.
std::string fence_for(std::string_view text) {
    size_t longest = 0, run = 0;
    for (char ch : text) {
        run = ch == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string markdown_grid(const Grid& g) {
    std::string out = "|";
    for (const auto& h : g.headers)
        out += " " + markdown_escape(h) + " |";
    out += "\n|";
    for (size_t i = 0; i < g.headers.size(); ++i)
        out += " --- |";
    out += "\n";
    for (const auto& r : g.rows) {
        out += "|";
        for (const auto& cell : r.cells)
            out += " " + markdown_escape(cell) + " |";
        out += "\n";
    }
    return out;
}

std::string markdown_fields(const Fields& f) {
    Grid g{{"", ""}, {}};
    for (const auto& [label, value] : f)
        g.rows.push_back({{label, value}, ""});
    return markdown_grid(g);
}

std::string render_markdown(const Document& d) {
    std::string out = "# " + markdown_escape(d.title) + "\n\n" + markdown_escape(d.prepared) + "\n";
    out += "\n## Complainant\n\n";
    out += d.me.empty() ? "Not set: add a [me] table (name, phone, email, address) to the config.\n"
                        : markdown_fields(d.me);
    out += "\n## Facts\n\n" + markdown_fields(d.facts);
    if (!d.statement.empty()) {
        std::string fence = fence_for(d.statement);
        out += "\n## Statement\n\n" + fence + "text\n" + terminal_text(d.statement) +
               (d.statement.ends_with('\n') ? "" : "\n") + fence + "\n";
    }
    out += "\n## Channels and deadlines\n\n" + markdown_grid(d.ladder);
    out += "\n## Timeline\n\n" + markdown_grid(d.timeline);
    out += "\n## Evidence\n\n";
    out += d.evidence.rows.empty() ? "None attached.\n"
                                   : markdown_grid(d.evidence) +
                                         "\nEach file's SHA-256 identifies its content: anyone can "
                                         "check a copy with `sha256sum`.\n";
    return out;
}

const char* const css = R"css(
:root { color-scheme: light; }
body { font: 11pt/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #999; margin-top: 1.8rem; padding-bottom: .1rem; }
p.prepared { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
table.fields th { width: 11rem; background: #f5f5f5; }
tr.met td:last-child { color: #176b1f; font-weight: 600; }
tr.missed td:last-child { color: #a11212; font-weight: 600; }
td.when { white-space: nowrap; }
td.hash, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em;
                word-break: break-all; }
.statement { white-space: pre-wrap; border-left: 3px solid #bbb; padding: .2rem .8rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; max-height: 80vh; border: 1px solid #ccc; }
figcaption { color: #333; font-size: .9em; }
footer { margin-top: 2rem; color: #555; font-size: .9em; }
@page { size: A4; margin: 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  th { background: none; }
  tr, figure, img { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure img { max-height: 24cm; }
}
)css";

// `classes` names a CSS class per column ("" for none).
std::string html_grid(const Grid& g, const std::vector<std::string>& classes) {
    std::string out = "<table>\n<thead><tr>";
    for (const auto& h : g.headers)
        out += "<th>" + html_escape(h) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : g.rows) {
        out += r.css.empty() ? "<tr>" : "<tr class=\"" + r.css + "\">";
        for (size_t i = 0; i < r.cells.size(); ++i) {
            const std::string& css = i < classes.size() ? classes[i] : std::string();
            out += (css.empty() ? "<td>" : "<td class=\"" + css + "\">") + html_escape(r.cells[i]) +
                   "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

std::string html_fields(const Fields& f) {
    std::string out = "<table class=\"fields\">\n";
    for (const auto& [label, value] : f)
        out += "<tr><th>" + html_escape(label) + "</th><td>" + html_escape(value) + "</td></tr>\n";
    return out + "</table>\n";
}

std::string render_html(const Document& d) {
    std::string out = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n";
    // Nothing in the file may load or run anything: styles inline, images as data: URIs.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src "
           "data:; style-src 'unsafe-inline'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"generator\" content=\"complain " COMPLAIN_VERSION "\">\n";
    out += "<title>" + html_escape(d.title) + "</title>\n<style>" + css + "</style>\n</head>\n";
    out += "<body>\n<header>\n<h1>" + html_escape(d.title) + "</h1>\n<p class=\"prepared\">" +
           html_escape(d.prepared) + "</p>\n</header>\n";
    out += "<section id=\"complainant\">\n<h2>Complainant</h2>\n";
    out += d.me.empty() ? "<p>Not set: add a [me] table (name, phone, email, address) to the "
                          "config.</p>\n"
                        : html_fields(d.me);
    out += "</section>\n<section id=\"facts\">\n<h2>Facts</h2>\n" + html_fields(d.facts);
    out += "</section>\n";
    if (!d.statement.empty())
        out += "<section id=\"statement\">\n<h2>Statement</h2>\n<div class=\"statement\">" +
               html_escape(d.statement) + "</div>\n</section>\n";
    out += "<section id=\"ladder\">\n<h2>Channels and deadlines</h2>\n" +
           html_grid(d.ladder, {"", "", "when", "when", ""}) + "</section>\n";
    out += "<section id=\"timeline\">\n<h2>Timeline</h2>\n" +
           html_grid(d.timeline, {"when", "", ""}) + "</section>\n";
    out += "<section id=\"evidence\">\n<h2>Evidence</h2>\n";
    if (d.evidence.rows.empty()) {
        out += "<p>None attached.</p>\n";
    } else {
        out += html_grid(d.evidence, {"", "", "", "", "when", "hash", "when"});
        for (const Image& img : d.images)
            out += "<figure>\n<img src=\"" + img.data_uri + "\" alt=\"" + html_escape(img.name) +
                   "\">\n<figcaption>" + html_escape(img.name) +
                   (img.caption.empty() ? "" : " — " + html_escape(img.caption)) +
                   "<br><code>SHA-256 " + html_escape(img.sha256) + "</code></figcaption>\n" +
                   "</figure>\n";
        for (const auto& name : d.not_inlined)
            out += "<p>" + html_escape(name) +
                   " is too large to show here; extract it with complain attach --extract.</p>\n";
    }
    out += "</section>\n<footer>Each file's SHA-256 identifies its content: anyone can check a "
           "copy with <code>sha256sum</code>.</footer>\n</body>\n</html>\n";
    return out;
}

} // namespace

std::string html_escape(std::string_view raw) {
    // Shown first, escaped after: the <U+009B> that shows a C1 control is escaped like any text.
    std::string text = terminal_text(raw);
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string markdown_escape(std::string_view text) {
    std::string out;
    for (char ch : text) {
        if (ch == '\n' || ch == '\r' || ch == '\t') {
            out += ' ';
            continue;
        }
        // `>` only matters at the start of a line, where escaped text never is.
        if (std::string_view("\\`*_[]<|#!&").find(ch) != std::string_view::npos) out += '\\';
        out += ch;
    }
    // Shown after escaping, so that ESC reads ^[ in the file as on screen. The [ and < this adds
    // open nothing: every ] of the text is escaped, and "<U+" starts no tag or autolink.
    return terminal_text(out);
}

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string dossier(Session& s, std::int64_t id, Format format) {
    Document d = gather(s, id, format == Format::html);
    return format == Format::html ? render_html(d) : render_markdown(d);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error(Exit::usage,
                    fmt::format("-o {}: is a directory; name the file to write", path.string()));
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        throw Error(Exit::not_found, fmt::format("-o {}: the folder {} does not exist",
                                                 path.string(), dir.string()));
    std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(temp.data());
    if (fd < 0)
        throw Error(Exit::not_found, fmt::format("-o {}: cannot write in {}: {}", path.string(),
                                                 dir.string(), std::strerror(errno)));
    auto fail = [&](const char* what) {
        int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return Error(Exit::internal,
                     fmt::format("-o {}: {}: {}", path.string(), what, std::strerror(err)));
    };
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0)
        throw fail("cannot keep the file's permissions");
    for (size_t done = 0; done < content.size();) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw fail("cannot write");
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) throw fail("cannot write");
    if (::close(fd) != 0) {
        ::unlink(temp.c_str());
        throw Error(Exit::internal, fmt::format("-o {}: cannot write", path.string()));
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        throw Error(Exit::internal,
                    fmt::format("-o {}: cannot replace it: {}", path.string(), std::strerror(err)));
    }
}

} // namespace complain
