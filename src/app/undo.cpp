// Undo: the last command that changed a complaint, taken back by one `retracted` event per
// complaint it touched; and the list of recent commands with whether each still stands.
#include "complain/app/undo.hpp"

#include "complain/domain/history.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

namespace complain {
namespace {

bool undoable(const Event& e) {
    return e.kind != event_kind::flagged_overdue && e.kind != event_kind::redacted;
}

// The events of `command` on complaint `id` that undo can take back; a command recorded before
// schema 2 (no command) is the one event `event_id`.
std::vector<Event> events_of(Store& store, std::int64_t id, const Store::RecentCommand& command) {
    std::vector<Event> out;
    for (Event& e : store.events(id))
        if (undoable(e) &&
            (command.command.empty() ? e.id == command.last_event : e.command == command.command))
            out.push_back(std::move(e));
    return out;
}

std::string shortened(std::string_view text, size_t limit) {
    std::string one(text.substr(0, text.find('\n')));
    if (one.size() <= limit && one.size() == text.size()) return one;
    size_t cut = std::min(limit, one.size());
    while (cut > 0 && (static_cast<unsigned char>(one[cut]) & 0xC0) == 0x80)
        --cut; // never inside a UTF-8 sequence
    return one.substr(0, cut) + "...";
}

std::string describe(const Event& e) {
    if (e.kind == event_kind::filed) return "filed";
    if (e.kind == event_kind::state)
        return fmt::format("{} ({} -> {})", e.new_value, e.old_value, e.new_value);
    if (e.kind == event_kind::answered || e.kind == event_kind::paused ||
        e.kind == event_kind::resumed || e.kind == event_kind::escalated)
        return fmt::format("{} ({} -> {})", e.kind, e.old_value, e.new_value);
    if (e.kind == event_kind::note || e.kind == event_kind::contact || e.kind == event_kind::answer)
        return fmt::format("{} \"{}\"", e.kind, shortened(e.text, 40));
    if (e.kind == event_kind::attached) {
        // "name (size, type, sha256 ...)": the name is what comes before the last parenthesis.
        auto paren = e.text.rfind(" (");
        return "attached " + (paren == std::string::npos ? e.text : e.text.substr(0, paren));
    }
    return e.kind;
}

} // namespace

std::string describe_events(const std::vector<Event>& events) {
    std::vector<std::string> parts;
    std::vector<std::string> edited;
    bool retractions = !events.empty();
    for (const Event& e : events)
        retractions = retractions && e.kind == event_kind::retracted;
    if (retractions) {
        // Undo of an undo redoes; undo of a redo undoes again.
        for (const Event& e : events) {
            std::string_view t = e.text;
            bool was_undo = !t.starts_with("redo: ");
            if (t.starts_with("undo: ") || t.starts_with("redo: ")) t.remove_prefix(6);
            parts.push_back(fmt::format("{}{}", was_undo ? "redo: " : "undo: ", t));
        }
        return fmt::format("{}", fmt::join(parts, "; "));
    }
    for (const Event& e : events) {
        if (e.kind == event_kind::edited) {
            // An evidence's purpose by its file's name, as the edit's text gives it ("purpose of
            // NAME (sha256 ...): ..."), not by the field's SHA-256.
            std::string field = e.field;
            if (field.starts_with("purpose:"))
                if (size_t end = e.text.find(" (sha256 "); end != std::string::npos)
                    field = e.text.substr(0, end);
            if (std::find(edited.begin(), edited.end(), field) == edited.end())
                edited.push_back(field);
            continue;
        }
        parts.push_back(describe(e));
    }
    if (!edited.empty()) parts.push_back(fmt::format("edited {}", fmt::join(edited, ", ")));
    return fmt::format("{}", fmt::join(parts, ", "));
}

Undone undo(Session& s, const UndoRequest& r) {
    Store& store = s.store(r.dry_run ? Store::Access::read : Store::Access::write);
    if (r.id && !store.find_complaint(*r.id))
        throw Error(Exit::not_found, trf("no complaint {}", *r.id));
    auto recent = store.recent_commands(r.id, 1);
    if (recent.empty())
        throw Error(Exit::not_found,
                    r.id
                        ? trf("nothing to undo on complaint {}: no change of it is recorded", *r.id)
                        : std::string(tr("nothing to undo: the store records no change")));
    const Store::RecentCommand& command = recent.front();
    std::vector<std::int64_t> ids = r.id ? std::vector{*r.id} : command.complaints;
    if (command.command.empty()) {
        std::int64_t id = ids.empty() ? 0 : ids.front();
        auto events = events_of(store, id, command);
        throw Error(Exit::usage,
                    trf("the last change{} ({}, recorded {}) was recorded before complain "
                        "could undo, and cannot be taken back; correct it instead (complain "
                        "edit {} ..., or complain status {} STATE)",
                        r.id ? "" : trf(" of complaint {}", id), describe_events(events),
                        format_minute(command.recorded, s.zone()), id, id));
    }
    Undone out{.command = command.command, .recorded = command.recorded};
    Instant now = s.now();
    for (std::int64_t id : ids) {
        std::vector<Event> all = store.events(id);
        std::vector<Event> mine;
        for (const Event& e : all)
            if (undoable(e) && e.command == command.command) mine.push_back(e);
        if (mine.empty()) continue;
        TakenBack t{.id = id};
        t.before = *store.find_complaint(id);
        t.what = describe_events(mine);
        out.redo = mine.front().kind == event_kind::retracted;
        t.retraction = Event{.uuid = new_uuid(),
                             .complaint_id = id,
                             .at = now,
                             .recorded = now,
                             .kind = std::string(event_kind::retracted)};
        t.retraction.text = out.redo ? t.what : "undo: " + t.what;
        for (const Event& e : mine)
            t.retraction.retracts.push_back(e.uuid);
        if (out.redo) {
            // Another undo of the same events that still stands (one merged from another
            // machine) would keep them undone: a redo takes it back too, so that it does what
            // it says.
            std::set<std::string> targets;
            for (const Event& e : mine)
                targets.insert(e.retracts.begin(), e.retracts.end());
            for (const Event& e : all)
                if (e.kind == event_kind::retracted && !e.cancelled &&
                    e.command != command.command &&
                    std::any_of(e.retracts.begin(), e.retracts.end(),
                                [&](const std::string& u) { return targets.contains(u); }))
                    t.retraction.retracts.push_back(e.uuid);
        }
        // The row it gives, replayed in memory: a dry run writes nothing, and the retraction
        // records the deadline in force after it, as every event does.
        all.push_back(t.retraction);
        Replayed replayed = replay(std::move(all));
        t.after = replayed.row;
        t.after.id = id;
        t.after.uuid = t.before.uuid;
        t.retraction.due = t.after.clock.due;
        t.cancelled = mine;
        out.complaints.push_back(std::move(t));
    }
    if (!r.dry_run) {
        for (TakenBack& t : out.complaints) {
            store.add_event(t.retraction);
            t.after = store.rebuild(t.id);
        }
        out.written = true;
    }
    return out;
}

std::vector<RecentChange> recent_changes(Session& s, std::optional<std::int64_t> id, int limit) {
    Store& store = s.store(Store::Access::read);
    if (id && !store.find_complaint(*id)) throw Error(Exit::not_found, trf("no complaint {}", *id));
    std::vector<RecentChange> out;
    for (const Store::RecentCommand& c : store.recent_commands(id, limit)) {
        RecentChange change{.command = c.command, .recorded = c.recorded, .complaints = {}};
        std::vector<Event> events;
        for (std::int64_t cid : c.complaints) {
            if (id && cid != *id) continue;
            change.complaints.push_back(cid);
            for (Event& e : events_of(store, cid, c))
                events.push_back(std::move(e));
        }
        std::size_t cancelled = 0;
        for (const Event& e : events) {
            if (std::find(change.kinds.begin(), change.kinds.end(), e.kind) == change.kinds.end())
                change.kinds.push_back(e.kind);
            cancelled += e.cancelled;
        }
        // What the command did: an undo's own words ("undo: ..."), not what undoing it would do.
        bool retractions =
            !events.empty() && std::all_of(events.begin(), events.end(), [](const Event& e) {
                return e.kind == event_kind::retracted;
            });
        std::vector<std::string> texts;
        for (const Event& e : events)
            if (std::find(texts.begin(), texts.end(), e.text) == texts.end())
                texts.push_back(e.text);
        change.what =
            retractions ? fmt::format("{}", fmt::join(texts, "; ")) : describe_events(events);
        change.standing = cancelled == 0               ? N_("stands")
                          : cancelled == events.size() ? N_("undone")
                                                       : N_("partly undone");
        out.push_back(std::move(change));
    }
    return out;
}

} // namespace complain
