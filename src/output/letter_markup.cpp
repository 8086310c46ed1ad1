// Filling letter templates (Mustache) and laying out their markup as text, Markdown or HTML.
#include "complain/output/letter_markup.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <vector>

namespace complain {
namespace {

namespace mustache = kainjow::mustache;

// Whether a JSON value counts as absent in a template: its section is skipped.
bool absent(const nlohmann::ordered_json& v) {
    return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
           (v.is_array() && v.empty()) || (v.is_boolean() && !v.get<bool>());
}

mustache::data to_data(const nlohmann::ordered_json& v) {
    if (v.is_object()) {
        mustache::data out{mustache::data::type::object};
        for (const auto& [key, value] : v.items())
            if (!absent(value)) out.set(key, to_data(value));
        return out;
    }
    if (v.is_array()) {
        mustache::data out{mustache::data::type::list};
        for (const auto& item : v)
            out.push_back(to_data(item));
        return out;
    }
    if (v.is_boolean()) return mustache::data(v.get<bool>());
    if (v.is_string()) return mustache::data(v.get<std::string>());
    if (v.is_null()) return mustache::data(false);
    return mustache::data(v.dump());
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line(text.substr(start, end - start));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        start = end + 1;
    }
    while (!out.empty() && out.back().empty())
        out.pop_back();
    return out;
}

bool blank(const std::string& line) {
    return line.find_first_not_of(" \t") == std::string::npos;
}
bool is_table_row(const std::string& line) {
    return line.starts_with("|");
}
bool is_rule_row(const std::string& line) {
    return is_table_row(line) && line.find_first_not_of("|-: ") == std::string::npos;
}
bool is_fence(const std::string& line) {
    return line.starts_with(":::");
}
// "## Facts" -> 2; 0 when it is no heading.
int heading_level(const std::string& line) {
    size_t n = line.find_first_not_of('#');
    if (n == 0 || n > 3 || n == std::string::npos || line[n] != ' ') return 0;
    return static_cast<int>(n);
}

std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    std::string body = row.substr(1);
    if (body.ends_with("|")) body.pop_back();
    size_t start = 0;
    while (start <= body.size()) {
        size_t end = body.find('|', start);
        if (end == std::string::npos) end = body.size();
        std::string cell = body.substr(start, end - start);
        cell.erase(0, cell.find_first_not_of(' '));
        cell.erase(cell.find_last_not_of(' ') + 1);
        out.push_back(std::move(cell));
        start = end + 1;
    }
    return out;
}

// Markup split into blocks: a run of table rows, of list lines, or of paragraph lines; headings
// and fences alone.
struct MarkupBlock {
    enum class Kind { heading, table, list, paragraph, fence_open, fence_close } kind;
    std::vector<std::string> lines;
    int level = 0;
};

std::vector<MarkupBlock> blocks_of(std::string_view markup) {
    std::vector<MarkupBlock> out;
    bool in_fence = false;
    for (const std::string& line : lines_of(markup)) {
        using K = MarkupBlock::Kind;
        MarkupBlock* last = out.empty() ? nullptr : &out.back();
        if (blank(line)) {
            out.push_back({K::paragraph, {}}); // a separator: empty paragraphs are dropped
            continue;
        }
        if (is_fence(line)) {
            bool opens = line.find_first_not_of(": ") != std::string::npos;
            if (opens && in_fence) out.push_back({K::fence_close, {}});
            if (opens || in_fence) out.push_back({opens ? K::fence_open : K::fence_close, {}});
            in_fence = opens;
            continue;
        }
        if (int level = heading_level(line)) {
            out.push_back({K::heading, {line.substr(static_cast<size_t>(level) + 1)}, level});
            continue;
        }
        K kind = is_table_row(line)       ? K::table
                 : line.starts_with("- ") ? K::list
                 : last && last->kind == K::list && !last->lines.empty() && line.starts_with("  ")
                     ? K::list
                     : K::paragraph;
        if (last && last->kind == kind && !last->lines.empty())
            last->lines.push_back(line);
        else
            out.push_back({kind, {line}});
    }
    if (in_fence) out.push_back({MarkupBlock::Kind::fence_close, {}});
    std::erase_if(out, [](const MarkupBlock& b) {
        return b.kind == MarkupBlock::Kind::paragraph && b.lines.empty();
    });
    return out;
}

std::string text_table(const std::vector<std::string>& rows) {
    std::vector<std::vector<std::string>> table;
    for (const auto& row : rows)
        if (!is_rule_row(row)) table.push_back(cells(row));
    size_t columns = 0;
    for (const auto& r : table)
        columns = std::max(columns, r.size());
    std::vector<int> width(columns, 0);
    for (const auto& r : table)
        for (size_t i = 0; i < r.size(); ++i)
            width[i] = std::max(width[i], display_width(r[i]));
    std::string out;
    for (const auto& r : table) {
        std::string line;
        for (size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size())
                line += std::string(static_cast<size_t>(width[i] - display_width(r[i]) + 2), ' ');
        }
        out += line + "\n";
    }
    return out;
}

const char* const css = R"css(
:root { color-scheme: light; }
body { font: 12pt/1.75 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
       color: #111; max-width: 46rem; margin: 2.5rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7rem; text-align: center; margin: 0 0 1.5rem; }
h1:lang(zh) { letter-spacing: .15em; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
p { white-space: pre-wrap; margin: .5rem 0; }
ul { margin: .4rem 0; padding-left: 1.6rem; }
li { margin: .15rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9em; margin: .5rem 0; line-height: 1.4; }
th, td { border: 1px solid #888; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; white-space: nowrap; }
td { overflow-wrap: anywhere; }
td.n { text-align: center; width: 2.5em; }
td.when { white-space: nowrap; }
td.hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .72em;
          word-break: break-all; width: 17em; }
.right { text-align: right; margin-top: 2rem; }
.right p { white-space: pre-wrap; }
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  th { background: none; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
)css";

// A table cell's class, by what it holds: a number, a date (kept on one line) or a hash (a long
// word the cell must be able to break).
std::string html_cell(const std::string& cell, const char* tag) {
    auto only = [&](std::string_view chars) {
        return !cell.empty() && cell.find_first_not_of(chars) == std::string::npos;
    };
    const char* css = "";
    if (only("0123456789"))
        css = " class=\"n\"";
    else if (cell.size() >= 40 && only("0123456789abcdef"))
        css = " class=\"hash\"";
    else if ((cell.find("年") != std::string::npos && cell.find("日") != std::string::npos &&
              cell.size() <= 30) ||
             (cell.size() <= 30 && cell.find(" 20") != std::string::npos &&
              std::isdigit(static_cast<unsigned char>(cell.front()))))
        css = " class=\"when\"";
    return fmt::format("<{0}{1}>{2}</{0}>", tag, css, cell);
}

// Mustache's standalone lines: a line holding nothing but section tags or a comment
// ({{#order}}, {{/order}}, {{! ...}}) leaves no line of its own in the output. kainjow's renderer
// keeps the line break of a section it skips, so the tags are joined to the next line here,
// followed by a mark that keeps kainjow from treating the joined line as standalone once more
// (and removing a blank line after it); render_mustache removes the marks.
constexpr char sentinel = '\x01';

std::string join_standalone_tags(std::string_view tmpl) {
    std::string out;
    size_t start = 0;
    while (start < tmpl.size()) {
        size_t end = tmpl.find('\n', start);
        bool last = end == std::string_view::npos;
        std::string_view line = tmpl.substr(start, last ? std::string_view::npos : end - start);
        std::string_view rest = line;
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
            rest.remove_prefix(1);
        bool standalone = !rest.empty();
        while (!rest.empty()) {
            auto close = rest.find("}}");
            if (!rest.starts_with("{{") || rest.size() < 3 ||
                std::string_view("#^/!").find(rest[2]) == std::string_view::npos ||
                close == std::string_view::npos) {
                standalone = false;
                break;
            }
            rest.remove_prefix(close + 2);
            while (!rest.empty() &&
                   (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\r'))
                rest.remove_prefix(1);
        }
        out += line;
        if (standalone) out += sentinel;
        if (!last && !standalone) out += '\n';
        if (last) break;
        start = end + 1;
    }
    return out;
}

// Blank lines at the start, and runs of them, as one: what skipped sections leave.
std::string tidy(std::string text) {
    std::string out;
    int newlines = 2; // no blank line at the start
    for (char c : text) {
        if (c == '\n') {
            if (++newlines > 2) continue;
        } else {
            newlines = 0;
        }
        out += c;
    }
    while (out.ends_with("\n\n"))
        out.pop_back();
    return out;
}

} // namespace

std::string render_mustache(std::string_view tmpl, const nlohmann::ordered_json& data, bool html,
                            std::string_view what) {
    mustache::mustache m{join_standalone_tags(tmpl)};
    if (!m.is_valid()) throw Error(Exit::config, trf("template {}: {}", what, m.error_message()));
    if (html)
        m.set_custom_escape([](const std::string& s) { return html_escape(s); });
    else
        // No HTML escaping in text and Markdown; control characters are still shown, not
        // obeyed, since a letter on standard output may reach a terminal.
        m.set_custom_escape([](const std::string& s) { return terminal_text(s); });
    std::string out = m.render(to_data(data));
    if (!m.is_valid()) throw Error(Exit::config, trf("template {}: {}", what, m.error_message()));
    std::erase(out, sentinel);
    return tidy(std::move(out));
}

std::string markup_text(std::string_view markup) {
    std::string out;
    for (const MarkupBlock& b : blocks_of(markup)) {
        using K = MarkupBlock::Kind;
        if (b.kind == K::fence_open || b.kind == K::fence_close) continue;
        if (!out.empty()) out += "\n";
        if (b.kind == K::table) {
            out += text_table(b.lines);
            continue;
        }
        for (const std::string& line : b.lines)
            out += line + "\n";
    }
    return out;
}

std::string markup_html(std::string_view markup, std::string_view title, std::string_view lang) {
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta "
                                  "charset=\"utf-8\">\n",
                                  html_escape(lang));
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out +=
        "<title>" + html_escape(title) + "</title>\n<style>" + css + "</style>\n</head>\n<body>\n";
    for (const MarkupBlock& b : blocks_of(markup)) {
        using K = MarkupBlock::Kind;
        switch (b.kind) {
        case K::heading:
            out += fmt::format("<h{0}>{1}</h{0}>\n", b.level, b.lines.front());
            break;
        case K::fence_open:
            out += "<div class=\"right\">\n";
            break;
        case K::fence_close:
            out += "</div>\n";
            break;
        case K::paragraph: {
            std::string text;
            for (const std::string& line : b.lines)
                text += (text.empty() ? "" : "\n") + line;
            out += "<p>" + text + "</p>\n";
            break;
        }
        case K::list: {
            out += "<ul>\n";
            bool open = false;
            for (const std::string& line : b.lines) {
                if (line.starts_with("- ")) {
                    if (open) out += "</li>\n";
                    out += "<li>" + line.substr(2);
                    open = true;
                } else {
                    out += "<br>" + line.substr(line.find_first_not_of(' '));
                }
            }
            out += open ? "</li>\n</ul>\n" : "</ul>\n";
            break;
        }
        case K::table: {
            out += "<table>\n";
            bool head = true;
            for (const std::string& row : b.lines) {
                if (is_rule_row(row)) continue;
                out += "<tr>";
                for (const std::string& cell : cells(row))
                    out += html_cell(cell, head ? "th" : "td");
                out += "</tr>\n";
                head = false;
            }
            out += "</table>\n";
            break;
        }
        }
    }
    return out + "</body>\n</html>\n";
}

} // namespace complain
