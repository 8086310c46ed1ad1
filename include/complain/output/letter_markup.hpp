// Letters: Mustache templates filled from a JSON model, and the light markup they are written in,
// laid out as plain text, Markdown or one HTML page.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace complain {

// Fills a Mustache template with `data` (objects, lists, strings, booleans; a null, an empty
// string or an empty list is absent, so that `{{#order}}...{{/order}}` leaves out what the record
// does not have). With `html`, every {{value}} is escaped by html_escape; without, values go in as
// they are but for control characters, shown as terminal_text shows them ({{{value}}} is never
// escaped). Throws Error(config) naming `what` (the template's
// name or file) when the template does not parse.
std::string render_mustache(std::string_view tmpl, const nlohmann::ordered_json& data, bool html,
                            std::string_view what);

// The markup a template writes, which is also Markdown:
//   # Title                   the letter's title (centred in HTML)
//   ## Heading, ### Heading   section headings
//   - item                    a list item; lines under it indented by two spaces continue it
//   | a | b |                 a table, its first row the header, its second |---|---|
//   ::: right ... :::         a block set to the right (signature and date)
//   anything else             paragraphs, separated by blank lines, line breaks kept
// As plain text: heading marks and block fences dropped, tables in aligned columns (CJK counted
// two columns wide), the rest as written.
std::string markup_text(std::string_view markup);
// One HTML page that loads and runs nothing (styles inline), with a print stylesheet. The markup
// must have been rendered with html escaping: it is not escaped again. `title` goes in <title>
// (escaped here); `lang` in <html lang>.
std::string markup_html(std::string_view markup, std::string_view title, std::string_view lang);

} // namespace complain
