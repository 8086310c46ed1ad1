// Reports: the stints of a complaint at its channels, and cron's overdue lists with their flags.
#include "complain/app/report.hpp"

#include "complain/app/lifecycle.hpp"
#include "complain/app/views.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/i18n.hpp"

#include <fmt/format.h>

namespace complain {
namespace {

bool is_answer(const Event& e) {
    return e.kind == event_kind::answered || e.kind == event_kind::answer ||
           (e.kind == event_kind::state && e.new_value == to_string(State::resolved));
}

bool starts_clock(const Event& e) {
    return e.kind == event_kind::filed || e.kind == event_kind::escalated ||
           (e.kind == event_kind::state && e.new_value == to_string(State::open));
}

// How a follow-up's flag starts (flags_follow_up reads it back).
constexpr std::string_view follow_up_flag = "follow-up overdue at ";

std::string flag_text(const Complaint& c, Session& s) {
    std::string due = format_minute(*c.clock.due, s.zone());
    // Recorded in the timeline: the same words whatever language the command spoke.
    if (c.follow_up) return fmt::format("{}{}: promised by {}", follow_up_flag, c.channel, due);
    return fmt::format("overdue at {}: due {}", c.channel, due);
}

} // namespace

bool flags_follow_up(const Event& e) {
    return e.kind == event_kind::flagged_overdue && e.text.starts_with(follow_up_flag);
}

std::string_view flagged_channel(const Event& e) {
    // "follow-up overdue at KEY: promised by ..." or "overdue at KEY: due ..." (flag_text).
    std::string_view text = e.text;
    size_t at = text.find(" at ");
    if (e.kind != event_kind::flagged_overdue || at == std::string_view::npos) return {};
    text.remove_prefix(at + 4);
    return text.substr(0, text.find(':'));
}

bool sets_due(const Event& e) {
    return e.kind == event_kind::filed || e.kind == event_kind::escalated ||
           e.kind == event_kind::answered || e.kind == event_kind::resumed ||
           e.kind == event_kind::state;
}

std::string_view to_string(Stint::Outcome o) {
    switch (o) {
    case Stint::Outcome::met:
        return "met";
    case Stint::Outcome::missed:
        return "missed";
    case Stint::Outcome::pending:
        return "pending";
    case Stint::Outcome::no_deadline:
        return "no deadline";
    case Stint::Outcome::left_early:
        return "left before due";
    }
    return "";
}

std::vector<Stint> stints(const Complaint& c, const std::vector<Event>& events, Instant now) {
    std::vector<Stint> out;
    Instant paused_at = Instant::min(); // when the last stint was paused; min: it was not
    for (const Event& e : events) {
        if (starts_clock(e)) {
            if (!out.empty() && !out.back().end) out.back().end = e.at;
            Stint st{.channel = e.new_value, .start = e.at, .due = e.due};
            if (e.kind == event_kind::filed && st.channel.empty()) st.channel = c.channel;
            if (e.kind == event_kind::state && !out.empty()) st.channel = out.back().channel;
            st.level = out.empty() ? 1 : out.back().level + (e.kind == event_kind::escalated);
            out.push_back(std::move(st));
            paused_at = Instant::min();
            continue;
        }
        if (out.empty()) continue;
        Stint& st = out.back();
        if (e.kind == event_kind::resumed) {
            if (!st.answered) st.due = e.due;
            paused_at = Instant::min();
        } else if (e.kind == event_kind::paused) {
            paused_at = e.at;
        } else if (is_answer(e)) {
            if (!st.answered) st.answered = e.at;
        } else if (e.kind == event_kind::state && e.new_value == to_string(State::dropped)) {
            if (!st.end) st.end = e.at;
        }
    }
    for (size_t i = 0; i < out.size(); ++i) {
        Stint& st = out[i];
        bool current = i + 1 == out.size() && !st.end;
        if (current && !st.answered) st.due = c.clock.due;
        if (!st.due) {
            st.outcome = Stint::Outcome::no_deadline;
        } else if (st.answered) {
            st.outcome = *st.answered <= *st.due ? Stint::Outcome::met : Stint::Outcome::missed;
        } else if (st.end) {
            st.outcome = *st.end >= *st.due ? Stint::Outcome::missed : Stint::Outcome::left_early;
        } else if (c.state == State::open) {
            st.outcome = now >= *st.due ? Stint::Outcome::missed : Stint::Outcome::pending;
        } else if (c.state == State::paused && paused_at >= *st.due) {
            st.outcome = Stint::Outcome::missed; // paused only after the due had passed
        } else {
            st.outcome = Stint::Outcome::pending;
        }
    }
    return out;
}

ListResult report_list(Session& s, const ListRequest& r, Format format) {
    s.store(r.flag ? Store::Access::write : Store::Access::read);
    Instant now = s.now();
    ComplaintFilter filter = r.filter;
    // A calendar holds the running clocks only, which their own index gives in due order.
    if (r.overdue || r.due_soon || format == Format::ics)
        filter.late = ComplaintFilter::Lateness{
            .at = now, .overdue = r.overdue, .due_soon = r.due_soon, .unflagged = r.only_new};
    ListResult out;
    // Printed as read; only the flags wait for the end, the list's newly overdue complaints.
    out.listed = print_listed(s, filter, format, [&](const Complaint& c) {
        if (r.flag && !c.flagged && c.overdue(now))
            out.to_flag.push_back(Event{.complaint_id = c.id,
                                        .at = now,
                                        .recorded = now,
                                        .kind = std::string(event_kind::flagged_overdue),
                                        .text = flag_text(c, s),
                                        .due = c.clock.due});
    });
    return out;
}

int record_flags(Session& s, const ListResult& list) {
    // Nothing new to flag leaves the store as it was (and a store that did not exist, absent).
    if (list.to_flag.empty()) return 0;
    Store& store = s.store(Store::Access::write);
    for (Event e : list.to_flag)
        store.add_flag(e);
    store.commit();
    return static_cast<int>(list.to_flag.size());
}

} // namespace complain
