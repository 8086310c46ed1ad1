// The dossier of one complaint: what it says, gathered from the store and the config.
#include "complain/app/dossier.hpp"

#include "complain/app/dossier_document.hpp"
#include "complain/app/fields.hpp"
#include "complain/app/report.hpp"
#include "complain/app/views.hpp"
#include "complain/store/evidence.hpp"

#include <fmt/format.h>

namespace complain {
namespace {

// Image evidence larger than this is listed but not inlined: a dossier has to open in a browser.
constexpr std::int64_t inline_limit = 20 << 20;

bool inlinable(const Evidence& e) {
    return e.type == "image/png" || e.type == "image/jpeg" || e.type == "image/gif" ||
           e.type == "image/webp";
}

std::string outcome_text(const Stint& st, Zone z) {
    switch (st.outcome) {
    case Stint::Outcome::met:
        return fmt::format("met: answered {}", format_moment(*st.answered, z));
    case Stint::Outcome::missed:
        return st.answered
                   ? fmt::format("missed: answered late, {}", format_moment(*st.answered, z))
                   : "missed: no answer by the due";
    case Stint::Outcome::pending:
        return "pending: the clock is running";
    case Stint::Outcome::no_deadline:
        return st.answered ? fmt::format("no deadline; answered {}", format_moment(*st.answered, z))
                           : "no deadline";
    case Stint::Outcome::left_early:
        return "left before the due, unanswered";
    }
    return "";
}

DossierDocument gather(Session& s, std::int64_t id, bool html) {
    Store& store = s.store(Store::Access::read);
    Complaint c = store.complaint(id);
    auto events = store.events(id);
    auto evidence = store.evidence(id);
    const Config& config = s.config();
    Zone z = s.zone();
    Instant now = s.now();
    DossierDocument d;
    d.title = fmt::format("Complaint {}: {}", c.id, c.title);
    d.prepared = fmt::format("Prepared {} by complain {} from its store; every event is kept as "
                             "recorded and never edited.",
                             format_moment(now, z), COMPLAIN_VERSION);

    const Complainant& me = config.me();
    for (auto [label, value] : {std::pair{"Name", &me.name},
                                {"Phone", &me.phone},
                                {"E-mail", &me.email},
                                {"Address", &me.address}})
        if (!value->empty()) d.me.emplace_back(label, *value);

    auto fact = [&](std::string label, std::string value) {
        if (!value.empty()) d.facts.emplace_back(std::move(label), std::move(value));
    };
    fact("Complaint", fmt::format("{} (UUID {})", c.id, c.uuid));
    fact("Title", c.title);
    fact("State", std::string(to_string(c.state)));
    for (const ComplaintField& f : complaint_fields())
        if (!f.heading.empty()) fact(std::string(f.heading), f.text(c));
    fact("Filed", format_moment(c.created, z));
    const Channel* current = config.find_channel(c.channel);
    std::string at =
        fmt::format("{}{}, level {}", current ? current->name + " — " : "", c.channel, c.level);
    if (c.clock.due && c.state == State::open)
        at += fmt::format("; answer due {} ({}){}", format_minute(*c.clock.due, z),
                          c.clock.deadline, c.overdue(now) ? ", OVERDUE" : "");
    fact("Now with", at);
    d.statement = c.body;

    d.ladder = Table({{"Level", Fit::keep},
                      {"Channel", Fit::text},
                      {"Started", Fit::keep},
                      {"Due", Fit::keep},
                      {"Deadline", Fit::phrase}});
    for (const Stint& st : stints(c, events, now)) {
        const Channel* ch = config.find_channel(st.channel);
        std::string channel = ch ? fmt::format("{} — {}", ch->name, st.channel) : st.channel;
        if (ch && !ch->contact.empty()) channel += " (" + ch->contact + ")";
        d.ladder.add_row({{std::to_string(st.level)},
                          {channel},
                          {format_moment(st.start, z)},
                          {st.due ? format_minute(*st.due, z) : "none"},
                          {outcome_text(st, z)}},
                         st.outcome == Stint::Outcome::met      ? "met"
                         : st.outcome == Stint::Outcome::missed ? "missed"
                                                                : "");
    }

    d.timeline = Table({{"When", Fit::keep}, {"What", Fit::phrase}, {"Details", Fit::text}});
    for (const Event& e : events) {
        std::string details = event_summary(e, s);
        if (e.kind == event_kind::note || e.kind == event_kind::contact ||
            e.kind == event_kind::answer || e.kind == event_kind::attached)
            details = e.text;
        if (e.recorded - e.at > std::chrono::hours(1))
            details += fmt::format(" (recorded {})", format_moment(e.recorded, z));
        d.timeline.add_row({{format_moment(e.at, z)}, {e.kind}, {details}},
                           e.kind == event_kind::flagged_overdue ? "missed" : "");
    }

    d.evidence = Table({{"#", Fit::keep},
                        {"File", Fit::text},
                        {"Caption", Fit::text},
                        {"Type", Fit::phrase},
                        {"Size", Fit::keep},
                        {"SHA-256", Fit::keep},
                        {"Added", Fit::keep}});
    int n = 0;
    for (const Evidence& e : evidence) {
        ++n;
        d.evidence.add_row({{std::to_string(n)},
                            {e.name},
                            {e.caption},
                            {e.type},
                            {fmt::format("{} ({} bytes)", size_text(e.size), e.size)},
                            {e.sha256},
                            {format_moment(e.added, z)}});
        if (!html || !inlinable(e)) continue;
        if (e.size > inline_limit) {
            d.not_inlined.push_back(e.name);
            continue;
        }
        std::string bytes;
        bytes.reserve(static_cast<size_t>(e.size));
        read_blob(store, e.sha256,
                  [&](std::string_view chunk) { bytes.append(chunk.data(), chunk.size()); });
        d.images.push_back({e.name, e.caption, e.type, e.sha256,
                            fmt::format("data:{};base64,{}", e.type, base64(bytes))});
    }
    return d;
}

} // namespace

std::string dossier(Session& s, std::int64_t id, Format format) {
    DossierDocument d = gather(s, id, format == Format::html);
    return format == Format::html ? dossier_html(d) : dossier_markdown(d);
}

} // namespace complain
