// What attach, extract and verify mean: files in, files out, and proof that they are unchanged.
#pragma once

#include "complain/app/session.hpp"
#include "complain/store/evidence.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace complain {

struct Attached {
    Evidence evidence;
    bool stored = false;           // false: the content was already in the store (deduplicated)
    bool already_attached = false; // the complaint already had this content: nothing added
};
// Attaches files to a complaint in one transaction: all of them or none. Each file is read twice,
// once to hash it and once to store it, and refused if it changed in between.
std::vector<Attached> attach_files(Session& s, std::int64_t id,
                                   const std::vector<std::string>& files,
                                   const std::string& caption, const std::string& purpose = "");

// Says anew what a piece of evidence proves (证明目的): `selector` is a SHA-256 prefix naming one
// piece of the complaint's evidence. Records an `edited` event (field "purpose:" and the SHA-256)
// at `at` or now; none when the purpose is already that. The caller commits.
std::optional<Event> set_purpose(Session& s, std::int64_t id, const std::string& selector,
                                 const std::string& purpose, const std::optional<std::string>& at);

// A file name safe to create inside a folder: no path separators, no NUL or control characters,
// not "." or "..", not a device name, not starting with "-"; falls back to "evidence-<sha>".
std::string safe_file_name(std::string_view stored, std::string_view sha256);

// Passes the content of the one piece of evidence `selector` names (a SHA-256 prefix; not "all")
// to `write` as it is read, for `--extract SHA -o -`; Error(integrity) after the last byte when
// the content does not match its hash.
Evidence extract_one(Session& s, std::int64_t id, const std::string& selector,
                     const std::function<void(std::string_view)>& write);

struct Extracted {
    Evidence evidence;
    std::filesystem::path path;
};
// Writes the evidence chosen by `selector` ("all" or an unambiguous SHA-256 prefix) into `dir`,
// byte for byte, verified against its hash. Never writes outside `dir`; never replaces an existing
// file unless `force`. Folders it creates are 0700 and the files it writes 0600.
std::vector<Extracted> extract_evidence(Session& s, std::int64_t id, const std::string& selector,
                                        const std::filesystem::path& dir, bool force);

} // namespace complain
