// Changes to a complaint's row, and replay of its timeline into the row.
#include "complain/domain/history.hpp"

#include "complain/domain/json_line.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <functional>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/random.h>

namespace complain {
namespace {

using json = nlohmann::json;

json instant_json(const std::optional<Instant>& t) {
    return t ? json(format_utc(*t)) : json(nullptr);
}
json amount_json(const std::optional<std::int64_t>& v) {
    return v ? json(*v) : json(nullptr);
}

// A change's value of a type its field does not take.
struct WrongType {};

const std::string& text_of(const JsonLine::Value& v) {
    if (v.kind != JsonLine::Kind::string) throw WrongType{};
    return v.string;
}
std::optional<Instant> instant_of(const JsonLine::Value& v) {
    if (v.kind == JsonLine::Kind::null) return std::nullopt;
    return parse_utc(text_of(v));
}
std::optional<std::int64_t> amount_of(const JsonLine::Value& v) {
    if (v.kind == JsonLine::Kind::null) return std::nullopt;
    if (v.kind != JsonLine::Kind::integer) throw WrongType{};
    return v.integer;
}

// One field of a change: its name, its value in a complaint, and how to set it.
struct Field {
    const char* name;
    std::function<json(const Complaint&)> get;
    std::function<void(Complaint&, const JsonLine::Value&)> set;
};

Field text_field(const char* name, std::string Complaint::*member) {
    return {name, [member](const Complaint& c) { return json(c.*member); },
            [member](Complaint& c, const JsonLine::Value& v) { c.*member = text_of(v); }};
}
Field clock_text(const char* name, std::string Clock::*member) {
    return {name, [member](const Complaint& c) { return json(c.clock.*member); },
            [member](Complaint& c, const JsonLine::Value& v) { c.clock.*member = text_of(v); }};
}
Field clock_instant(const char* name, std::optional<Instant> Clock::*member) {
    return {name, [member](const Complaint& c) { return instant_json(c.clock.*member); },
            [member](Complaint& c, const JsonLine::Value& v) { c.clock.*member = instant_of(v); }};
}
Field amount_field(const char* name, std::optional<std::int64_t> Complaint::*member) {
    return {name, [member](const Complaint& c) { return amount_json(c.*member); },
            [member](Complaint& c, const JsonLine::Value& v) { c.*member = amount_of(v); }};
}

// The row's fields, in the order a filing lists them.
const std::vector<Field>& fields() {
    static const std::vector<Field> all{
        text_field("title", &Complaint::title),
        text_field("body", &Complaint::body),
        text_field("against", &Complaint::against),
        text_field("credit_code", &Complaint::credit_code),
        text_field("order", &Complaint::order),
        text_field("product", &Complaint::product),
        text_field("category", &Complaint::category),
        text_field("want", &Complaint::want),
        amount_field("amount", &Complaint::amount),
        amount_field("recovered", &Complaint::recovered),
        text_field("currency", &Complaint::currency),
        {"tags", [](const Complaint& c) { return json(c.tags); },
         [](Complaint& c, const JsonLine::Value& v) {
             std::optional<std::vector<std::string>> tags;
             if (v.kind == JsonLine::Kind::array) tags = JsonLine::strings(v.text);
             if (!tags) throw WrongType{};
             c.tags = std::move(*tags);
         }},
        text_field("ref", &Complaint::ref),
        {"state", [](const Complaint& c) { return json(std::string(to_string(c.state))); },
         [](Complaint& c, const JsonLine::Value& v) {
             auto state = parse_state(text_of(v));
             if (!state || to_string(*state) != v.string)
                 throw Error(Exit::integrity, trf("unknown state {}", v.text));
             c.state = *state;
         }},
        text_field("channel", &Complaint::channel),
        {"level", [](const Complaint& c) { return json(c.level); },
         [](Complaint& c, const JsonLine::Value& v) {
             std::optional<std::int64_t> level = amount_of(v);
             if (!level || *level < std::numeric_limits<int>::min() ||
                 *level > std::numeric_limits<int>::max())
                 throw WrongType{};
             c.level = static_cast<int>(*level);
         }},
        {"created", [](const Complaint& c) { return json(format_utc(c.created)); },
         [](Complaint& c, const JsonLine::Value& v) { c.created = parse_utc(text_of(v)); }},
        clock_text("deadline", &Clock::deadline),
        clock_text("calendar", &Clock::calendar),
        clock_text("zone", &Clock::zone),
        {"roll", [](const Complaint& c) { return json(c.clock.roll); },
         [](Complaint& c, const JsonLine::Value& v) {
             if (v.kind != JsonLine::Kind::boolean) throw WrongType{};
             c.clock.roll = v.boolean;
         }},
        clock_text("warning", &Clock::warning),
        clock_instant("started", &Clock::started),
        clock_instant("due", &Clock::due),
        clock_instant("warn_at", &Clock::warn_at),
        clock_instant("paused_at", &Clock::paused_at),
        {"follow_up", [](const Complaint& c) { return json(c.follow_up); },
         [](Complaint& c, const JsonLine::Value& v) {
             if (v.kind != JsonLine::Kind::boolean) throw WrongType{};
             c.follow_up = v.boolean;
         }},
    };
    return all;
}

} // namespace

std::string new_uuid() {
    // Version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter that makes every
    // UUID this process makes greater than the one before, then 62 random bits. Events written in
    // the same second (the store's instants are whole seconds) replay in the order they were
    // written. The real clock, not the session's: a fixed test clock must not reorder them.
    static std::mutex mutex;
    static std::uint64_t last_ms = 0;
    static std::uint32_t counter = 0;
    unsigned char b[16];
    // From the kernel (getrandom), not OpenSSL's generator, whose start (reading openssl.cnf,
    // seeding) cost a command a millisecond.
    if (getrandom(b, sizeof b, 0) != static_cast<ssize_t>(sizeof b))
        throw Error(Exit::internal, tr("no randomness for a UUID"));
    std::uint64_t ms;
    std::uint32_t seq;
    {
        std::lock_guard lock(mutex);
        using namespace std::chrono;
        ms = static_cast<std::uint64_t>(
            duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
        if (ms <= last_ms) {
            ms = last_ms;
            if (++counter > 0xfff) {
                ++ms;
                counter = 0;
            }
        } else {
            counter = b[6] & 0x07u; // a random start that leaves room to count
        }
        last_ms = ms;
        seq = counter;
    }
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>(0x70 | ((seq >> 8) & 0x0f)); // version 7
    b[7] = static_cast<unsigned char>(seq & 0xff);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 9562 variant
    std::string hex;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) hex += '-';
        hex += fmt::format("{:02x}", b[i]);
    }
    return hex;
}

std::string row_change(const Complaint* before, const Complaint& after) {
    json change = json::object();
    for (const Field& f : fields()) {
        json value = f.get(after);
        if (before == nullptr || f.get(*before) != value) change[f.name] = std::move(value);
    }
    return change.empty() ? std::string() : change.dump();
}

void apply_change(Complaint& c, std::string_view change) {
    if (change.empty()) return;
    // A replay reads every change of a timeline: read flat, without a document per change.
    thread_local JsonLine j;
    try {
        j.parse(change);
    } catch (const JsonLine::NotJson&) {
        throw Error(Exit::integrity, trf("change {} is not a JSON object", change));
    } catch (const JsonLine::NotObject&) {
        throw Error(Exit::integrity, trf("change {} is not a JSON object", change));
    }
    const auto& all = fields();
    for (const JsonLine::Member& m : j.members()) {
        auto f = std::find_if(all.begin(), all.end(),
                              [&](const Field& field) { return m.key == field.name; });
        if (f == all.end()) throw Error(Exit::integrity, trf("change names no field '{}'", m.key));
        try {
            f->set(c, m.value);
        } catch (const WrongType&) {
            throw Error(Exit::integrity,
                        trf("change of {}: {} is not a value it takes", m.key, m.value.text));
        } catch (const Error& e) {
            throw Error(Exit::integrity, trf("change of {}: {}", m.key, e.what()));
        }
    }
}

bool counts_as_update(std::string_view kind) {
    return kind != event_kind::flagged_overdue && kind != event_kind::retracted &&
           kind != event_kind::redacted;
}

bool replay_before(const Event& a, const Event& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.recorded != b.recorded) return a.recorded < b.recorded;
    return a.uuid < b.uuid;
}

Replayed replay(std::vector<Event> events) {
    std::sort(events.begin(), events.end(), replay_before);
    std::set<std::string> cancelled;
    for (auto e = events.rbegin(); e != events.rend(); ++e)
        if (e->kind == event_kind::retracted && !cancelled.contains(e->uuid))
            cancelled.insert(e->retracts.begin(), e->retracts.end());
    Replayed out;
    for (Event& e : events) {
        e.cancelled = cancelled.contains(e.uuid);
        if (e.kind == event_kind::filed) {
            out.filed = true;
            // A filing taken back still gives the row its facts (its title names it where it is
            // mentioned, its date orders it in an export); the complaint is listed nowhere.
            if (e.cancelled) {
                out.row.undone = true;
                apply_change(out.row, e.change);
                continue;
            }
        }
        if (e.cancelled) continue;
        apply_change(out.row, e.change);
        if (counts_as_update(e.kind) && e.recorded > out.row.updated) out.row.updated = e.recorded;
    }
    // Whether the deadline in force was flagged: a flag names the due it was raised for.
    for (const Event& e : events)
        if (e.kind == event_kind::flagged_overdue && !e.cancelled && e.due &&
            e.due == out.row.clock.due)
            out.row.flagged = true;
    out.events = std::move(events);
    return out;
}

} // namespace complain
