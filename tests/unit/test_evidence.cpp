// Evidence: SHA-256, blobs in chunks (round trip, dedup, damage found) and safe extraction names.
#include "complain/app/evidence.hpp"
#include "complain/error.hpp"
#include "complain/store/evidence.hpp"
#include "complain/store/store.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace complain;
namespace fs = std::filesystem;

namespace {

// A producer for write_blob that hands out `content` in pieces of at most `step` bytes.
std::function<size_t(unsigned char*, size_t)> source(const std::string& content, size_t step) {
    auto at = std::make_shared<size_t>(0);
    return [&content, step, at](unsigned char* into, size_t room) {
        size_t n = std::min({room, step, content.size() - *at});
        std::copy_n(content.data() + *at, n, into);
        *at += n;
        return n;
    };
}

std::string read_all(Store& store, const std::string& sha) {
    std::string out;
    store.read_blob(sha, [&](const unsigned char* data, size_t size) {
        out.append(reinterpret_cast<const char*>(data), size);
    });
    return out;
}

std::string pattern(size_t size) {
    std::string s(size, '\0');
    for (size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>((i * 7919 + i / 4093) & 0xff);
    return s;
}

} // namespace

TEST_CASE("SHA-256 matches the published test vectors") {
    Sha256 empty;
    CHECK(empty.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Sha256 abc;
    abc.update("a", 1);
    abc.update("bc", 2);
    CHECK(abc.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a blob over several chunks comes back byte for byte, and is stored once") {
    auto held = Store::in_memory();
    Store& store = *held;
    std::string content = pattern(2 * chunk_size + 12345);
    Sha256 expected;
    expected.update(content.data(), content.size());
    std::string sha = expected.hex();

    CHECK_FALSE(store.has_blob_of_size(static_cast<std::int64_t>(content.size())));
    StoredBlob first = store.write_blob("application/octet-stream", source(content, 100'000));
    CHECK(first.is_new);
    CHECK(first.sha256 == sha);
    CHECK(first.size == static_cast<std::int64_t>(content.size()));
    CHECK(store.has_blob(sha));
    CHECK(store.has_blob_of_size(first.size));
    CHECK(read_all(store, sha) == content);

    StoredBlob again = store.write_blob("application/octet-stream", source(content, 7777));
    CHECK_FALSE(again.is_new);
    CHECK(again.sha256 == sha);
    Verification v = store.verify(); // one blob, its chunks whole
    CHECK(v.blobs.empty());
    CHECK(v.blobs_checked == 1);
    CHECK(v.bytes_checked == static_cast<std::int64_t>(content.size()));

    StoredBlob nothing = store.write_blob("application/x-empty", source(std::string(), 1));
    CHECK(nothing.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(read_all(store, nothing.sha256).empty());
}

TEST_CASE("verify finds a changed chunk and a missing chunk, and names the evidence") {
    TempDir dir;
    fs::path db = dir.path / "c.db";
    auto store = std::make_unique<Store>(db, Store::Access::create);
    Complaint c;
    c.uuid = "u";
    c.title = "t";
    c.channel = "seller";
    store->add_complaint(c);
    Event filed{.complaint_id = c.id, .kind = "filed", .change = row_change(nullptr, c)};
    store->add_event(filed);
    store->rebuild(c.id);
    std::string a = pattern(chunk_size + 10), b = pattern(3000);
    StoredBlob ba = store->write_blob("application/octet-stream", source(a, chunk_size));
    StoredBlob bb = store->write_blob("text/plain", source(b, chunk_size));
    Evidence ea{.complaint_id = c.id, .sha256 = ba.sha256, .name = "video.mp4"};
    Evidence eb{.complaint_id = c.id, .sha256 = bb.sha256, .name = "chat.txt"};
    store->add_evidence(ea);
    store->add_evidence(eb);

    Verification healthy = store->verify();
    CHECK(healthy.integrity.empty());
    CHECK(healthy.blobs.empty());
    CHECK(healthy.blobs_checked == 2);
    CHECK(healthy.bytes_checked == static_cast<std::int64_t>(a.size() + b.size()));

    store->commit();
    store.reset();
    {
        SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE chunk SET data = zeroblob(length(data)) WHERE seq = 1");
        SQLite::Statement drop(raw, "DELETE FROM chunk WHERE blob_id = "
                                    "(SELECT id FROM blob WHERE sha256 = ?)");
        drop.bind(1, bb.sha256);
        drop.exec();
    }
    store = std::make_unique<Store>(db, Store::Access::read);
    Verification damaged = store->verify();
    REQUIRE(damaged.blobs.size() == 2);
    for (const auto& p : damaged.blobs) {
        REQUIRE(p.uses.size() == 1);
        CHECK(p.uses[0].complaint_id == c.id);
        if (p.sha256 == ba.sha256) {
            CHECK(p.uses[0].name == "video.mp4");
            CHECK(p.problem == "content does not match its SHA-256");
        } else {
            CHECK(p.uses[0].name == "chat.txt");
            CHECK(p.problem.find("missing chunk 0") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(read_all(*store, bb.sha256), Error);
}

TEST_CASE("stored names become names that stay inside the folder") {
    std::string sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    CHECK(safe_file_name("photo.jpg", sha) == "photo.jpg");
    CHECK(safe_file_name("订单截图.png", sha) == "订单截图.png");
    CHECK(safe_file_name("../../x", sha) == "x");
    CHECK(safe_file_name("/etc/passwd", sha) == "passwd");
    CHECK(safe_file_name("a/b/c.txt", sha) == "c.txt");
    CHECK(safe_file_name("..\\..\\win.ini", sha) == "win.ini");
    CHECK(safe_file_name("..", sha) == "evidence-0123456789ab");
    CHECK(safe_file_name(".", sha) == "evidence-0123456789ab");
    CHECK(safe_file_name("", sha) == "evidence-0123456789ab");
    CHECK(safe_file_name("dir/", sha) == "evidence-0123456789ab");
    CHECK(safe_file_name(std::string("a\0b.txt", 7), sha) == "a_b.txt");
    CHECK(safe_file_name("bell\a\x1b[2J.txt", sha) == "bell__[2J.txt");
    CHECK(safe_file_name("-rf", sha) == "_rf");
    CHECK(safe_file_name("CON", sha) == "_CON");
    CHECK(safe_file_name("nul.txt", sha) == "_nul.txt");
    CHECK(safe_file_name("console.txt", sha) == "console.txt");
    CHECK(safe_file_name("\xff\xfe.bin", sha) == "__.bin");
    std::string longest = safe_file_name(std::string(300, 'x') + ".pdf", sha);
    CHECK(longest.size() <= 255);
    CHECK(longest.ends_with(".pdf"));
    std::string cjk =
        safe_file_name(std::string(300, 'x') + std::string("截图截图截图") + ".png", sha);
    CHECK(cjk.ends_with(".png"));
    CHECK(cjk.size() <= 255);
}
