// The store: creation, migrations, refusal of newer stores, append-only events, the due index.
#include "../../src/store/rows.hpp"
#include "complain/error.hpp"
#include "complain/store/store.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace complain;
namespace fs = std::filesystem;

namespace {

Complaint sample(std::string title, State state, std::optional<Instant> due) {
    Complaint c;
    c.uuid = "uuid-" + title;
    c.title = std::move(title);
    c.state = state;
    c.channel = "seller";
    c.created = c.updated = Instant{std::chrono::seconds{1'700'000'000}};
    c.clock.due = due;
    return c;
}

// What a folder holds, by name: a store, and whatever lies beside it.
std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
        out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

Exit failure_of(const fs::path& db, Store::Access access, std::string* message = nullptr) {
    try {
        Store s(db, access);
    } catch (const Error& e) {
        if (message) *message = e.what();
        return e.code();
    }
    return Exit::ok;
}

} // namespace

TEST_CASE("only a creating writer makes the store: 0600 in a 0700 folder, at the latest schema") {
    TempDir dir;
    fs::path db = dir.path / "sub" / "complain.db";
    std::string message;
    CHECK(failure_of(db, Store::Access::read, &message) == Exit::not_found);
    CHECK(message == fmt::format("no store at {}; `complain file` creates it, or set "
                                 "COMPLAIN_DB / --db",
                                 db.string()));
    CHECK(failure_of(db, Store::Access::write) == Exit::not_found);
    CHECK_FALSE(fs::exists(dir.path / "sub")); // not even the folder
    {
        Store writer(db, Store::Access::create);
        writer.commit();
    }
    struct stat st {};
    REQUIRE(stat(db.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(stat(db.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(names_in(db.parent_path()) == std::vector<std::string>{"complain.db"});
    SQLite::Database check(db.string());
    CHECK(check.execAndGet("PRAGMA user_version").getInt() ==
          static_cast<int>(migrations().size()));
    CHECK(Store::schema_version == static_cast<int>(migrations().size()));
    CHECK(check.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("a first command that does not commit leaves nothing behind, not even its temporary") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store writer(db, Store::Access::create);
        Complaint c = sample("lost", State::open, std::nullopt);
        writer.add_complaint(c);
        CHECK_FALSE(fs::exists(db)); // nobody else can open it before it commits
    }
    CHECK(names_in(dir.path).empty());
}

TEST_CASE("a first command removes what killed first commands left, not what others write now") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    for (const char* name : {".complain.db.new-old123", ".complain.db.new-old123-journal",
                             ".complain.db.new-now456", "notes.txt"}) {
        std::ofstream(dir.path / name) << "x";
        if (std::string(name).find("old") != std::string::npos)
            fs::last_write_time(dir.path / name,
                                fs::file_time_type::clock::now() - std::chrono::minutes(5));
    }
    fs::last_write_time(dir.path / "notes.txt",
                        fs::file_time_type::clock::now() - std::chrono::minutes(5));
    {
        Store writer(db, Store::Access::create);
        writer.commit();
    }
    CHECK(names_in(dir.path) ==
          std::vector<std::string>{".complain.db.new-now456", "complain.db", "notes.txt"});
}

TEST_CASE("two first commands at once: the second to commit is told, and nothing is lost") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store first(db, Store::Access::create);
        Store second(db, Store::Access::create);
        Complaint a = sample("first", State::open, std::nullopt);
        Complaint b = sample("second", State::open, std::nullopt);
        first.add_complaint(a);
        second.add_complaint(b);
        first.commit();
        try {
            second.commit();
            FAIL("the second store replaced the first");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::busy);
            CHECK(std::string(e.what()).find("nothing was written") != std::string::npos);
        }
        Store reader(db, Store::Access::read);
        auto all = reader.complaints({});
        REQUIRE(all.size() == 1);
        CHECK(all[0].title == "first");
    }
    for (const auto& name : names_in(dir.path)) // the store and its WAL, no temporary left
        CHECK(name.starts_with("complain.db"));
}

TEST_CASE("a 0-byte file and an SQLite file without tables are empty stores to a reader") {
    TempDir dir;
    fs::path empty = dir.path / "empty.db";
    { std::ofstream touch(empty); }
    {
        Store reader(empty, Store::Access::read);
        CHECK(reader.complaints({}).empty());
        reader.commit();
    }
    CHECK(fs::file_size(empty) == 0);
    fs::path bare = dir.path / "bare.db";
    {
        SQLite::Database raw(bare.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA journal_mode = WAL");
    }
    {
        Store reader(bare, Store::Access::read);
        CHECK(reader.complaints({}).empty());
    }
    {
        Store writer(empty, Store::Access::write); // a writer makes it a store
        Complaint c = sample("first", State::open, std::nullopt);
        writer.add_complaint(c);
        writer.commit();
    }
    Store reader(empty, Store::Access::read);
    CHECK(reader.complaints({}).size() == 1);
}

TEST_CASE("a store from a newer complain is refused and not touched") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store writer(db, Store::Access::create);
        writer.commit();
    }
    {
        SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 99");
    }
    auto before = fs::last_write_time(db);
    auto size = fs::file_size(db);
    for (auto access : {Store::Access::read, Store::Access::write}) {
        std::string message;
        CHECK(failure_of(db, access, &message) == Exit::integrity);
        CHECK(message.find("newer than this complain knows") != std::string::npos);
    }
    CHECK(fs::last_write_time(db) == before);
    CHECK(fs::file_size(db) == size);
}

TEST_CASE("a negative or unknown schema version is refused, its pending WAL left unfolded") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store writer(db, Store::Access::create);
        writer.commit();
    }
    for (int version : {-1, 99}) {
        {
            // The version change stays in the WAL: this connection does not fold it in on close.
            SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
            sqlite3_db_config(raw.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            raw.exec(fmt::format("PRAGMA user_version = {}", version));
        }
        auto read_all = [](const fs::path& p) {
            std::ifstream in(p, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        };
        std::string file = read_all(db), wal = read_all(db.string() + "-wal");
        REQUIRE_FALSE(wal.empty());
        for (auto access : {Store::Access::read, Store::Access::write}) {
            std::string message;
            CHECK(failure_of(db, access, &message) == Exit::integrity);
            try {
                Store bulk(db, Store::Access::write, {Store::bulk_bytes});
                FAIL("a store of an unknown schema was opened");
            } catch (const Error& e) {
                CHECK(e.code() == Exit::integrity);
            }
            CHECK(message.find(fmt::format("schema version {}", version)) != std::string::npos);
        }
        CHECK(read_all(db) == file);
        CHECK(read_all(db.string() + "-wal") == wal);
        SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 1");
    }
}

TEST_CASE("a row with a malformed instant is left out of lists and named; others are served") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store writer(db, Store::Access::create);
        for (const char* title : {"good", "bad"}) {
            Complaint c = sample(title, State::open, std::nullopt);
            writer.add_complaint(c);
        }
        writer.commit();
    }
    {
        SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE complaint SET due = '0000-12-31T16:00:00Z' WHERE title = 'bad'");
    }
    Store reader(db, Store::Access::read);
    auto all = reader.complaints({});
    REQUIRE(all.size() == 1);
    CHECK(all[0].title == "good");
    REQUIRE(reader.damaged().size() == 1);
    CHECK(reader.damaged()[0] == "complaint 2: malformed instant '0000-12-31T16:00:00Z' in due");
    try {
        reader.complaint(2);
        FAIL("a damaged complaint was read");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::integrity);
        CHECK(std::string(e.what()).starts_with("complaint 2: malformed instant"));
    }
}

TEST_CASE("migrations take an empty database to the current schema step by step") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    for (size_t v = 0; v < migrations().size(); ++v)
        db.exec(std::string(migrations()[v]));
    for (const char* table :
         {"complaint", "event", "tag", "blob", "chunk", "evidence", "complaint_text"})
        CHECK(db.tableExists(table));
}

TEST_CASE("in_steps runs a statement over every id once, a step at a time, either way") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    db.exec("CREATE TABLE source (id INTEGER PRIMARY KEY); CREATE TABLE copied (n INTEGER "
            "PRIMARY KEY, id INTEGER, statement INTEGER)");
    for (int id = 1; id <= 25; ++id)
        db.exec(fmt::format("INSERT INTO source VALUES ({})", id));
    // The order the rows went in, and which statement took each (its first id names it).
    auto copied = [&] {
        std::vector<std::pair<int, int>> out;
        SQLite::Statement q(db, "SELECT id, statement FROM copied ORDER BY n");
        while (q.executeStep())
            out.emplace_back(q.getColumn(0).getInt(), q.getColumn(1).getInt());
        db.exec("DELETE FROM copied");
        return out;
    };
    const std::string up = "INSERT INTO copied (id, statement) SELECT id, ?1 FROM source WHERE id "
                           "BETWEEN ?1 AND ?2 ORDER BY id";
    in_steps(db, up, "source", 4, 10);
    std::vector<std::pair<int, int>> want;
    for (int id = 4; id <= 25; ++id)
        want.emplace_back(id, id < 14 ? 4 : id < 24 ? 14 : 24);
    CHECK(copied() == want);
    in_steps(db,
             "INSERT INTO copied (id, statement) SELECT id, ?2 FROM source WHERE id BETWEEN ?1 "
             "AND ?2 ORDER BY id DESC",
             "source", 4, 10, true);
    want.clear();
    for (int id = 25; id >= 4; --id)
        want.emplace_back(id, id > 15 ? 25 : id > 5 ? 15 : 5);
    CHECK(copied() == want);
    in_steps(db, up, "source", 6, 10); // 6 to 25: two whole steps
    CHECK(copied().back() == std::pair{25, 16});
    in_steps(db, up, "source", 26, 10); // nothing from there on
    CHECK(copied().empty());
    in_steps(db, up, "source", 1, 100); // one step for all
    CHECK(copied().size() == 25);
}

TEST_CASE("an import sets aside the insert triggers of the tables it fills, and puts them back") {
    // An insert that a trigger follows needs a statement journal, into which SQLite copies every
    // page the insert changes: one trigger left on event made an import three times as slow.
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    Store(db, Store::Access::create).commit();
    auto insert_triggers = [&] {
        SQLite::Database raw(db.string(), SQLite::OPEN_READONLY);
        SQLite::Statement q(raw, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql "
                                 "LIKE '%AFTER INSERT ON%' AND tbl_name IN ('complaint', 'event', "
                                 "'evidence', 'tag', 'blob', 'chunk') ORDER BY name");
        std::vector<std::string> out;
        while (q.executeStep())
            out.push_back(q.getColumn(0).getString());
        return out;
    };
    const std::vector<std::string> before = insert_triggers();
    CHECK(before.size() == 4); // of the complaint's text, an event's, evidence's, a purpose's
    // Each half committed on its own, for another connection to see.
    Store s(db, Store::Access::write);
    s.begin_import();
    s.commit();
    CHECK(insert_triggers().empty());
    s.finish_import();
    CHECK(insert_triggers() == before);
}

TEST_CASE("complaints round-trip; events are append-only") {
    TempDir dir;
    Store s(dir.path / "complain.db", Store::Access::create);
    Complaint c = sample("退款", State::open, Instant{std::chrono::seconds{1'700'100'000}});
    c.tags = {"b", "a"};
    c.amount = 19900;
    c.currency = "CNY";
    s.add_complaint(c);
    Complaint back = s.complaint(c.id);
    CHECK(back.title == "退款");
    CHECK(back.tags == std::vector<std::string>{"a", "b"});
    CHECK(back.amount == 19900);
    CHECK(back.clock.due == c.clock.due);
    CHECK(back.against.empty());

    Event e{
        .complaint_id = c.id, .at = c.created, .recorded = c.created, .kind = "note", .text = "hi"};
    s.add_event(e);
    CHECK(s.events(c.id).size() == 1);
    s.commit();
    {
        SQLite::Database raw((dir.path / "complain.db").string(), SQLite::OPEN_READWRITE);
        CHECK_THROWS(raw.exec("UPDATE event SET text = 'changed'"));
        CHECK_THROWS(raw.exec("DELETE FROM event"));
        CHECK_THROWS(raw.exec(
            "INSERT INTO event (complaint_id, at, recorded, kind) VALUES (1, 'x', 'x', 'bogus')"));
    }
    CHECK(s.events(c.id).at(0).text == "hi");
    try {
        s.complaint(42);
        FAIL("found complaint 42");
    } catch (const Error& err) {
        CHECK(err.code() == Exit::not_found);
    }
}

TEST_CASE("open complaints by due date come from an index, and list soonest first") {
    TempDir dir;
    Store s(dir.path / "complain.db", Store::Access::create);
    Complaint late = sample("late", State::open, Instant{std::chrono::seconds{2'000'000'000}});
    Complaint soon = sample("soon", State::open, Instant{std::chrono::seconds{1'800'000'000}});
    Complaint none = sample("none", State::open, std::nullopt);
    Complaint done = sample("done", State::resolved, Instant{std::chrono::seconds{1'000'000'000}});
    for (Complaint* c : {&late, &none, &soon, &done})
        s.add_complaint(*c);
    ComplaintFilter open;
    open.states = {State::open};
    std::vector<std::string> titles;
    for (const auto& c : s.complaints(open))
        titles.push_back(c.title);
    CHECK(titles == std::vector<std::string>{"soon", "late", "none"});

    s.commit();
    SQLite::Database raw((dir.path / "complain.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement plan(
        raw, "EXPLAIN QUERY PLAN SELECT id FROM complaint WHERE state = 'open' ORDER BY due");
    std::string detail;
    while (plan.executeStep())
        detail += plan.getColumn(3).getString() + "\n";
    CHECK(detail.find("complaint_state_due") != std::string::npos);
    CHECK(detail.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("text search finds Chinese text inside words, and user text is never SQL") {
    TempDir dir;
    Store s(dir.path / "complain.db", Store::Access::create);
    Complaint a = sample("淘宝卖家拒绝退款", State::open, std::nullopt);
    Complaint b = sample("快递丢件'); DROP TABLE complaint; --", State::open, std::nullopt);
    s.add_complaint(a);
    s.add_complaint(b);
    ComplaintFilter f;
    f.search = "拒绝退";
    CHECK(s.complaints(f).size() == 1);
    f.search = "退款";
    CHECK(s.complaints(f).size() == 1); // two characters: below the trigram size, still found
    f.search = "'); DROP TABLE complaint; --";
    CHECK(s.complaints(f).size() == 1);
    f.search = "\" OR \"";
    CHECK(s.complaints(f).empty());
    CHECK(s.complaints({}).size() == 2);
}

TEST_CASE("a bulk write uses a rollback journal only while it is alone, and leaves WAL behind") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    auto mode = [](Store& s) { return s.journal().mode; };
    const std::vector<std::int64_t> large{Store::bulk_bytes};
    {
        Store first(db, Store::Access::create);
        first.commit();
    }
    {
        Store bulk(db, Store::Access::write, large);
        CHECK(mode(bulk) == "delete");
        CHECK(bulk.journal().synchronous == 3); // EXTRA
        bulk.commit();
        CHECK(mode(bulk) == "wal");
    }
    {
        Store bulk(db, Store::Access::write, large); // rolled back: WAL all the same
        CHECK(mode(bulk) == "delete");
    }
    {
        SQLite::Database other(db.string(), SQLite::OPEN_READONLY);
        CHECK(other.execAndGet("PRAGMA journal_mode").getString() == "wal");
        Store bulk(db, Store::Access::write, large);
        CHECK(mode(bulk) == "wal");
        CHECK(bulk.journal().synchronous == 1); // NORMAL
        bulk.commit();
    }
    {
        // A store left in a rollback journal (a bulk write killed before it could return to
        // WAL): the next writer returns it.
        SQLite::Database left(db.string(), SQLite::OPEN_READWRITE);
        left.exec("PRAGMA journal_mode = DELETE");
    }
    {
        Store writer(db, Store::Access::write);
        CHECK(mode(writer) == "wal");
        writer.commit();
    }
    SQLite::Database check(db.string(), SQLite::OPEN_READONLY);
    CHECK(check.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("a write is bulk only for much content that can be new: same-size content is not") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    auto big = std::make_shared<std::string>(Store::bulk_bytes / 2, 'x');
    auto source = [big](std::shared_ptr<size_t> at) {
        return [big, at](unsigned char* into, size_t room) {
            size_t n = std::min(room, big->size() - *at);
            std::copy_n(big->data() + *at, n, into);
            *at += n;
            return n;
        };
    };
    {
        Store first(db, Store::Access::create);
        first.write_blob("text/plain", source(std::make_shared<size_t>(0)));
        first.commit();
    }
    auto half = static_cast<std::int64_t>(big->size());
    {
        Store small(db, Store::Access::write, {half});
        CHECK(small.journal().mode == "wal");
    }
    {
        Store stored_sizes(db, Store::Access::write, {half, half, half}); // all stored sizes
        CHECK(stored_sizes.journal().mode == "wal");
    }
    {
        Store fresh(db, Store::Access::write, {half, half + 1, half + 2});
        CHECK(fresh.journal().mode == "delete");
    }
}

TEST_CASE("a store in memory: each command sees what the last committed, not what failed") {
    MemoryStore memory;
    {
        auto s = memory.open(Store::Access::create);
        Complaint c = sample("kept", State::open, std::nullopt);
        s->add_complaint(c);
        s->commit();
    }
    {
        auto s = memory.open(Store::Access::write);
        Complaint c = sample("lost", State::open, std::nullopt);
        s->add_complaint(c);
    } // not committed: rolled back
    auto s = memory.open(Store::Access::read);
    auto all = s->complaints({});
    REQUIRE(all.size() == 1);
    CHECK(all[0].title == "kept");
    CHECK(s->journal().mode == "memory");
}

TEST_CASE("SQLite's failures reach the caller as complain's errors") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store first(db, Store::Access::create);
        first.commit();
    }
    {
        Store reader(db, Store::Access::read);
        Complaint c = sample("read-only", State::open, std::nullopt);
        try {
            reader.add_complaint(c);
            FAIL("a reader wrote");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::permission);
        }
    }
    Store writer(db, Store::Access::write);
    Complaint c = sample("dup", State::open, std::nullopt);
    writer.add_complaint(c);
    Complaint same = sample("dup", State::open, std::nullopt); // the same UUID
    try {
        writer.add_complaint(same);
        FAIL("a UUID stored twice");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::internal);
    }
}

TEST_CASE("the store knows its own files: itself and its journals") {
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store first(db, Store::Access::create);
        first.commit();
    }
    std::ofstream(dir.path / "other.txt") << "x";
    fs::create_symlink(db, dir.path / "link.db");
    CHECK(Store::is_store_file(db, db));
    CHECK(Store::is_store_file(db, dir.path / "link.db"));
    CHECK_FALSE(Store::is_store_file(db, dir.path / "other.txt"));
    CHECK_FALSE(Store::is_store_file(db, dir.path / "missing"));
}

TEST_CASE(
    "the timeline index's triggers and the queries that fill and read it name the same kinds") {
    // The triggers are written out in the migrations that made them (schemas 4 and 6); an
    // import's fill and the matched lines take indexed_event_kinds, and the fill of purposes said
    // anew purpose_edit_terms. With its whitespace folded, each trigger's WHEN holds exactly
    // that condition.
    TempDir dir;
    fs::path db = dir.path / "complain.db";
    {
        Store writer(db, Store::Access::create);
        writer.commit();
    }
    SQLite::Database check(db.string());
    auto folded = [&](const char* name) {
        std::string trigger =
            check.execAndGet(fmt::format("SELECT sql FROM sqlite_master WHERE name = '{}'", name))
                .getString();
        std::string out;
        for (char ch : trigger)
            if (!(ch == '\n' || (ch == ' ' && !out.empty() && out.back() == ' ')))
                out += ch;
            else if (ch == '\n' && !out.empty() && out.back() != ' ')
                out += ' ';
        return out;
    };
    std::string event = folded("timeline_text_event");
    CAPTURE(event);
    CHECK(event.find("WHEN new.text <> '' AND " + indexed_event_kinds("new") + " BEGIN") !=
          std::string::npos);
    std::string purpose = folded("timeline_text_purpose");
    CAPTURE(purpose);
    CHECK(purpose.find("WHEN " + purpose_edit_terms("new") + " BEGIN") != std::string::npos);
}
