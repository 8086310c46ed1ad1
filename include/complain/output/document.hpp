// A document of headed sections (paragraphs, fields, tables, verbatim text, figures), written as
// Markdown or as one self-contained HTML file: the blocks a dossier is made of, apart from what
// it says. Every text is escaped for the format here (markdown_escape, html_escape), never by the
// caller.
#pragma once

#include "complain/output/table.hpp"

#include <string>
#include <utility>
#include <vector>

namespace complain {

// Text, or a code span (`sha256sum`).
struct Inline {
    std::string text;
    bool code = false;
};

struct Block {
    enum class Kind {
        paragraph, // `inlines`
        fields,    // `fields`: label and value, a row each
        table,     // `table`, with a CSS class per column in `classes`
        verbatim,  // `text` kept as written, line breaks and all (a fenced block in Markdown)
        figure,    // HTML only: an image from `text` (a data: URI), `alt`, a caption in
                   // `inlines` and a monospace line in `code`
    };
    Kind kind = Kind::paragraph;
    std::vector<Inline> inlines;
    std::vector<std::pair<std::string, std::string>> fields;
    Table table{std::vector<Column>{}};
    std::vector<std::string> classes;
    std::string text, alt, code;
    bool html_only = false; // a note about what only HTML shows (images)
};

struct Section {
    std::string id; // the HTML section's id
    std::string heading;
    std::vector<Block> blocks;
};

struct Document {
    std::string title;
    std::string subtitle; // under the title: who prepared it, when
    std::vector<Section> sections;
    std::vector<Inline> footer;  // after the last section
    std::string generator;       // HTML's <meta name="generator">
    std::string language = "en"; // HTML's lang: which fonts and line breaking a browser uses
};

Block paragraph(std::vector<Inline> inlines);
Block fields_block(std::vector<std::pair<std::string, std::string>> fields);
Block table_block(Table table, std::vector<std::string> classes = {});
Block verbatim_block(std::string text);

std::string document_markdown(const Document& d);
// One file that loads and runs nothing: styles inline, images as data: URIs, a print stylesheet.
std::string document_html(const Document& d);

// RFC 4648 base64, for data: URIs.
std::string base64(std::string_view bytes);

} // namespace complain
