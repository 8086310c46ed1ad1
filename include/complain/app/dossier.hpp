// The dossier: everything about one complaint in one document, ready for a regulator or a court.
#pragma once

#include "complain/app/session.hpp"
#include "complain/i18n.hpp"
#include "complain/output/document.hpp"
#include "complain/output/output.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace complain {

// The complainant ([me] in the config), the complaint's facts and statement, the ladder it climbed
// with each deadline and whether it was met, the whole timeline, and the evidence with SHA-256,
// size and type. Format::markdown, or Format::html: one self-contained file (inline CSS, image
// evidence inlined as data: URIs, a print stylesheet, every user text escaped).
// In the current language, or in `lang` when given (`--lang en`).
std::string dossier(Session& s, std::int64_t id, Format format,
                    std::optional<Language> lang = std::nullopt);

// Escaping and rendering are the output layer's: markdown_escape and html_escape
// (complain/output/text.hpp), document_markdown, document_html and base64
// (complain/output/document.hpp).

// Writes `content` to a temporary file beside `path` and renames it over `path`, so a reader never
// sees half a file. An existing file is replaced (keeping its permissions); a new one is 0600,
// like the store, because a dossier carries the complainant's contact details. A directory, or a
// folder that does not exist, is an Error.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The same, written in parts: the file appears at `path` at finish(), and not at all when the
// AtomicFile is destroyed first (a failure halfway leaves the old file, or none).
class AtomicFile {
  public:
    explicit AtomicFile(const std::filesystem::path& path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    void write(std::string_view content);
    void finish();

  private:
    Error failure(const char* what); // closes the file; the destructor removes it
    std::filesystem::path path_;
    std::string temp_;
    int fd_ = -1;
    bool done_ = false;
};

} // namespace complain
