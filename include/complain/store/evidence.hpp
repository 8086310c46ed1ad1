// Evidence content inside the store: blobs kept in chunks, deduplicated by SHA-256, and what a
// verification of them finds. Store (store.hpp) reads and writes them.
#pragma once

#include "complain/domain/complaint.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

// Incremental SHA-256 through OpenSSL's SHA256_* functions (src/store/evidence.cpp says why
// not its EVP interface).
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, size_t size);
    std::string hex(); // finishes the digest: 64 lower-case hex digits

  private:
    void* ctx_;
};

inline constexpr size_t chunk_size = 1 << 20; // bytes of content per chunk row

struct StoredBlob {
    std::string sha256;
    std::int64_t size = 0;
    bool is_new = false; // false: the same content was in the store already and is kept once
};

struct BlobProblem {
    std::string sha256;
    std::string problem;
    std::vector<Evidence> uses; // the complaints and file names it belongs to
};
struct Verification {
    std::vector<std::string> integrity; // integrity_check, foreign_key_check, unreadable rows
    std::vector<BlobProblem> blobs;
    std::int64_t blobs_checked = 0;
    std::int64_t bytes_checked = 0;
    std::int64_t blobs_redacted = 0; // content removed by redact: only the hash is kept
    std::int64_t blobs_absent = 0;   // imported without content
};

} // namespace complain
