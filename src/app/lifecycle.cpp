// The complaint lifecycle: every function here is one command's whole transaction.
#include "complain/app/lifecycle.hpp"

#include "complain/domain/deadline.hpp"
#include "complain/domain/history.hpp"
#include "complain/domain/money.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace complain {
namespace {

constexpr size_t field_limit = 1000;   // bytes of a title, a name, a number
constexpr size_t body_limit = 1 << 20; // bytes of a body or a note

// The instant before which no state change may be back-dated: the last change of state or channel,
// so that a timeline always runs forward.
std::optional<Instant> last_change(Store& store, const Complaint& c) {
    std::optional<Instant> t = c.created;
    for (auto candidate : {c.clock.started, c.clock.paused_at, store.last_state_change(c.id)})
        if (candidate && *candidate > *t) t = candidate;
    return t;
}

} // namespace

void check_tag(const std::string& tag) {
    check_text("--tag", tag, 100, true);
    check_one_line("--tag", tag);
    if (tag.find_first_of(" \t\n,") != std::string::npos)
        throw Error(Exit::usage, trf("--tag '{}': a tag has no spaces or commas", tag));
}

void check_text(std::string_view what, std::string_view text, size_t limit, bool required) {
    if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw Error(Exit::usage, trf("{} is empty", what));
    if (!valid_utf8(text)) throw Error(Exit::usage, trf("{} is not valid UTF-8", what));
    if (text.size() > limit)
        throw Error(Exit::usage,
                    trf("{} is {} bytes long; the limit is {}", what, text.size(), limit));
    if (text.find('\0') != std::string_view::npos)
        throw Error(Exit::usage, trf("{} contains a NUL byte", what));
}

void check_one_line(std::string_view what, std::string_view text) {
    std::string control = first_control(text);
    if (!control.empty())
        throw Error(Exit::usage,
                    trf("{} contains a control character ({}): titles, --against, tags "
                        "and --ref are one line of plain text",
                        what, control));
}

// A 统一社会信用代码 as GB 32100-2015 writes it: 18 characters of 0-9 and A-Y without I, O, S, V
// and Z, the last a check character. Returned in upper case; empty stays empty.
std::string credit_code(std::string_view what, std::string_view text) {
    static constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static constexpr int weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                        29, 25, 13, 8,  24, 10, 30, 28};
    std::string code(text);
    for (char& ch : code)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (code.empty()) return code;
    auto bad = [&](std::string_view why) {
        return Error(Exit::usage, trf("{} {}: {} (a 统一社会信用代码 has 18 characters, "
                                      "digits and capitals other than I, O, S, V and Z)",
                                      what, terminal_text(text), why));
    };
    if (code.size() != 18) throw bad(trf("{} characters", code.size()));
    int sum = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        size_t value = alphabet.find(code[i]);
        if (value == std::string_view::npos)
            throw bad(trf("'{}' cannot be in one", terminal_text(std::string(1, code[i]))));
        if (i < 17) sum += static_cast<int>(value) * weights[i];
    }
    char check = alphabet[static_cast<size_t>((31 - sum % 31) % 31)];
    if (code.back() != check) throw bad(trf("its last character should be {} (mistyped?)", check));
    return code;
}

void start_follow_up(Complaint& c, const Duration& promised, const Config& config, Instant start) {
    // Counted as the channel counts (its calendar, the config's zone), never rolled: the promise
    // names its own days.
    const Channel* channel = config.find_channel(c.channel);
    std::string calendar = channel ? config.calendar_of(*channel).name() : c.clock.calendar;
    DeadlineRule rule = config.rule_for(promised, calendar, "", false);
    Duration warning = default_warning(promised);
    c.clock = Clock{};
    c.clock.deadline = promised.str();
    c.clock.calendar = rule.calendar->name();
    c.clock.zone = rule.zone->name();
    c.clock.warning = warning.str();
    c.clock.started = start;
    c.clock.due = compute_due(start, rule);
    c.clock.warn_at = warning_start(*c.clock.due, warning, rule);
}

DeadlineRule stored_rule(const Complaint& c, const Config& config) {
    return config.stored_rule(c.clock.deadline, c.clock.calendar, c.clock.zone, c.clock.roll);
}

void start_clock(Complaint& c, const Channel& channel, const Config& config, Instant start) {
    c.channel = channel.key;
    c.clock = Clock{};
    c.clock.started = start;
    if (!channel.deadline) return; // a channel without a deadline runs no clock
    DeadlineRule rule = config.rule_for(channel);
    Duration warning = channel.warning_or_default();
    c.clock.deadline = channel.deadline->str();
    c.clock.calendar = rule.calendar->name();
    c.clock.zone = rule.zone->name();
    c.clock.roll = rule.roll;
    c.clock.warning = warning.str();
    c.clock.due = compute_due(start, rule);
    c.clock.warn_at = warning_start(*c.clock.due, warning, rule);
}

Complaint file_complaint(Session& s, const Filing& f) {
    check_text("the title", f.title, field_limit, true);
    check_one_line("the title", f.title);
    check_text("--body", f.body, body_limit, false);
    for (auto [what, value] : {std::pair{"--against", &f.against},
                               {"--order", &f.order},
                               {"--product", &f.product},
                               {"--category", &f.category},
                               {"--want", &f.want},
                               {"--ref", &f.ref}})
        check_text(what, *value, field_limit, false);
    check_one_line("--against", f.against);
    check_one_line("--ref", f.ref);
    for (const auto& tag : f.tags)
        check_tag(tag);
    const Config& config = s.config();
    const Channel& channel =
        config.channel(f.channel.empty() ? config.default_channel() : f.channel);
    Complaint c;
    if (!f.amount.empty()) {
        Money m = parse_money(f.amount, config.currency());
        c.amount = m.minor;
        c.currency = m.currency;
    }
    Instant at = s.event_time(f.at);
    c.uuid = new_uuid();
    c.title = f.title;
    c.body = f.body;
    c.against = f.against;
    c.credit_code = credit_code("--credit-code", f.credit_code);
    c.order = f.order;
    c.product = f.product;
    c.category = f.category;
    c.want = f.want;
    c.tags = f.tags;
    std::sort(c.tags.begin(), c.tags.end());
    c.tags.erase(std::unique(c.tags.begin(), c.tags.end()), c.tags.end());
    c.ref = f.ref;
    c.state = State::open;
    c.level = 1;
    c.created = at;
    c.updated = s.now();
    start_clock(c, channel, config, at);

    Store& store = s.store(Store::Access::create); // the first complaint makes the store
    store.add_complaint(c);
    Event e{.complaint_id = c.id,
            .at = at,
            .recorded = s.now(),
            .kind = std::string(event_kind::filed),
            .text = fmt::format("filed with {}", channel.name),
            .new_value = channel.key,
            .due = c.clock.due};
    e.field = "channel";
    e.change = row_change(nullptr, c);
    store.add_event(e);
    return store.rebuild(c.id);
}

StateChanged change_state(Session& s, const StateChange& change) {
    check_text("-m", change.text, body_limit, false);
    const Config& config = s.config();
    Store& store = s.store(Store::Access::write);
    Complaint c = store.complaint(change.id);
    const Complaint before = c;
    State from = c.state;
    // An answered complaint takes another answer with a new promise: its follow-up replaces the
    // last, and cron flags the new due once, as a flag names the due it was raised for.
    Action action = action_for(change.word, from, !change.follow_up.empty());
    if (!change.recovered.empty() && action != Action::resolve)
        throw Error(Exit::usage,
                    tr("--recovered goes with resolve: it records what the dispute won back"));
    if (!change.follow_up.empty() && action != Action::answer)
        throw Error(Exit::usage, tr("--follow-up goes with answer: it is the deadline of what the "
                                    "channel promised in its answer"));
    std::optional<Duration> promised;
    if (!change.follow_up.empty()) promised = parse_duration(change.follow_up);
    Instant at = s.event_time(change.at, last_change(store, c));
    Event e{.complaint_id = c.id,
            .at = at,
            .recorded = s.now(),
            .text = change.text,
            .field = "state",
            .old_value = std::string(to_string(from))};
    e.kind = std::string(event_kind::state);
    switch (action) {
    case Action::answer:
        e.kind = std::string(event_kind::answered);
        if (promised) start_follow_up(c, *promised, config, at);
        break;
    case Action::pause:
        e.kind = std::string(event_kind::paused);
        c.clock.paused_at = at;
        break;
    case Action::resume:
        e.kind = std::string(event_kind::resumed);
        if (c.clock.due && c.clock.paused_at) {
            DeadlineRule rule = stored_rule(c, config);
            c.clock.due = extend_for_pause(*c.clock.due, *c.clock.paused_at, at, rule);
            c.clock.warn_at = warning_start(*c.clock.due, parse_duration(c.clock.warning), rule);
        }
        c.clock.paused_at.reset();
        break;
    case Action::reopen: {
        const Channel* channel = config.find_channel(c.channel);
        if (channel == nullptr)
            throw Error(Exit::not_found, trf("channel {} is no longer in the config: reopen it "
                                             "elsewhere with complain escalate {} --to CHANNEL",
                                             c.channel, c.id));
        start_clock(c, *channel, config, at);
        break;
    }
    case Action::resolve:
        if (!change.recovered.empty()) {
            Money m =
                parse_money(change.recovered, c.currency.empty() ? config.currency() : c.currency);
            if (!c.currency.empty() && m.currency != c.currency)
                throw Error(Exit::usage, trf("--recovered {}: the dispute is in {}",
                                             change.recovered, c.currency));
            c.recovered = m.minor;
            c.currency = m.currency;
        }
        break;
    case Action::drop:
        break;
    }
    c.state = target_of(action);
    // A follow-up runs until the next change of state: kept, given up or replaced.
    c.follow_up = action == Action::answer && promised;
    e.new_value = std::string(to_string(c.state));
    e.due = c.clock.due;
    e.change = row_change(&before, c);
    store.add_event(e);
    return {store.rebuild(c.id), e, from};
}

Escalation escalate(Session& s, const EscalationRequest& r) {
    check_text("-m", r.text, body_limit, false);
    const Config& config = s.config();
    Store& store = s.store(r.dry_run ? Store::Access::read : Store::Access::write);
    Complaint c = store.complaint(r.id);
    std::string to = r.to;
    if (to.empty()) {
        // Only the next rung needs the current channel: with --to, a complaint can leave a channel
        // that is no longer in the config.
        const Channel* current = config.find_channel(c.channel);
        if (current == nullptr)
            throw Error(Exit::not_found, trf("channel {} is no longer in the config: name where "
                                             "to escalate with --to",
                                             c.channel));
        if (current->next.empty())
            throw Error(Exit::usage,
                        trf("{} is the top of its ladder: name a channel with --to", c.channel));
        to = current->next;
    }
    const Channel& target = config.channel(to);
    if (target.key == c.channel)
        throw Error(Exit::usage, trf("complaint {} is already with {}", c.id, c.channel));
    Instant at = s.event_time(r.at, last_change(store, c));
    Escalation out{.from = c.channel};
    const Complaint before = c;
    c.level += 1;
    c.state = State::open;
    c.follow_up = false;
    start_clock(c, target, config, at);
    out.event = Event{.complaint_id = c.id,
                      .at = at,
                      .recorded = s.now(),
                      .kind = std::string(event_kind::escalated),
                      .text = r.text,
                      .field = "channel",
                      .old_value = out.from,
                      .new_value = target.key,
                      .due = c.clock.due};
    out.event.change = row_change(&before, c);
    if (!r.dry_run) {
        store.add_event(out.event);
        out.written = true;
        c = store.rebuild(c.id);
    }
    out.complaint = std::move(c);
    return out;
}

std::pair<Complaint, std::vector<Event>> edit_complaint(Session& s, const Edit& edit) {
    struct Field {
        const char* name;
        const std::optional<std::string>* value;
        std::string Complaint::*member;
        size_t limit;
    };
    std::optional<std::string> code; // checked and in upper case, as filing keeps it
    if (edit.credit_code) code = credit_code("--credit-code", *edit.credit_code);
    const Field fields[] = {
        {"title", &edit.title, &Complaint::title, field_limit},
        {"body", &edit.body, &Complaint::body, body_limit},
        {"against", &edit.against, &Complaint::against, field_limit},
        {"credit-code", &code, &Complaint::credit_code, field_limit},
        {"order", &edit.order, &Complaint::order, field_limit},
        {"product", &edit.product, &Complaint::product, field_limit},
        {"category", &edit.category, &Complaint::category, field_limit},
        {"want", &edit.want, &Complaint::want, field_limit},
        {"ref", &edit.ref, &Complaint::ref, field_limit},
    };
    for (const Field& f : fields) {
        if (!*f.value) continue;
        std::string what = fmt::format("--{}", f.name);
        check_text(what, **f.value, f.limit, f.member == &Complaint::title);
        if (f.member == &Complaint::title || f.member == &Complaint::against ||
            f.member == &Complaint::ref)
            check_one_line(what, **f.value);
    }
    for (const auto& tag : edit.add_tags)
        check_tag(tag);
    const Config& config = s.config();
    std::optional<Money> amount;
    if (edit.amount && !edit.amount->empty()) amount = parse_money(*edit.amount, config.currency());
    Store& store = s.store(Store::Access::write);
    Complaint c = store.complaint(edit.id);
    Instant at = s.event_time(edit.at, c.created);
    std::vector<Event> events;
    // One event per field changed, each carrying its change alone: `change` sets the field on c.
    auto record = [&](std::string field, std::string old_value, std::string new_value,
                      const auto& change) {
        const Complaint before = c;
        change();
        Event e{.complaint_id = c.id,
                .at = at,
                .recorded = s.now(),
                .kind = std::string(event_kind::edited),
                .field = std::move(field),
                .old_value = std::move(old_value),
                .new_value = std::move(new_value),
                .due = c.clock.due};
        e.text = fmt::format("{}: {} -> {}", e.field, e.old_value.empty() ? "(none)" : e.old_value,
                             e.new_value.empty() ? "(none)" : e.new_value);
        e.change = row_change(&before, c);
        events.push_back(std::move(e));
    };
    for (const Field& f : fields) {
        if (!*f.value || c.*f.member == **f.value) continue;
        record(f.name, c.*f.member, **f.value, [&] { c.*f.member = **f.value; });
    }
    if (edit.amount) {
        std::string old_text =
            c.amount ? format_amount(*c.amount, c.currency) + " " + c.currency : "";
        std::string new_text =
            amount ? format_amount(amount->minor, amount->currency) + " " + amount->currency : "";
        if (old_text != new_text)
            record("amount", old_text, new_text, [&] {
                c.amount = amount ? std::optional(amount->minor) : std::nullopt;
                if (amount)
                    c.currency = amount->currency;
                else if (!c.recovered)
                    c.currency.clear(); // nothing in dispute or recovered: no currency either
            });
    }
    std::vector<std::string> tags = c.tags;
    for (const auto& t : edit.remove_tags)
        std::erase(tags, t);
    for (const auto& t : edit.add_tags)
        if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
    std::sort(tags.begin(), tags.end());
    if (tags != c.tags)
        record("tags", fmt::format("{}", fmt::join(c.tags, ",")),
               fmt::format("{}", fmt::join(tags, ",")), [&] { c.tags = tags; });
    if (events.empty()) return {c, events};
    for (auto& e : events)
        store.add_event(e);
    return {store.rebuild(c.id), events};
}

Event add_note(Session& s, const NoteRequest& r) {
    check_text("the note", r.text, body_limit, true);
    if (r.kind != "note" && r.kind != "contact" && r.kind != "answer")
        throw Error(Exit::usage, trf("--kind {}: use note, contact or answer", r.kind));
    // The channel's answer is one thing however it is typed: the state moves to answered, the
    // clock stops and the complaint leaves the overdue list, as `status ID answer -m TEXT`.
    // Events of kind `answer` in older stores are still counted as answers by reports.
    if (!r.follow_up.empty() && r.kind != "answer")
        throw Error(Exit::usage,
                    tr("--follow-up goes with --kind answer: it is the deadline of what "
                       "the channel promised"));
    if (r.kind == "answer")
        return change_state(s, {.id = r.id,
                                .word = "answer",
                                .text = r.text,
                                .at = r.at,
                                .follow_up = r.follow_up})
            .event;
    Store& store = s.store(Store::Access::write);
    Complaint c = store.complaint(r.id);
    Instant at = s.event_time(r.at);
    Event e{.complaint_id = c.id, .at = at, .recorded = s.now(), .kind = r.kind, .text = r.text};
    e.due = c.clock.due;
    store.add_event(e);
    store.rebuild(c.id);
    return e;
}

} // namespace complain
