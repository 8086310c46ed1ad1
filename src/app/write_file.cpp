// Writing a file so that a reader never sees half of it.
#include "complain/app/dossier.hpp"
#include "complain/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace complain {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error(Exit::usage,
                    fmt::format("-o {}: is a directory; name the file to write", path.string()));
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        throw Error(Exit::not_found, fmt::format("-o {}: the folder {} does not exist",
                                                 path.string(), dir.string()));
    std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(temp.data());
    if (fd < 0)
        throw Error(Exit::not_found, fmt::format("-o {}: cannot write in {}: {}", path.string(),
                                                 dir.string(), std::strerror(errno)));
    auto fail = [&](const char* what) {
        int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return Error(Exit::internal,
                     fmt::format("-o {}: {}: {}", path.string(), what, std::strerror(err)));
    };
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0)
        throw fail("cannot keep the file's permissions");
    for (size_t done = 0; done < content.size();) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw fail("cannot write");
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) throw fail("cannot write");
    if (::close(fd) != 0) {
        ::unlink(temp.c_str());
        throw Error(Exit::internal, fmt::format("-o {}: cannot write", path.string()));
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        throw Error(Exit::internal,
                    fmt::format("-o {}: cannot replace it: {}", path.string(), std::strerror(err)));
    }
}

} // namespace complain
