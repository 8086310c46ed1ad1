// Evidence in and out of the store, with the file checks that make it provable.
#include "complain/app/evidence.hpp"

#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <magic.h>
#include <memory>
#include <set>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

namespace complain {
namespace {

constexpr size_t sniff_size = 64 * 1024; // bytes libmagic sees

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

std::string media_type(const unsigned char* data, size_t size) {
    std::unique_ptr<magic_set, decltype(&magic_close)> m(magic_open(MAGIC_MIME_TYPE), magic_close);
    if (!m || magic_load(m.get(), nullptr) != 0) return "application/octet-stream";
    const char* type = magic_buffer(m.get(), data, size);
    return type ? type : "application/octet-stream";
}

// Checks that `path` names a regular file we can read, before any content is read.
struct stat check_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            throw Error(Exit::not_found, trf("{}: no such file", path));
        throw Error(Exit::not_found, fmt::format("{}: {}", path, std::strerror(errno)));
    }
    if (S_ISDIR(st.st_mode))
        throw Error(Exit::usage, trf("{}: is a directory; attach the files in it", path));
    if (!S_ISREG(st.st_mode))
        throw Error(Exit::usage,
                    trf("{}: is not a regular file (a FIFO, device or socket cannot be "
                        "kept as evidence)",
                        path));
    if (::access(path.c_str(), R_OK) != 0)
        throw Error(Exit::not_found, trf("{}: cannot read: {}", path, std::strerror(errno)));
    return st;
}

[[noreturn]] void changed(const std::string& path) {
    throw Error(Exit::integrity,
                trf("{}: changed while it was read; nothing was attached (attach it "
                    "again once it is complete)",
                    path));
}

size_t read_some(int fd, unsigned char* buffer, size_t size, const std::string& path) {
    for (;;) {
        ssize_t n = ::read(fd, buffer, size);
        if (n >= 0) return static_cast<size_t>(n);
        if (errno != EINTR)
            throw Error(Exit::not_found, trf("{}: cannot read: {}", path, std::strerror(errno)));
    }
}

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
           a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec &&
           a.st_ctim.tv_sec == b.st_ctim.tv_sec && a.st_ctim.tv_nsec == b.st_ctim.tv_nsec;
}

// The name a file is kept under: its last path component, as valid UTF-8 (a name in another
// encoding, such as GBK from an old archive, keeps its ASCII and gets U+FFFD for the rest).
std::string kept_name(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    if (name.empty()) name = path;
    std::string out;
    for (size_t i = 0; i < name.size();) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(name.data() + i),
                                  static_cast<utf8proc_ssize_t>(name.size() - i), &cp);
        if (n <= 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(name, i, static_cast<size_t>(n));
            i += static_cast<size_t>(n);
        }
    }
    return out;
}

} // namespace

std::vector<Attached> attach_files(Session& s, std::int64_t id,
                                   const std::vector<std::string>& files,
                                   const std::string& caption, const std::string& purpose) {
    check_text("--caption", caption, 1000, false);
    check_text("--purpose", purpose, 1000, false);
    std::vector<struct stat> stats;
    std::vector<std::string> names;
    std::filesystem::path store_path = s.store_path();
    for (const auto& f : files) { // every file is checked before any is read
        stats.push_back(check_file(f));
        // The store and its journals change as they are written.
        if (Store::is_store_file(store_path, f))
            throw Error(Exit::usage, trf("{}: is the store itself (or its journal); copy "
                                         "it (sqlite3 .backup) and attach the copy",
                                         f));
        names.push_back(kept_name(f));
        check_text("the file name", names.back(), 1000, true);
    }
    std::vector<std::int64_t> sizes;
    for (const auto& st : stats)
        sizes.push_back(st.st_size);
    Store& store = s.store(Store::Access::write, sizes); // it chooses its journal by them
    Complaint c = store.complaint(id);
    std::set<std::string> attached;
    for (const auto& e : store.evidence(id))
        attached.insert(e.sha256);

    std::vector<Attached> out;
    auto buffer = std::make_unique<unsigned char[]>(chunk_size);
    for (size_t i = 0; i < files.size(); ++i) {
        const std::string& path = files[i];
        Fd file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
        if (file.fd < 0)
            throw Error(Exit::not_found, trf("{}: cannot read: {}", path, std::strerror(errno)));
        struct stat before {};
        if (::fstat(file.fd, &before) != 0 || !S_ISREG(before.st_mode) ||
            before.st_ino != stats[i].st_ino)
            changed(path);
        ::posix_fadvise(file.fd, 0, 0, POSIX_FADV_SEQUENTIAL);

        // Content can only duplicate a stored blob of the same size. Without one, the file is
        // stored in one pass; with one, a first pass hashes it so that a duplicate is never
        // written, and the second pass must hash the same.
        std::string type =
            media_type(buffer.get(), read_some(file.fd, buffer.get(), sniff_size, path));
        // A pass reads at most one byte more than stat said: enough to see that the file grew,
        // and a file that grows as fast as it is read (the store's own -wal) cannot run forever.
        std::int64_t left = 0;
        auto rewind = [&] {
            if (::lseek(file.fd, 0, SEEK_SET) != 0) changed(path);
            left = before.st_size + 1;
        };
        auto next = [&](unsigned char* into, size_t room) {
            size_t n = read_some(file.fd, into, std::min(room, static_cast<size_t>(left)), path);
            left -= static_cast<std::int64_t>(n);
            return n;
        };
        std::string expected;
        Attached a;
        if (store.has_blob_of_size(before.st_size)) {
            rewind();
            Sha256 first;
            std::int64_t hashed = 0;
            for (size_t n; (n = next(buffer.get(), chunk_size)) > 0; hashed += n)
                first.update(buffer.get(), n);
            if (hashed != before.st_size) changed(path);
            expected = first.hex();
        }
        // Redaction is for good: the same file attached again does not bring the content back.
        auto refuse_redacted = [&](const std::string& hash) {
            auto blob = store.blob(hash);
            if (blob && blob->content == "redacted")
                throw Error(Exit::usage,
                            trf("{}: its content (sha256 {}) was redacted from this store "
                                "and cannot be attached again; nothing was attached",
                                path, hash.substr(0, 12)));
        };
        if (!expected.empty()) refuse_redacted(expected);
        std::string sha = expected;
        std::int64_t size = before.st_size;
        if (expected.empty() || !store.has_blob(expected)) {
            rewind();
            StoredBlob blob = store.write_blob(type, next);
            if (blob.size != before.st_size || (!expected.empty() && blob.sha256 != expected))
                changed(path);
            sha = blob.sha256;
            a.stored = blob.is_new;
            if (!blob.is_new) refuse_redacted(sha);
        }
        struct stat after {};
        if (::fstat(file.fd, &after) != 0 || !same_file(before, after)) changed(path);

        a.evidence = Evidence{.complaint_id = id,
                              .sha256 = sha,
                              .size = size,
                              .type = type,
                              .name = names[i],
                              .caption = caption,
                              .purpose = purpose,
                              .added = s.now()};
        if (!attached.insert(sha).second) {
            a.already_attached = true;
            out.push_back(std::move(a));
            continue;
        }
        Event e{.complaint_id = id,
                .at = s.now(),
                .recorded = s.now(),
                .kind = std::string(event_kind::attached),
                .text = fmt::format("{} ({}, {}, sha256 {})", a.evidence.name, size_text(size),
                                    type, sha.substr(0, 12)),
                .field = "evidence",
                .new_value = sha,
                .due = c.clock.due};
        store.add_event(e);
        a.evidence.event_id = e.id;
        store.add_evidence(a.evidence);
        out.push_back(std::move(a));
    }
    store.rebuild(c.id);
    store.commit();
    return out;
}

std::string safe_file_name(std::string_view stored, std::string_view sha256) {
    std::string_view name = stored;
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    std::string out;
    for (char ch : name) {
        auto u = static_cast<unsigned char>(ch);
        out += (u < 0x20 || u == 0x7f || ch == ':') ? '_' : ch;
    }
    if (!valid_utf8(out)) {
        std::string ascii;
        for (char ch : out)
            ascii += static_cast<unsigned char>(ch) < 0x80 ? ch : '_';
        out = ascii;
    }
    while (!out.empty() && (out.front() == '-' || out.front() == ' '))
        out.front() = '_';
    while (!out.empty() && (out.back() == ' ' || out.back() == '.'))
        out.pop_back();                                       // "x." and ".." alike
    if (out.size() > 200) out = out.substr(out.size() - 200); // keeps the extension
    while (!out.empty() && (static_cast<unsigned char>(out.front()) & 0xC0) == 0x80)
        out.erase(0, 1);
    // Names that Windows and some tools treat as devices, whatever the extension.
    static const std::array<std::string_view, 22> reserved{
        "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
        "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
    std::string stem = out.substr(0, out.find('.'));
    for (char& ch : stem)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (auto r : reserved)
        if (stem == r) out.insert(0, 1, '_');
    if (out.empty()) out = fmt::format("evidence-{}", sha256.substr(0, 12));
    return out;
}

namespace {

// The one piece of evidence of complaint `id` whose SHA-256 starts with `selector`; `or_all`:
// the caller takes "all" as well, and a refusal says so.
Evidence one_piece(Store& store, std::int64_t id, const std::string& selector,
                   bool or_all = false) {
    store.complaint(id);
    std::vector<Evidence> chosen;
    {
        std::string prefix;
        for (char ch : selector)
            prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (prefix.size() < 4 || prefix.find_first_not_of("0123456789abcdef") != std::string::npos)
            throw Error(
                Exit::usage,
                or_all ? trf("'{}' is not a SHA-256 prefix: give at least 4 hex digits, "
                             "or all",
                             selector)
                       : trf("'{}' is not a SHA-256 prefix: give at least 4 hex digits", selector));
        chosen = store.evidence_by_prefix(id, prefix);
        if (chosen.empty())
            throw Error(Exit::not_found,
                        trf("complaint {} has no evidence {} (see: complain attach {} --list)", id,
                            selector, id));
        if (chosen.size() > 1)
            throw Error(Exit::usage,
                        trf("{} is ambiguous: {} pieces of evidence of complaint {} start with it",
                            selector, chosen.size(), id));
    }
    return chosen.front();
}

// The evidence of complaint `id` that `selector` names: all of it, or the one piece whose SHA-256
// starts with it.
std::vector<Evidence> choose(Store& store, std::int64_t id, const std::string& selector) {
    std::vector<Evidence> chosen;
    if (selector == "all") {
        store.complaint(id);
        chosen = store.evidence(id);
    } else {
        chosen.push_back(one_piece(store, id, selector, true));
    }
    // Content removed by redact (or never imported) cannot come out: say which, before writing.
    for (const Evidence& e : chosen)
        if (e.content != "kept")
            throw Error(Exit::not_found,
                        trf("evidence {} ({}) of complaint {} {}; nothing was extracted{}",
                            e.sha256.substr(0, 12), e.name, id,
                            e.content == "redacted"
                                ? tr("was redacted: its content is no longer in the store")
                                : tr("was imported without its content"),
                            selector == "all" ? tr(" (extract the others by their SHA-256)") : ""));
    return chosen;
}

Exit exit_for(int err) {
    switch (err) {
    case EACCES:
    case EPERM:
    case EROFS:
        return Exit::permission;
    case ENOSPC:
    case EDQUOT:
    case EIO:
        return Exit::io;
    default:
        return Exit::not_found;
    }
}

// Creates `dir` and the folders above it that are missing, each 0700: evidence is as private as
// the store it came from. Folders that exist are left as they are.
void make_private_folders(const std::filesystem::path& dir) {
    std::filesystem::path at;
    for (const auto& part : dir) {
        at /= part;
        if (::mkdir(at.c_str(), 0700) == 0 || errno == EEXIST) continue;
        int err = errno;
        throw Error(exit_for(err),
                    trf("{}: cannot create the folder: {}", at.string(), std::strerror(err)));
    }
}

} // namespace

Evidence extract_one(Session& s, std::int64_t id, const std::string& selector,
                     const std::function<void(std::string_view)>& write) {
    if (selector == "all")
        throw Error(Exit::usage,
                    tr("-o - writes one file to standard output: give the SHA-256 of "
                       "one piece of evidence, or a folder to extract all of it into"));
    Store& store = s.store(Store::Access::read);
    Evidence e = choose(store, id, selector).front();
    Sha256 hash;
    store.read_blob(e.sha256, [&](const unsigned char* data, size_t size) {
        hash.update(data, size);
        write(std::string_view(reinterpret_cast<const char*>(data), size));
    });
    if (hash.hex() != e.sha256)
        throw Error(Exit::integrity, trf("evidence {} of complaint {} does not match its "
                                         "SHA-256 (run: complain verify)",
                                         e.name, id));
    store.commit();
    return e;
}

std::vector<Extracted> extract_evidence(Session& s, std::int64_t id, const std::string& selector,
                                        const std::filesystem::path& dir, bool force) {
    Store& store = s.store(Store::Access::read);
    std::vector<Evidence> chosen = choose(store, id, selector);
    make_private_folders(dir);
    Fd folder(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.fd < 0) {
        int err = errno;
        throw Error(exit_for(err), fmt::format("{}: {}", dir.string(), std::strerror(err)));
    }

    // Decide every name first, so that nothing is written when one target is taken.
    std::vector<Extracted> plan;
    std::set<std::string> taken;
    for (const auto& e : chosen) {
        // Two items with one name (a photo taken twice, "a/x" and "b/x") are kept apart: the
        // later one carries its short hash, and a number when even that is taken.
        std::string name = safe_file_name(e.name, e.sha256);
        auto dot = name.rfind('.');
        if (dot == std::string::npos || dot == 0) dot = name.size();
        std::string stem = name.substr(0, dot), ext = name.substr(dot);
        for (int k = 1; !taken.insert(name).second; ++k)
            name = k == 1 ? fmt::format("{}-{}{}", stem, e.sha256.substr(0, 12), ext)
                          : fmt::format("{}-{}-{}{}", stem, e.sha256.substr(0, 12), k, ext);
        struct stat st {};
        if (::fstatat(folder.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (!force ||
                S_ISDIR(st.st_mode)) // --force replaces a file or a link, never follows one
                throw Error(Exit::usage,
                            trf("{}: already exists; nothing was extracted{}",
                                (dir / name).string(),
                                S_ISDIR(st.st_mode) ? "" : tr(" (--force replaces it)")));
        }
        plan.push_back({e, dir / name});
    }
    for (const auto& x : plan) {
        std::string name = x.path.filename().string();
        std::string temp =
            fmt::format(".complain-{}-{}.part", ::getpid(), x.evidence.sha256.substr(0, 12));
        // 0600 whatever the umask says: evidence carries orders, addresses and chats.
        Fd out(::openat(folder.fd, temp.c_str(),
                        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (out.fd < 0) {
            int err = errno;
            throw Error(exit_for(err), fmt::format("{}: {}", dir.string(), std::strerror(err)));
        }
        Sha256 hash;
        try {
            store.read_blob(x.evidence.sha256, [&](const unsigned char* data, size_t size) {
                hash.update(data, size);
                for (size_t done = 0; done < size;) {
                    ssize_t n = ::write(out.fd, data + done, size - done);
                    if (n < 0 && errno == EINTR) continue;
                    if (n < 0) {
                        int err = errno;
                        throw Error(
                            err == ENOSPC || err == EDQUOT || err == EIO ? Exit::io
                                                                         : Exit::internal,
                            trf("{}: cannot write: {}", x.path.string(), std::strerror(err)));
                    }
                    done += static_cast<size_t>(n);
                }
            });
            if (hash.hex() != x.evidence.sha256)
                throw Error(Exit::integrity,
                            trf("evidence {} of complaint {} does not match its SHA-256 "
                                "(run: complain verify)",
                                x.evidence.name, id));
            unsigned flags = force ? 0 : RENAME_NOREPLACE;
            int moved = ::renameat2(folder.fd, temp.c_str(), folder.fd, name.c_str(), flags);
            if (moved != 0 && !force && errno == EINVAL) { // a file system without NOREPLACE
                moved = ::linkat(folder.fd, temp.c_str(), folder.fd, name.c_str(), 0);
                if (moved == 0) ::unlinkat(folder.fd, temp.c_str(), 0);
            }
            if (moved != 0)
                throw Error(errno == EEXIST ? Exit::usage : Exit::internal,
                            fmt::format("{}: {}", x.path.string(), std::strerror(errno)));
        } catch (...) {
            ::unlinkat(folder.fd, temp.c_str(), 0);
            throw;
        }
    }
    store.commit();
    return plan;
}

std::optional<Event> set_purpose(Session& s, std::int64_t id, const std::string& selector,
                                 const std::string& purpose, const std::optional<std::string>& at) {
    check_text("--purpose", purpose, 1000, false);
    Store& store = s.store(Store::Access::write);
    Evidence e = one_piece(store, id, selector);
    if (e.purpose == purpose) return std::nullopt;
    Complaint c = store.complaint(id);
    // A correction is a new event: the evidence row keeps what attach recorded, and the last
    // `edited` event naming the evidence says what it proves now (undo takes it back).
    Event ev{.complaint_id = id,
             .at = s.event_time(at, c.created),
             .recorded = s.now(),
             .kind = std::string(event_kind::edited),
             .field = "purpose:" + e.sha256,
             .old_value = e.purpose,
             .new_value = purpose,
             .due = c.clock.due};
    ev.text =
        fmt::format("purpose of {} (sha256 {}): {} -> {}", e.name, e.sha256.substr(0, 12),
                    e.purpose.empty() ? "(none)" : e.purpose, purpose.empty() ? "(none)" : purpose);
    store.add_event(ev);
    store.rebuild(id);
    return ev;
}

} // namespace complain
