// Evidence content inside the store: blobs kept in chunks, deduplicated by SHA-256.
#pragma once

#include "complain/domain/complaint.hpp"
#include "complain/store/store.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

// Incremental SHA-256 over OpenSSL's EVP interface.
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

bool has_blob(Store& store, std::string_view sha256);
// Whether some stored blob has exactly `size` bytes: content can only duplicate one that does.
bool has_blob_of_size(Store& store, std::int64_t size);

struct StoredBlob {
    std::string sha256;
    std::int64_t size = 0;
    bool is_new = false; // false: the same content was in the store already and is kept once
};
// Stores content that `next` produces (it fills a buffer and returns how many bytes, 0 at the
// end), hashing it on a second thread while SQLite writes it: the stored chunks are exactly the
// bytes hashed. Content that turns out to be stored already is kept once.
StoredBlob write_blob(Store& store, std::string_view type,
                      const std::function<size_t(unsigned char*, size_t)>& next);
// Streams a stored blob chunk by chunk to `sink`. Throws Error(integrity) on a missing chunk.
void read_blob(Store& store, std::string_view sha256,
               const std::function<void(const unsigned char*, size_t)>& sink);
// The same, a chunk at a time as bytes in a string_view.
void read_blob(Store& store, std::string_view sha256,
               const std::function<void(std::string_view)>& sink);

void add_evidence(Store& store, Evidence& e); // sets e.id
// The evidence of a complaint whose SHA-256 starts with `prefix`.
std::vector<Evidence> evidence_by_prefix(Store& store, std::int64_t complaint_id,
                                         std::string_view prefix);

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
};
// SQLite's integrity check plus a re-hash of every blob from its chunks.
Verification verify_store(Store& store);

} // namespace complain
