// What a dossier says, before it is rendered as Markdown or HTML: the seam between gathering the
// record (dossier.cpp) and writing it in a format (dossier_render.cpp).
#pragma once

#include "complain/output/table.hpp"

#include <string>
#include <utility>
#include <vector>

namespace complain {

struct DossierImage {
    std::string name, caption, type, sha256, data_uri;
};

struct DossierDocument {
    using Fields = std::vector<std::pair<std::string, std::string>>; // label, value
    std::string title;
    std::string prepared;
    Fields me;
    Fields facts;
    std::string statement;
    Table ladder{std::vector<Column>{}}, timeline{std::vector<Column>{}},
        evidence{std::vector<Column>{}};
    std::vector<DossierImage> images;
    std::vector<std::string> not_inlined; // image evidence too large to inline
};

// Every user text escaped for the format (markdown_escape, html_escape): one way, as everywhere.
std::string dossier_markdown(const DossierDocument& d);
// One self-contained file: inline CSS, images as data: URIs, a print stylesheet.
std::string dossier_html(const DossierDocument& d);

} // namespace complain
