// Export and import: the store's history written as JSON Lines in an order no store chooses, and
// read back by a union of complaints, events, evidence links and content.
#include "complain/app/exchange.hpp"

#include "complain/domain/history.hpp"
#include "complain/domain/json_line.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/text.hpp"
#include "complain/store/evidence.hpp"
#include "complain/store/store.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <fcntl.h>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace complain {
namespace {

using json = nlohmann::json;

constexpr size_t max_line = size_t{8} << 20; // bytes; a chunk line is under 1.5 MiB

// Appends `s` as a JSON string, as nlohmann's dump() writes it (UTF-8 kept as it is).
void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        if (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20)
            append_json_escape(out, ch);
        else
            out += ch;
    }
    out += '"';
}
void append_key(std::string& out, std::string_view key) {
    out += ",\"";
    out += key;
    out += "\":";
}
void append_string(std::string& out, std::string_view key, std::string_view value) {
    append_key(out, key);
    append_quoted(out, value);
}
void append_nullable(std::string& out, std::string_view key, std::string_view value) {
    append_key(out, key);
    if (value.empty())
        out += "null";
    else
        append_quoted(out, value);
}

std::string base64(const unsigned char* data, size_t size) {
    std::string out(4 * ((size + 2) / 3), '\0');
    int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<size_t>(n));
    return out;
}

} // namespace

void export_records(Session& s, const ExportOptions& o,
                    const std::function<void(std::string_view)>& sink) {
    Store& store = s.store(Store::Access::read);
    for (std::int64_t id : o.ids)
        if (!store.find_complaint(id))
            throw Error(Exit::not_found, trf("no complaint {} (see: complain status)", id));
    Store::Selection selection{o.ids, o.since};
    std::int64_t complaints = 0, events = 0, evidence = 0, blobs = 0;
    std::string line;
    line.reserve(4096);

    line = fmt::format("{{\"complain\":\"export\",\"version\":{}", export_version);
    if (o.since) append_string(line, "since", format_utc(*o.since));
    line += "}\n";
    sink(line);

    store.each_exported_blob(selection, [&](const Evidence& b) {
        line = "{\"type\":\"blob\"";
        append_string(line, "sha256", b.sha256);
        line += fmt::format(",\"size\":{}", b.size);
        append_string(line, "media_type", b.type);
        if (b.content == "redacted") append_string(line, "content", "redacted");
        line += "}\n";
        sink(line);
        ++blobs;
        if (!o.content || b.content != "kept") return;
        // Chunks of chunk_size bytes whatever the store's own chunks are, so that every store
        // writes the same lines.
        std::string pending;
        std::int64_t seq = 0;
        auto emit = [&](const unsigned char* data, size_t size) {
            line = "{\"type\":\"chunk\"";
            append_string(line, "sha256", b.sha256);
            line += fmt::format(",\"seq\":{},\"data\":\"", seq++);
            line += base64(data, size);
            line += "\"}\n";
            sink(line);
        };
        store.read_blob(b.sha256, [&](const unsigned char* data, size_t size) {
            if (pending.empty() && size == chunk_size) return emit(data, size);
            pending.append(reinterpret_cast<const char*>(data), size);
            while (pending.size() >= chunk_size) {
                emit(reinterpret_cast<const unsigned char*>(pending.data()), chunk_size);
                pending.erase(0, chunk_size);
            }
        });
        if (!pending.empty())
            emit(reinterpret_cast<const unsigned char*>(pending.data()), pending.size());
    });

    store.each_exported_complaint(selection, [&](std::int64_t id, const std::string& uuid) {
        line = "{\"type\":\"complaint\"";
        append_string(line, "uuid", uuid);
        line += "}\n";
        sink(line);
        ++complaints;
        store.each_exported_event(id, o.since, [&](const Event& e) {
            line = "{\"type\":\"event\"";
            append_string(line, "uuid", e.uuid);
            append_string(line, "complaint", uuid);
            append_nullable(line, "command", e.command);
            append_string(line, "at", format_utc(e.at));
            append_string(line, "recorded", format_utc(e.recorded));
            append_string(line, "kind", e.kind);
            append_string(line, "text", e.text);
            append_nullable(line, "field", e.field);
            append_nullable(line, "old", e.old_value);
            append_nullable(line, "new", e.new_value);
            append_nullable(line, "due", e.due ? format_utc(*e.due) : std::string());
            append_key(line, "change");
            if (e.change.empty()) {
                line += "null";
            } else {
                // Parsed and written again: the same change reads the same in every store.
                json change = json::parse(e.change, nullptr, false);
                if (!change.is_object())
                    throw Error(
                        Exit::integrity,
                        trf("complaint {}, event {}: malformed change '{}'", id, e.id, e.change));
                line += change.dump();
            }
            if (!e.retracts.empty()) {
                append_key(line, "retracts");
                line += '[';
                for (size_t i = 0; i < e.retracts.size(); ++i) {
                    if (i) line += ',';
                    append_quoted(line, e.retracts[i]);
                }
                line += ']';
            }
            line += "}\n";
            sink(line);
            ++events;
        });
        store.each_exported_evidence(id, o.since,
                                     [&](const Evidence& e, const std::string& event_uuid) {
                                         line = "{\"type\":\"evidence\"";
                                         append_string(line, "complaint", uuid);
                                         append_nullable(line, "event", event_uuid);
                                         append_string(line, "sha256", e.sha256);
                                         append_string(line, "name", e.name);
                                         append_string(line, "caption", e.caption);
                                         append_string(line, "added", format_utc(e.added));
                                         append_string(line, "purpose", e.purpose);
                                         line += "}\n";
                                         sink(line);
                                         ++evidence;
                                     });
    });

    sink(fmt::format("{{\"type\":\"end\",\"complaints\":{},\"events\":{},\"evidence\":{},"
                     "\"blobs\":{}}}\n",
                     complaints, events, evidence, blobs));
}

namespace {

// Lines of a file or pipe, read with bounded memory: a line longer than max_line is an error
// before it is buffered whole.
class LineReader {
  public:
    LineReader(int fd, std::string name) : fd_(fd), name_(std::move(name)), buffer_(1 << 18) {}
    // The next line without its "\n"; false at the end. Sets number().
    bool next(std::string& line) {
        line.clear();
        for (;;) {
            if (pos_ == end_) {
                if (!fill()) {
                    if (line.empty()) return false;
                    ++number_;
                    throw Error(Exit::integrity,
                                trf("{}: line {}: the file ends in the middle of a line "
                                    "(truncated?)",
                                    name_, number_));
                }
            }
            const char* start = buffer_.data() + pos_;
            const void* nl = std::memchr(start, '\n', end_ - pos_);
            size_t take =
                nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
            if (line.size() + take > max_line) {
                ++number_;
                throw Error(Exit::integrity,
                            trf("{}: line {}: longer than {} MiB; an export's lines are "
                                "shorter (not a complain export, or a damaged one)",
                                name_, number_, max_line >> 20));
            }
            line.append(start, take);
            pos_ += take;
            if (nl) {
                ++pos_;
                ++number_;
                return true;
            }
        }
    }
    std::int64_t number() const { return number_; }
    // Reads on another thread than the one that gives up: once `flag` is set, a read that would
    // wait for a pipe ends the input instead (checked every 100 ms).
    void stop_on(const std::atomic<bool>* flag) { stop_ = flag; }
    // Whether the next line would wait for a writer: nothing buffered, and nothing to read now.
    bool would_wait() const {
        if (pos_ != end_) return false;
        pollfd ready{fd_, POLLIN, 0};
        return ::poll(&ready, 1, 0) == 0;
    }

  private:
    bool fill() {
        while (stop_) {
            pollfd ready{fd_, POLLIN, 0};
            int n = ::poll(&ready, 1, 100);
            if (stop_->load()) return false;
            if (n != 0 && !(n < 0 && errno == EINTR)) break;
        }
        for (;;) {
            ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                throw Error(Exit::io, trf("{}: cannot read: {}", name_, std::strerror(errno)));
            pos_ = 0;
            end_ = static_cast<size_t>(n);
            return n > 0;
        }
    }
    int fd_;
    std::string name_;
    std::vector<char> buffer_;
    size_t pos_ = 0, end_ = 0;
    std::int64_t number_ = 0;
    const std::atomic<bool>* stop_ = nullptr;
};

// Lines read and parsed on a second thread while the import writes the lines before them: an
// import of 1M events is then as long as its writes, not its writes and its reading. Bounded:
// at most `depth` batches of about batch_bytes wait.
class ReadAhead {
  public:
    struct Line {
        std::string text;
        JsonLine json; // views into text
        enum { ok, not_json, not_object } parsed = ok;
        std::string error; // not_json: what is wrong
    };
    struct Batch {
        std::vector<Line> lines; // sized once: a Line never moves (json views its text)
        size_t count = 0;
        std::int64_t first = 0;     // the number of lines[0]
        std::exception_ptr failure; // reading stopped here (a truncated file, a long line)
        bool last = false;          // nothing follows
        std::int64_t total = 0;     // last: lines in the file
    };

    explicit ReadAhead(LineReader& in) : in_(in) {
        in_.stop_on(&stop_);
        thread_ = std::thread([this] { run(); });
    }
    // Stops reading (an import that fails does not wait for the rest of a pipe).
    ~ReadAhead() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        thread_.join();
        in_.stop_on(nullptr);
    }
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // The next batch (the last has last set); give it back with done() once read.
    std::unique_ptr<Batch> next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty(); });
        std::unique_ptr<Batch> b = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return b;
    }
    void done(std::unique_ptr<Batch> b) {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(b));
    }

  private:
    static constexpr size_t batch_lines = 1024;
    static constexpr size_t batch_bytes = size_t{1} << 20;
    static constexpr size_t depth = 2;

    void run() {
        for (bool last = false; !last;) {
            std::unique_ptr<Batch> b;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stop_ || ready_.size() < depth; });
                if (stop_) return;
                if (!free_.empty()) {
                    b = std::move(free_.back());
                    free_.pop_back();
                }
            }
            if (!b) {
                b = std::make_unique<Batch>();
                b->lines.resize(batch_lines);
            }
            try {
                last = fill(*b);
            } catch (...) { // out of memory: the import fails with it, on its own thread
                b->failure = std::current_exception();
                b->last = last = true;
            }
            {
                std::lock_guard lock(mutex_);
                ready_.push_back(std::move(b));
            }
            changed_.notify_all();
        }
    }

    // True at the end of the input, or where it cannot be read further.
    bool fill(Batch& b) {
        b.count = 0;
        b.first = in_.number() + 1;
        b.failure = nullptr;
        size_t bytes = 0;
        while (b.count < b.lines.size() && bytes < batch_bytes) {
            if (b.count > 0 && in_.would_wait()) break; // what is read goes on meanwhile
            Line& line = b.lines[b.count];
            try {
                if (!in_.next(line.text)) {
                    b.last = true;
                    b.total = in_.number();
                    return true;
                }
            } catch (...) {
                b.failure = std::current_exception();
                b.last = true;
                return true;
            }
            bytes += line.text.size();
            line.parsed = Line::ok;
            try {
                line.json.parse(line.text);
            } catch (const JsonLine::NotJson& e) {
                line.parsed = Line::not_json;
                line.error = e.what;
            } catch (const JsonLine::NotObject&) {
                line.parsed = Line::not_object;
            }
            ++b.count;
        }
        b.last = false;
        return false;
    }

    LineReader& in_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<Batch>> ready_, free_;
    std::atomic<bool> stop_ = false;
    std::thread thread_;
};

bool is_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
bool is_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(), is_hex_digit);
}
bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex_digit(s[i])) return false;
    }
    return true;
}

const std::array<std::string_view, 15> kinds{
    event_kind::filed,     event_kind::note,     event_kind::contact,
    event_kind::answer,    event_kind::state,    event_kind::answered,
    event_kind::paused,    event_kind::resumed,  event_kind::escalated,
    event_kind::attached,  event_kind::edited,   event_kind::flagged_overdue,
    event_kind::retracted, event_kind::redacted, "letter"};

// One import: the store, the line being read, and what the lines so far brought.
class Import {
  public:
    // `bytes`: the size of the file, when known: an import of much into a store that no other
    // connection holds writes through a rollback journal, once, as a large attach does.
    Import(Session& s, std::string name, std::int64_t bytes)
        : store_(s.store(Store::Access::create, bytes > 0 ? std::vector<std::int64_t>{bytes}
                                                          : std::vector<std::int64_t>{})),
          name_(name) {
        store_.begin_import();
    }

    [[noreturn]] void bad(std::string_view what) const {
        throw Error(Exit::integrity, trf("{}: line {}: {}", name_, line_, what));
    }

    // After the end line: what the import leaves for the end, before the command commits.
    void finish() { store_.finish_import(); }

    void read(LineReader& in, ImportResult& r) {
        r_ = &r;
        bool ended = false;
        ReadAhead lines(in);
        for (;;) {
            std::unique_ptr<ReadAhead::Batch> b = lines.next();
            for (size_t i = 0; i < b->count; ++i) {
                line_ = b->first + static_cast<std::int64_t>(i);
                if (ended) bad("text after the end line");
                const ReadAhead::Line& line = b->lines[i];
                if (line.parsed == ReadAhead::Line::not_json) bad(trf("not JSON: {}", line.error));
                if (line.parsed == ReadAhead::Line::not_object) bad("not a JSON object");
                ended = take(line.json);
            }
            if (b->failure) std::rethrow_exception(b->failure);
            if (b->last) {
                if (b->total == 0) {
                    line_ = 1;
                    bad("empty: not a complain export");
                }
                if (!ended)
                    throw Error(Exit::integrity, trf("{}: no end line after line {}: the export is "
                                                     "truncated",
                                                     name_, b->total));
                return;
            }
            lines.done(std::move(b));
        }
    }

    // One line; true for the end line.
    bool take(const JsonLine& j) {
        if (line_ == 1) {
            header(j);
            return false;
        }
        const std::string& type = str(j, "type", "line");
        if (type != "chunk") finish_blob();
        if (type == "blob")
            blob(j);
        else if (type == "chunk")
            chunk(j);
        else if (type == "complaint")
            complaint(j);
        else if (type == "event")
            event(j);
        else if (type == "evidence")
            evidence(j);
        else if (type == "end") {
            finish_complaint();
            end(j);
            return true;
        } else
            bad(trf("unknown type \"{}\" (blob, chunk, complaint, event, evidence or end)", type));
        return false;
    }

  private:
    // Values of the line's keys, each of the JSON type the format gives it.
    const JsonLine::Value& value(const JsonLine& j, const char* key, std::string_view what) const {
        const JsonLine::Value* v = j.find(key);
        if (!v) bad(trf("{} lacks \"{}\"", what, key));
        return *v;
    }
    const std::string& str(const JsonLine& j, const char* key, std::string_view what) const {
        const JsonLine::Value& v = value(j, key, what);
        if (v.kind != JsonLine::Kind::string) bad(trf("{} \"{}\" must be a string", what, key));
        return v.string;
    }
    std::string nullable(const JsonLine& j, const char* key, std::string_view what) const {
        const JsonLine::Value& v = value(j, key, what);
        if (v.kind == JsonLine::Kind::null) return {};
        if (v.kind != JsonLine::Kind::string)
            bad(trf("{} \"{}\" must be a string or null", what, key));
        if (v.string.empty()) bad(trf("{} \"{}\" is empty; an export writes null", what, key));
        return v.string;
    }
    std::int64_t integer(const JsonLine& j, const char* key, std::string_view what) const {
        const JsonLine::Value& v = value(j, key, what);
        if (v.kind != JsonLine::Kind::integer || v.integer < 0)
            bad(trf("{} \"{}\" must be a whole number", what, key));
        return v.integer;
    }
    Instant instant(const std::string& text, const char* key, std::string_view what) const {
        try {
            Instant t = parse_utc(text);
            if (format_utc(t) == text) return t;
        } catch (const Error&) {
        }
        bad(trf("{} \"{}\" is \"{}\", not an instant YYYY-MM-DDTHH:MM:SSZ", what, key, text));
    }
    const std::string& uuid(const JsonLine& j, const char* key, std::string_view what) const {
        const std::string& u = str(j, key, what);
        if (!is_uuid(u)) bad(trf("{} \"{}\" is \"{}\", not a UUID", what, key, u));
        return u;
    }
    std::string sha256(const JsonLine& j, std::string_view what) const {
        const std::string& sha = str(j, "sha256", what);
        if (sha.size() != 64 || !is_hex(sha))
            bad(trf("{} \"sha256\" is \"{}\", not 64 lower-case hex digits", what, sha));
        return sha;
    }

    void header(const JsonLine& j) {
        const JsonLine::Value* it = j.find("complain");
        if (!it || it->kind != JsonLine::Kind::string || it->string != "export")
            bad("not a complain export: the first line must be {\"complain\":\"export\",...}");
        const JsonLine::Value* v = j.find("version");
        if (!v || v->kind != JsonLine::Kind::integer)
            bad("the header lacks the export format version");
        std::int64_t version = v->integer;
        if (version > export_version)
            bad(trf("export format version {} is newer than this complain reads ({})", version,
                    export_version));
        if (version != export_version)
            bad(trf("unknown export format version {} (this complain reads {})", version,
                    export_version));
        if (j.find("since")) {
            const std::string& since = str(j, "since", "the header");
            instant(since, "since", "the header");
        }
    }

    struct Blob {
        std::int64_t line = 0;
        std::string sha256;
        std::int64_t size = 0;
        bool redacted = false; // the file says its content was removed
        std::string local;     // the store's content before: kept, redacted, absent; "" none
        bool store_it = false; // content that arrives is written to the store
        std::unique_ptr<Sha256> hash;
        std::int64_t bytes = 0;  // received
        std::int64_t seq = 0;    // next chunk line expected
        std::string pending;     // received content not yet written as a whole chunk
        std::int64_t stored = 0; // chunks written
    };

    void blob(const JsonLine& j) {
        if (in_complaints_) bad("a blob after the complaints: blobs come first");
        ++blobs_;
        Blob b;
        b.line = line_;
        b.sha256 = sha256(j, "blob");
        b.size = integer(j, "size", "blob");
        const std::string& type = str(j, "media_type", "blob");
        if (j.find("content")) {
            if (str(j, "content", "blob") != "redacted")
                bad("blob \"content\" can only be \"redacted\"");
            b.redacted = true;
        }
        std::optional<Evidence> local = store_.blob(b.sha256);
        if (local && local->size != b.size)
            bad(trf("file {} has {} bytes here and {} in the store", b.sha256, b.size,
                    local->size));
        if (!local) {
            Evidence record;
            record.sha256 = b.sha256;
            record.size = b.size;
            record.type = type;
            record.content = b.redacted ? "redacted" : "absent";
            store_.add_blob_record(record);
        }
        b.local = local ? local->content : "";
        b.store_it = !b.redacted && (!local || local->content == "absent");
        b.hash = std::make_unique<Sha256>();
        blob_ = std::move(b);
    }

    void chunk(const JsonLine& j) {
        std::string sha = sha256(j, "chunk");
        if (!blob_ || blob_->sha256 != sha)
            bad(trf("a chunk of file {} that does not follow its blob line", sha));
        Blob& b = *blob_;
        if (b.redacted) bad(trf("a chunk of file {}, whose content is redacted", sha));
        std::int64_t seq = integer(j, "seq", "chunk");
        if (seq != b.seq) bad(trf("chunk {} of file {} where chunk {} was due", seq, sha, b.seq));
        ++b.seq;
        const std::string& data = str(j, "data", "chunk");
        if (data.size() % 4 != 0 || data.size() > 4 * ((chunk_size + 2) / 3))
            bad(trf("chunk {} of file {}: data is not base64 of at most {} bytes", seq, sha,
                    chunk_size));
        decoded_.resize(data.size() / 4 * 3);
        int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded_.data()),
                                reinterpret_cast<const unsigned char*>(data.data()),
                                static_cast<int>(data.size()));
        if (n < 0) bad(trf("chunk {} of file {}: data is not base64", seq, sha));
        size_t size = static_cast<size_t>(n);
        for (size_t i = data.size(); i > 0 && data[i - 1] == '=' && size > 0; --i)
            --size; // EVP_DecodeBlock counts the padding as bytes
        if (size > chunk_size || size == 0)
            bad(trf("chunk {} of file {} holds {} bytes; a chunk holds 1 to {}", seq, sha, size,
                    chunk_size));
        b.hash->update(decoded_.data(), size);
        b.bytes += static_cast<std::int64_t>(size);
        if (b.bytes > b.size)
            bad(trf("file {} holds more than the {} bytes its blob line says", sha, b.size));
        if (!b.store_it) return;
        b.pending.append(decoded_.data(), size);
        while (b.pending.size() >= chunk_size) {
            store_.add_chunk(b.sha256, b.stored++,
                             std::string_view(b.pending).substr(0, chunk_size));
            b.pending.erase(0, chunk_size);
        }
    }

    void finish_blob() {
        if (!blob_) return;
        Blob& b = *blob_;
        bool has_content = b.seq > 0 || (b.size == 0 && !b.redacted);
        if (has_content) {
            if (b.bytes != b.size)
                bad(trf("file {} (line {}) holds {} bytes; its blob line says {}", b.sha256, b.line,
                        b.bytes, b.size));
            if (b.hash->hex() != b.sha256)
                bad(trf("file {} (line {}): its content does not match its SHA-256", b.sha256,
                        b.line));
        }
        bool changed = b.local.empty();
        if (has_content && b.store_it) {
            if (!b.pending.empty()) store_.add_chunk(b.sha256, b.stored++, b.pending);
            store_.set_blob_content(b.sha256, "kept", b.stored);
            ++r_->files;
            r_->bytes += b.size;
            changed = true;
        } else if (b.redacted && (b.local == "kept" || b.local == "absent")) {
            store_.set_blob_content(b.sha256, "redacted", 0); // redaction wins everywhere
            ++r_->redacted;
            changed = true;
        }
        if (!changed) ++r_->already;
        blob_.reset();
    }

    struct Current {
        std::string uuid;
        std::int64_t id = 0;
        std::int64_t line = 0;
        bool is_new = false;
        bool touched = false;
        std::vector<Event> events; // a new complaint's, to replay without reading them back
    };

    void complaint(const JsonLine& j) {
        finish_complaint();
        in_complaints_ = true;
        ++complaints_;
        Current c;
        c.uuid = uuid(j, "uuid", "complaint");
        c.line = line_;
        if (auto id = store_.complaint_by_uuid(c.uuid)) {
            c.id = *id;
            ++r_->already;
        } else {
            if (!next_id_) next_id_ = store_.next_complaint_id();
            c.id = (*next_id_)++;
            c.is_new = true;
        }
        current_ = std::move(c);
    }

    static bool has_filing(const std::vector<Event>& events) {
        return std::any_of(events.begin(), events.end(),
                           [](const Event& e) { return e.kind == event_kind::filed; });
    }

    void finish_complaint() {
        if (!current_) return;
        Current& c = *current_;
        if (c.is_new || c.touched) {
            Complaint row;
            bool filing = has_filing(c.events); // before the events move into the replay
            bool was_undone = false;
            if (!c.is_new)
                if (auto here = store_.find_complaint(c.id)) was_undone = here->undone;
            try {
                row = c.is_new ? store_.add_replayed_complaint(c.id, c.uuid, std::move(c.events))
                               : store_.rebuild(c.id);
            } catch (const Error& e) {
                if (e.code() != Exit::integrity) throw;
                if (c.is_new && !filing)
                    bad(trf("complaint {} (line {}) is not in this store, and the export "
                            "does not hold its filing (an export made with --since?): "
                            "import a full export first",
                            c.uuid, c.line));
                bad(trf("complaint {} (line {}): {}", c.uuid, c.line, e.what()));
            }
            if (row.undone && !was_undone && !c.is_new) r_->taken_back.push_back(c.id);
            if (c.is_new) {
                ++r_->complaints;
                if (!r_->mapping) {
                    r_->mapping.reset(std::tmpfile());
                    if (!r_->mapping)
                        throw Error(Exit::io,
                                    trf("cannot make a temporary file: {}", std::strerror(errno)));
                }
                fmt::print(r_->mapping.get(), "{}\t{}\t{}\n", c.id, c.uuid, json(row.title).dump());
            }
        }
        current_.reset();
    }

    // The complaint a line belongs to, which must be the last complaint line's.
    void check_complaint(const JsonLine& j, std::string_view what) {
        const std::string& uuid = str(j, "complaint", what);
        if (!current_ || current_->uuid != uuid)
            bad(trf("{} of complaint {} that does not follow its complaint line", what, uuid));
    }

    void event(const JsonLine& j) {
        ++events_;
        check_complaint(j, "event");
        Event e;
        e.uuid = uuid(j, "uuid", "event");
        e.complaint_id = current_->id;
        if (value(j, "command", "event").kind != JsonLine::Kind::null)
            e.command = uuid(j, "command", "event");
        e.at = instant(str(j, "at", "event"), "at", "event");
        e.recorded = instant(str(j, "recorded", "event"), "recorded", "event");
        e.kind = str(j, "kind", "event");
        if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end())
            bad(trf("event \"kind\" is \"{}\", which complain does not know", e.kind));
        e.text = str(j, "text", "event");
        e.field = nullable(j, "field", "event");
        e.old_value = nullable(j, "old", "event");
        e.new_value = nullable(j, "new", "event");
        if (std::string due = nullable(j, "due", "event"); !due.empty())
            e.due = instant(due, "due", "event");
        const JsonLine::Value& change = value(j, "change", "event");
        if (change.kind != JsonLine::Kind::null) {
            if (change.kind != JsonLine::Kind::object)
                bad("event \"change\" must be an object or null");
            // Checked by the replay when the complaint's lines end (finish_complaint).
            e.change = JsonLine::canonical(change.text);
        }
        if (const JsonLine::Value* retracts = j.find("retracts")) {
            std::optional<std::vector<std::string>> uuids;
            if (retracts->kind == JsonLine::Kind::array) uuids = JsonLine::strings(retracts->text);
            if (!uuids || !std::all_of(uuids->begin(), uuids->end(), is_uuid))
                bad("event \"retracts\" must be an array of UUIDs");
            e.retracts = std::move(*uuids);
        }
        // A new complaint's events are new unless the UUID says otherwise: its unique index
        // answers that as the event goes in, without a lookup first.
        auto known = [&] {
            std::optional<Event> here = store_.event_by_uuid(e.uuid);
            if (!here) return false;
            if (!same(*here, e))
                bad(trf("event {} differs from the event with that UUID in the store "
                        "(complaint {})",
                        e.uuid, here->complaint_id));
            ++r_->already;
            return true;
        };
        if (!current_->is_new && known()) return;
        try {
            store_.add_imported_event(e);
        } catch (const Error&) {
            if (current_->is_new && known()) return;
            throw;
        }
        if (current_->is_new) current_->events.push_back(std::move(e));
        current_->touched = true;
        ++r_->events;
    }

    static bool same(const Event& a, const Event& b) {
        auto change = [](const std::string& c) {
            return c.empty() ? json() : json::parse(c, nullptr, false);
        };
        return a.complaint_id == b.complaint_id && a.command == b.command && a.at == b.at &&
               a.recorded == b.recorded && a.kind == b.kind && a.text == b.text &&
               a.field == b.field && a.old_value == b.old_value && a.new_value == b.new_value &&
               a.due == b.due && a.retracts == b.retracts && change(a.change) == change(b.change);
    }

    void evidence(const JsonLine& j) {
        ++evidence_;
        check_complaint(j, "evidence");
        Evidence e;
        e.complaint_id = current_->id;
        if (value(j, "event", "evidence").kind != JsonLine::Kind::null) {
            std::string u = uuid(j, "event", "evidence");
            std::optional<Event> attached = store_.event_by_uuid(u);
            if (!attached || attached->complaint_id != current_->id)
                bad(trf("evidence names event {}, which is not an event of complaint {}", u,
                        current_->uuid));
            e.event_id = attached->id;
        }
        e.sha256 = sha256(j, "evidence");
        e.name = str(j, "name", "evidence");
        e.caption = str(j, "caption", "evidence");
        // Exports made before evidence said what it proves have none.
        if (j.find("purpose")) e.purpose = str(j, "purpose", "evidence");
        e.added = instant(str(j, "added", "evidence"), "added", "evidence");
        if (!store_.blob(e.sha256))
            bad(trf("evidence names file {}, which neither this export nor the store "
                    "holds",
                    e.sha256));
        if (store_.has_evidence_link(e)) {
            ++r_->already;
            return;
        }
        store_.add_evidence(e);
        current_->touched = true;
        ++r_->evidence;
    }

    void end(const JsonLine& j) {
        std::int64_t complaints = integer(j, "complaints", "the end line");
        std::int64_t events = integer(j, "events", "the end line");
        std::int64_t evidence = integer(j, "evidence", "the end line");
        std::int64_t blobs = integer(j, "blobs", "the end line");
        if (complaints != complaints_ || events != events_ || evidence != evidence_ ||
            blobs != blobs_)
            bad(trf("the end line counts {} complaints, {} events, {} evidence and {} "
                    "blobs; the file holds {}, {}, {} and {} (truncated or edited)",
                    complaints, events, evidence, blobs, complaints_, events_, evidence_, blobs_));
    }

    Store& store_;
    std::string name_;
    std::int64_t line_ = 0;
    ImportResult* r_ = nullptr;
    std::optional<Blob> blob_;
    std::optional<Current> current_;
    bool in_complaints_ = false;
    std::int64_t complaints_ = 0, events_ = 0, evidence_ = 0, blobs_ = 0;
    std::string decoded_;
    JsonLine line_json_;                  // the line being read; its buffers are reused
    std::optional<std::int64_t> next_id_; // the id the next new complaint gets
};

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd > 0) ::close(fd);
    }
};

} // namespace

ImportResult import_records(Session& s, const std::string& file) {
    Fd input;
    std::int64_t bytes = 0;
    std::string name = file == "-" ? "standard input" : file;
    if (file == "-") {
        input.fd = 0;
    } else {
        input.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (input.fd < 0) {
            int err = errno;
            if (err == ENOENT || err == ENOTDIR)
                throw Error(Exit::not_found, trf("{}: no such file", file));
            throw Error(err == EACCES ? Exit::permission : Exit::not_found,
                        trf("{}: cannot read: {}", file, std::strerror(err)));
        }
        struct stat st {};
        if (::fstat(input.fd, &st) == 0 && S_ISDIR(st.st_mode))
            throw Error(Exit::usage,
                        trf("{}: is a directory; name an export file, or - for standard "
                            "input",
                            file));
        ::posix_fadvise(input.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        if (S_ISREG(st.st_mode)) bytes = st.st_size;
    }
    ImportResult r;
    LineReader in(input.fd, name);
    Import import(s, name, bytes);
    import.read(in, r);
    import.finish();
    return r;
}

void ImportResult::each_new(const std::function<void(std::int64_t id, std::string_view uuid,
                                                     std::string_view title)>& f) const {
    if (!mapping) return;
    std::rewind(mapping.get());
    char* buffer = nullptr;
    size_t capacity = 0;
    ssize_t n;
    while ((n = ::getline(&buffer, &capacity, mapping.get())) > 0) {
        std::string_view line(buffer, static_cast<size_t>(n));
        if (line.ends_with('\n')) line.remove_suffix(1);
        size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
        std::string title = json::parse(line.substr(tab2 + 1)).get<std::string>();
        f(std::stoll(std::string(line.substr(0, tab1))), line.substr(tab1 + 1, tab2 - tab1 - 1),
          title);
    }
    std::free(buffer);
}

} // namespace complain
