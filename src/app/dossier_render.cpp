// The dossier written out: Markdown, or one self-contained HTML file.
#include "complain/app/dossier.hpp"
#include "complain/app/dossier_document.hpp"

#include <algorithm>
#include <openssl/evp.h>

namespace complain {
namespace {

// A fence longer than any run of backticks in the text, so the statement stays literal.
std::string fence_for(std::string_view text) {
    size_t longest = 0, run = 0;
    for (char ch : text) {
        run = ch == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<size_t>(3, longest + 1), '`');
}

// Label and value, a row each, under empty headers.
std::string markdown_fields(const DossierDocument::Fields& f) {
    Table t({{"", Fit::keep}, {"", Fit::keep}});
    for (const auto& [label, value] : f)
        t.add_row({{label}, {value}});
    return t.markdown();
}

std::string html_fields(const DossierDocument::Fields& f) {
    std::string out = "<table class=\"fields\">\n";
    for (const auto& [label, value] : f)
        out += "<tr><th>" + html_escape(label) + "</th><td>" + html_escape(value) + "</td></tr>\n";
    return out + "</table>\n";
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

} // namespace

std::string dossier_markdown(const DossierDocument& d) {
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
    out += "\n## Channels and deadlines\n\n" + d.ladder.markdown();
    out += "\n## Timeline\n\n" + d.timeline.markdown();
    out += "\n## Evidence\n\n";
    out += d.evidence.empty() ? "None attached.\n"
                                   : d.evidence.markdown() +
                                         "\nEach file's SHA-256 identifies its content: anyone can "
                                         "check a copy with `sha256sum`.\n";
    return out;
}

std::string dossier_html(const DossierDocument& d) {
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
           d.ladder.html({"", "", "when", "when", ""}) + "</section>\n";
    out += "<section id=\"timeline\">\n<h2>Timeline</h2>\n" +
           d.timeline.html({"when", "", ""}) + "</section>\n";
    out += "<section id=\"evidence\">\n<h2>Evidence</h2>\n";
    if (d.evidence.empty()) {
        out += "<p>None attached.</p>\n";
    } else {
        out += d.evidence.html({"", "", "", "", "when", "hash", "when"});
        for (const DossierImage& img : d.images)
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

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

} // namespace complain
