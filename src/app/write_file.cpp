// Writing a file so that a reader never sees half of it.
#include "complain/app/dossier.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace complain {

AtomicFile::AtomicFile(const std::filesystem::path& path) : path_(path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error(Exit::usage,
                    trf("-o {}: is a directory; name the file to write", path.string()));
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        throw Error(Exit::not_found,
                    trf("-o {}: the folder {} does not exist", path.string(), dir.string()));
    temp_ = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    fd_ = ::mkstemp(temp_.data());
    if (fd_ < 0)
        throw Error(Exit::not_found, trf("-o {}: cannot write in {}: {}", path.string(),
                                         dir.string(), std::strerror(errno)));
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && ::fchmod(fd_, existing.st_mode & 07777) != 0)
        throw failure("cannot keep the file's permissions");
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!done_) ::unlink(temp_.c_str());
}

Error AtomicFile::failure(const char* what) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    return Error(Exit::internal,
                 fmt::format("-o {}: {}: {}", path_.string(), what, std::strerror(err)));
}

void AtomicFile::write(std::string_view content) {
    for (size_t done = 0; done < content.size();) {
        ssize_t n = ::write(fd_, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw failure("cannot write");
        done += static_cast<size_t>(n);
    }
}

void AtomicFile::finish() {
    if (::fsync(fd_) != 0) throw failure("cannot write");
    if (::close(std::exchange(fd_, -1)) != 0)
        throw Error(Exit::internal, trf("-o {}: cannot write", path_.string()));
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
        int err = errno;
        throw Error(Exit::internal,
                    trf("-o {}: cannot replace it: {}", path_.string(), std::strerror(err)));
    }
    done_ = true;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    AtomicFile file(path);
    file.write(content);
    file.finish();
}

} // namespace complain
