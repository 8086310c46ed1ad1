// Blobs in chunks: writing, reading and re-hashing evidence content with bounded memory.
#include "complain/store/evidence.hpp"

#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/store/store.hpp"
#include "rows.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <array>
#include <fmt/format.h>
#include <future>
#include <memory>
// OpenSSL's SHA256_* functions, which 3.0 deprecates in favour of its EVP digests, rather than an
// EVP digest: that is fetched from a provider, and a static libcrypto then brings its whole
// provider machinery into complain, 340 KB of tables that every command relocates as it starts
// (90 page faults; `complain --version` took 1.2 ms with it and 1.0 ms without). The functions
// are the ones that provider runs, so a digest is computed as before.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace complain {
namespace {

constexpr std::int64_t writeback_chunks = 32; // start the disk on every 32 MiB written

} // namespace

Sha256::Sha256() : ctx_(new SHA256_CTX) {
    if (SHA256_Init(static_cast<SHA256_CTX*>(ctx_)) != 1) {
        delete static_cast<SHA256_CTX*>(ctx_);
        throw Error(Exit::internal, tr("cannot start a SHA-256 digest"));
    }
}

Sha256::~Sha256() {
    delete static_cast<SHA256_CTX*>(ctx_);
}

void Sha256::update(const void* data, size_t size) {
    SHA256_Update(static_cast<SHA256_CTX*>(ctx_), data, size);
}

std::string Sha256::hex() {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256_Final(digest, static_cast<SHA256_CTX*>(ctx_));
    std::string out;
    out.reserve(2 * SHA256_DIGEST_LENGTH);
    for (unsigned char byte : digest)
        out += fmt::format("{:02x}", byte);
    return out;
}

bool Store::has_blob(std::string_view sha256) try {
    SQLite::Statement q(db(), "SELECT 1 FROM blob WHERE sha256 = ?");
    q.bind(1, std::string(sha256));
    return q.executeStep();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

bool Store::has_blob_of_size(std::int64_t size) try {
    SQLite::Statement q(db(), "SELECT 1 FROM blob WHERE size = ?");
    q.bind(1, static_cast<int64_t>(size));
    return q.executeStep();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

StoredBlob Store::write_blob(std::string_view type,
                             const std::function<size_t(unsigned char*, size_t)>& next) try {
    // The chunks need their blob's id before the hash is known: the row is named at the end.
    SQLite::Statement blob(db(), "INSERT INTO blob (sha256, size, type, chunks) "
                                 "VALUES ('being written', 0, ?, 0)");
    blob.bind(1, std::string(type));
    blob.exec();
    std::int64_t id = db().getLastInsertRowid();
    SQLite::Statement chunk(db(), "INSERT INTO chunk (blob_id, seq, data) VALUES (?, ?, ?)");
    // Whole chunks, so that every chunk but the last has chunk_size bytes.
    auto fill = [&next](unsigned char* buffer) {
        size_t n = 0;
        for (size_t got; n < chunk_size && (got = next(buffer + n, chunk_size - n)) > 0;)
            n += got;
        return n;
    };
    // Two buffers: while SQLite stores one chunk, a second thread hashes it and reads the next
    // into the other buffer. Both only read the chunk being stored.
    std::array<std::unique_ptr<unsigned char[]>, 2> buffers{
        std::make_unique<unsigned char[]>(chunk_size),
        std::make_unique<unsigned char[]>(chunk_size)};
    Sha256 hash;
    std::int64_t seq = 0, size = 0;
    size_t n = fill(buffers[0].get());
    for (int cur = 0; n > 0; cur = 1 - cur) {
        const unsigned char* data = buffers[cur].get();
        unsigned char* spare = buffers[1 - cur].get();
        size_t following = 0;
        auto ahead = std::async(std::launch::async, [&, data, n] {
            hash.update(data, n);
            if (n == chunk_size) following = fill(spare);
        });
        try {
            chunk.bind(1, static_cast<int64_t>(id));
            chunk.bind(2, static_cast<int64_t>(seq++));
            chunk.bindNoCopy(3, data, static_cast<int>(n));
            chunk.exec();
            chunk.reset();
        } catch (...) {
            ahead.wait();
            throw;
        }
        ahead.get();
        // Without this the kernel holds a GiB of written pages until the commit's fsync, then
        // writes them while complain waits (about twice as long in total, bench/attach.sh).
        if (seq % writeback_chunks == 0) start_writeback();
        size += static_cast<std::int64_t>(n);
        n = following;
    }
    std::string sha256 = hash.hex();
    StoredBlob out{sha256, size, !has_blob(sha256)};
    if (!out.is_new) { // written for nothing; the transaction never shows it
        SQLite::Statement drop_chunks(db(), "DELETE FROM chunk WHERE blob_id = ?");
        drop_chunks.bind(1, static_cast<int64_t>(id));
        drop_chunks.exec();
        SQLite::Statement drop(db(), "DELETE FROM blob WHERE id = ?");
        drop.bind(1, static_cast<int64_t>(id));
        drop.exec();
        return out;
    }
    SQLite::Statement name(db(), "UPDATE blob SET sha256 = ?, size = ?, chunks = ? WHERE id = ?");
    name.bind(1, out.sha256);
    name.bind(2, static_cast<int64_t>(size));
    name.bind(3, static_cast<int64_t>(seq));
    name.bind(4, static_cast<int64_t>(id));
    name.exec();
    return out;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::read_blob(std::string_view sha256,
                      const std::function<void(const unsigned char*, size_t)>& sink) try {
    SQLite::Statement meta(db(), "SELECT id, chunks, content FROM blob WHERE sha256 = ?");
    meta.bind(1, std::string(sha256));
    if (!meta.executeStep())
        throw Error(Exit::integrity,
                    trf("evidence {} has no content in the store", sha256.substr(0, 12)));
    // Not a damaged store: content removed on purpose, or never brought in. Only the hash is left.
    if (std::string content = meta.getColumn(2).getString(); content == "redacted")
        throw Error(Exit::not_found,
                    trf("evidence {} was redacted: its content is no longer in the store "
                        "(its SHA-256, size and name are kept)",
                        sha256.substr(0, 12)));
    else if (content == "absent")
        throw Error(Exit::not_found,
                    trf("evidence {} was imported without its content: only its SHA-256, "
                        "size and name are in the store",
                        sha256.substr(0, 12)));
    std::int64_t id = meta.getColumn(0).getInt64();
    std::int64_t chunks = meta.getColumn(1).getInt64();
    SQLite::Statement q(db(), "SELECT seq, data FROM chunk WHERE blob_id = ? ORDER BY seq");
    q.bind(1, static_cast<int64_t>(id));
    std::int64_t expected = 0;
    while (q.executeStep()) {
        if (q.getColumn(0).getInt64() != expected)
            throw Error(Exit::integrity, trf("evidence {} is missing chunk {} of {}",
                                             sha256.substr(0, 12), expected, chunks));
        const SQLite::Column data = q.getColumn(1);
        sink(static_cast<const unsigned char*>(data.getBlob()),
             static_cast<size_t>(data.getBytes()));
        ++expected;
    }
    if (expected < chunks)
        throw Error(Exit::integrity, trf("evidence {} is missing chunk {} of {}",
                                         sha256.substr(0, 12), expected, chunks));
    if (expected > chunks)
        throw Error(Exit::integrity, trf("evidence {} has {} chunks; {} were stored",
                                         sha256.substr(0, 12), expected, chunks));
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::read_blob(std::string_view sha256,
                      const std::function<void(std::string_view)>& sink) try {
    read_blob(sha256, [&](const unsigned char* data, size_t size) {
        sink(std::string_view(reinterpret_cast<const char*>(data), size));
    });
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

void Store::add_evidence(Evidence& e) try {
    SQLite::Statement q(
        db(), "INSERT INTO evidence (complaint_id, sha256, name, caption, added, event_id, "
              "purpose) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(e.complaint_id));
    q.bind(2, e.sha256);
    q.bind(3, e.name);
    q.bind(4, e.caption);
    q.bind(5, format_utc(e.added));
    bind_int(q, 6, e.event_id ? std::optional(e.event_id) : std::nullopt);
    q.bind(7, e.purpose);
    q.exec();
    e.id = db().getLastInsertRowid();
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

std::vector<Evidence> Store::evidence_by_prefix(std::int64_t complaint_id,
                                                std::string_view prefix) {
    std::vector<Evidence> out;
    for (auto& e : evidence(complaint_id))
        if (e.sha256.starts_with(prefix)) out.push_back(std::move(e));
    return out;
}

namespace {

// The evidence rows that name content `sha256`, read through `evidence` (complaint id -> rows).
std::vector<Evidence> uses_of(SQLite::Database& db, const std::string& sha256,
                              const std::function<std::vector<Evidence>(std::int64_t)>& evidence) {
    SQLite::Statement q(db,
                        "SELECT complaint_id FROM evidence WHERE sha256 = ? GROUP BY complaint_id");
    q.bind(1, sha256);
    std::vector<Evidence> out;
    while (q.executeStep())
        for (auto& e : evidence(q.getColumn(0).getInt64()))
            if (e.sha256 == sha256) out.push_back(std::move(e));
    return out;
}

} // namespace

Verification Store::verify() try {
    Verification v;
    SQLite::Statement check(db(), "PRAGMA integrity_check");
    while (check.executeStep()) {
        std::string line = check.getColumn(0).getString();
        if (line != "ok") v.integrity.push_back(line);
    }
    SQLite::Statement fk(db(), "PRAGMA foreign_key_check");
    while (fk.executeStep())
        v.integrity.push_back(fmt::format("table {} row {} refers to a missing {} row",
                                          fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
                                          fk.getColumn(2).getString()));
    for (auto& row : unreadable_rows())
        v.integrity.push_back(std::move(row));
    for (auto& row : unreplayable_rows())
        v.integrity.push_back(std::move(row));
    SQLite::Statement blobs(db(), "SELECT sha256, size, content, "
                                  "EXISTS (SELECT 1 FROM chunk WHERE blob_id = blob.id) "
                                  "FROM blob ORDER BY sha256");
    while (blobs.executeStep()) {
        std::string sha = blobs.getColumn(0).getString();
        std::int64_t size = blobs.getColumn(1).getInt64();
        // Redacted and absent content has nothing to re-hash; a chunk left behind is a finding.
        if (std::string content = blobs.getColumn(2).getString(); content != "kept") {
            ++(content == "redacted" ? v.blobs_redacted : v.blobs_absent);
            if (blobs.getColumn(3).getInt() != 0) {
                auto evidence_of = [this](std::int64_t id) { return evidence(id); };
                v.blobs.push_back({sha, fmt::format("is marked {} but still has content", content),
                                   uses_of(db(), sha, evidence_of)});
            }
            continue;
        }
        Sha256 hash;
        std::int64_t bytes = 0;
        std::string problem;
        try {
            read_blob(sha, [&](const unsigned char* data, size_t size) {
                hash.update(data, size);
                bytes += static_cast<std::int64_t>(size);
            });
            if (bytes != size)
                problem = fmt::format("holds {} bytes, {} were stored", bytes, size);
            else if (hash.hex() != sha)
                problem = "content does not match its SHA-256";
        } catch (const Error& e) {
            if (e.code() != Exit::integrity) throw; // a damaged blob is a finding; a full disk not
            problem = e.what();
        }
        ++v.blobs_checked;
        v.bytes_checked += bytes;
        auto evidence_of = [this](std::int64_t id) { return evidence(id); };
        if (!problem.empty()) v.blobs.push_back({sha, problem, uses_of(db(), sha, evidence_of)});
    }
    SQLite::Statement orphans(
        db(), "SELECT DISTINCT e.sha256 FROM evidence e LEFT JOIN blob b USING (sha256) "
              "WHERE b.sha256 IS NULL");
    while (orphans.executeStep()) {
        std::string sha = orphans.getColumn(0).getString();
        v.blobs.push_back({sha, "has no content in the store", {}});
        SQLite::Statement q(db(), "SELECT complaint_id, name FROM evidence WHERE sha256 = ?");
        q.bind(1, sha);
        while (q.executeStep()) {
            Evidence e;
            e.complaint_id = q.getColumn(0).getInt64();
            e.name = q.getColumn(1).getString();
            e.sha256 = sha;
            v.blobs.back().uses.push_back(e);
        }
    }
    return v;
} catch (const SQLite::Exception& failed) {
    throw failure(failed);
}

} // namespace complain
