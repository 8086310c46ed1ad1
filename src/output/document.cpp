// Documents written out as Markdown or as one self-contained HTML file.
#include "complain/output/document.hpp"

#include <algorithm>
#include <openssl/evp.h>

namespace complain {
namespace {

// A fence longer than any run of backticks in the text, so that the text stays literal.
std::string fence_for(std::string_view text) {
    size_t longest = 0, run = 0;
    for (char ch : text) {
        run = ch == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string markdown_inlines(const std::vector<Inline>& inlines) {
    std::string out;
    for (const auto& i : inlines) {
        if (!i.code) {
            out += markdown_escape(i.text);
            continue;
        }
        std::string text = terminal_line(i.text);
        std::string fence = text.find('`') == std::string::npos ? "`" : "`` ";
        out += fence + text + (fence == "`" ? "`" : " ``");
    }
    return out;
}

std::string html_inlines(const std::vector<Inline>& inlines) {
    std::string out;
    for (const auto& i : inlines)
        out += i.code ? "<code>" + html_escape(i.text) + "</code>" : html_escape(i.text);
    return out;
}

std::string markdown_block(const Block& b) {
    switch (b.kind) {
    case Block::Kind::paragraph:
        return markdown_inlines(b.inlines) + "\n";
    case Block::Kind::fields: {
        Table t({{"", Fit::keep}, {"", Fit::keep}});
        for (const auto& [label, value] : b.fields)
            t.add_row({{label}, {value}});
        return t.markdown();
    }
    case Block::Kind::table:
        return b.table.markdown();
    case Block::Kind::verbatim: {
        std::string fence = fence_for(b.text);
        return fence + "text\n" + terminal_text(b.text) + (b.text.ends_with('\n') ? "" : "\n") +
               fence + "\n";
    }
    case Block::Kind::figure:
        return "";
    }
    return "";
}

std::string html_block(const Block& b) {
    switch (b.kind) {
    case Block::Kind::paragraph:
        return "<p>" + html_inlines(b.inlines) + "</p>\n";
    case Block::Kind::fields: {
        std::string out = "<table class=\"fields\">\n";
        for (const auto& [label, value] : b.fields)
            out +=
                "<tr><th>" + html_escape(label) + "</th><td>" + html_escape(value) + "</td></tr>\n";
        return out + "</table>\n";
    }
    case Block::Kind::table:
        return b.table.html(b.classes);
    case Block::Kind::verbatim:
        return "<div class=\"statement\">" + html_escape(b.text) + "</div>\n";
    case Block::Kind::figure:
        // The URI is complain's own data: URI, never user text; the rest is escaped.
        return "<figure>\n<img src=\"" + b.text + "\" alt=\"" + html_escape(b.alt) +
               "\">\n<figcaption>" + html_inlines(b.inlines) +
               (b.code.empty() ? "" : "<br><code>" + html_escape(b.code) + "</code>") +
               "</figcaption>\n</figure>\n";
    }
    return "";
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
tr.undone td { color: #777; text-decoration: line-through; }
tr.undone td:last-child { text-decoration: none; }
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

} // namespace

Block paragraph(std::vector<Inline> inlines) {
    Block b;
    b.inlines = std::move(inlines);
    return b;
}

Block fields_block(std::vector<std::pair<std::string, std::string>> fields) {
    Block b;
    b.kind = Block::Kind::fields;
    b.fields = std::move(fields);
    return b;
}

Block table_block(Table table, std::vector<std::string> classes) {
    Block b;
    b.kind = Block::Kind::table;
    b.table = std::move(table);
    b.classes = std::move(classes);
    return b;
}

Block verbatim_block(std::string text) {
    Block b;
    b.kind = Block::Kind::verbatim;
    b.text = std::move(text);
    return b;
}

std::string document_markdown(const Document& d) {
    std::string out = "# " + markdown_escape(d.title) + "\n\n" + markdown_escape(d.subtitle) + "\n";
    for (const Section& s : d.sections) {
        out += "\n## " + markdown_escape(s.heading) + "\n\n";
        bool first = true;
        for (const Block& b : s.blocks) {
            if (b.html_only || b.kind == Block::Kind::figure) continue;
            out += (first ? "" : "\n") + markdown_block(b);
            first = false;
        }
    }
    if (!d.footer.empty()) out += "\n" + markdown_inlines(d.footer) + "\n";
    return out;
}

std::string document_html(const Document& d) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_escape(d.language) +
                      "\">\n<head>\n<meta charset=\"utf-8\">\n";
    // Nothing in the file may load or run anything: styles inline, images as data: URIs.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src "
           "data:; style-src 'unsafe-inline'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    if (!d.generator.empty())
        out += "<meta name=\"generator\" content=\"" + html_escape(d.generator) + "\">\n";
    out += "<title>" + html_escape(d.title) + "</title>\n<style>" + css + "</style>\n</head>\n";
    out += "<body>\n<header>\n<h1>" + html_escape(d.title) + "</h1>\n<p class=\"prepared\">" +
           html_escape(d.subtitle) + "</p>\n</header>\n";
    for (const Section& s : d.sections) {
        out +=
            "<section id=\"" + html_escape(s.id) + "\">\n<h2>" + html_escape(s.heading) + "</h2>\n";
        for (const Block& b : s.blocks)
            out += html_block(b);
        out += "</section>\n";
    }
    if (!d.footer.empty()) out += "<footer>" + html_inlines(d.footer) + "</footer>\n";
    return out + "</body>\n</html>\n";
}

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

} // namespace complain
