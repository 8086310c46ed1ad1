// The dossier of one complaint: what it says, gathered from the store and the config, as a
// Document that the output layer writes as Markdown or HTML.
#include "complain/app/dossier.hpp"

#include "complain/app/fields.hpp"
#include "complain/app/report.hpp"
#include "complain/app/views.hpp"
#include "complain/output/document.hpp"
#include "complain/store/evidence.hpp"

#include <fmt/format.h>
#include <map>

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

Section complainant(const Config& config) {
    Section out{"complainant", "Complainant", {}};
    const Complainant& me = config.me();
    std::vector<std::pair<std::string, std::string>> fields;
    for (auto [label, value] : {std::pair{"Name", &me.name},
                                {"Phone", &me.phone},
                                {"E-mail", &me.email},
                                {"Address", &me.address}})
        if (!value->empty()) fields.emplace_back(label, *value);
    if (fields.empty())
        out.blocks.push_back(paragraph(
            {{"Not set: add a [me] table (name, phone, email, address) to the config."}}));
    else
        out.blocks.push_back(fields_block(std::move(fields)));
    return out;
}

Section facts(const Complaint& c, const Config& config, Zone z, Instant now) {
    std::vector<std::pair<std::string, std::string>> fields;
    auto fact = [&](std::string label, std::string value) {
        if (!value.empty()) fields.emplace_back(std::move(label), std::move(value));
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
    if (c.clock.due && c.follow_up) // answered with a promise, whose clock runs
        at += fmt::format("; follow-up due {} ({} promised){}", format_minute(*c.clock.due, z),
                          c.clock.deadline, c.overdue(now) ? ", OVERDUE" : "");
    fact("Now with", at);
    return {"facts", "Facts", {fields_block(std::move(fields))}};
}

Section ladder(const Complaint& c, const std::vector<Event>& events, const Config& config, Zone z,
               Instant now) {
    Table t({{"Level", Fit::keep},
             {"Channel", Fit::text},
             {"Started", Fit::keep},
             {"Due", Fit::keep},
             {"Deadline", Fit::phrase}});
    for (const Stint& st : stints(c, events, now)) {
        const Channel* ch = config.find_channel(st.channel);
        std::string channel = ch ? fmt::format("{} — {}", ch->name, st.channel) : st.channel;
        if (ch && !ch->contact.empty()) channel += " (" + ch->contact + ")";
        t.add_row({{std::to_string(st.level)},
                   {channel},
                   {format_moment(st.start, z)},
                   {st.due ? format_minute(*st.due, z) : "none"},
                   {outcome_text(st, z)}},
                  st.outcome == Stint::Outcome::met      ? "met"
                  : st.outcome == Stint::Outcome::missed ? "missed"
                                                         : "");
    }
    return {"ladder",
            "Channels and deadlines",
            {table_block(std::move(t), {"", "", "when", "when", ""})}};
}

Section timeline(const std::vector<Event>& events, Session& s) {
    Zone z = s.zone();
    // Which standing retraction took back each cancelled event, and when.
    std::map<std::string, Instant> taken_back;
    for (const Event& e : events)
        if (e.kind == event_kind::retracted && !e.cancelled)
            for (const std::string& uuid : e.retracts)
                taken_back[uuid] = e.at;
    Table t({{"When", Fit::keep}, {"What", Fit::phrase}, {"Details", Fit::text}});
    for (const Event& e : events) {
        std::string details = event_summary(e, s);
        if (e.kind == event_kind::note || e.kind == event_kind::contact ||
            e.kind == event_kind::answer || e.kind == event_kind::attached)
            details = e.text;
        if (e.recorded - e.at > std::chrono::hours(1))
            details += fmt::format(" (recorded {})", format_moment(e.recorded, z));
        if (e.cancelled) {
            auto by = taken_back.find(e.uuid);
            details += by == taken_back.end() ? " (taken back by undo)"
                                              : fmt::format(" (taken back by undo on {})",
                                                            format_moment(by->second, z));
        }
        t.add_row(
            {{format_moment(e.at, z)}, {e.cancelled ? e.kind + " (undone)" : e.kind}, {details}},
            e.cancelled                             ? "undone"
            : e.kind == event_kind::flagged_overdue ? "missed"
                                                    : "");
    }
    return {"timeline", "Timeline", {table_block(std::move(t), {"when", "", ""})}};
}

// The list, and in HTML the images themselves (as data: URIs) under it.
Section evidence_section(Store& store, const std::vector<Evidence>& evidence, Zone z, bool html) {
    Section out{"evidence", "Evidence", {}};
    if (evidence.empty()) {
        out.blocks.push_back(paragraph({{"None attached."}}));
        return out;
    }
    Table t({{"#", Fit::keep},
             {"File", Fit::text},
             {"Caption", Fit::text},
             {"Proves", Fit::text}, // 证明目的
             {"Type", Fit::phrase},
             {"Size", Fit::keep},
             {"SHA-256", Fit::keep},
             {"Added", Fit::keep}});
    std::vector<Block> images, not_inlined;
    int n = 0;
    for (const Evidence& e : evidence) {
        ++n;
        t.add_row({{std::to_string(n)},
                   {e.name},
                   {e.caption},
                   {e.purpose},
                   {e.type},
                   {fmt::format("{} ({} bytes){}", size_text(e.size), e.size,
                                e.content == "redacted" ? "; content redacted"
                                : e.content == "absent" ? "; content not in this store"
                                                        : "")},
                   {e.sha256},
                   {format_moment(e.added, z)}});
        if (!html || !inlinable(e) || e.content != "kept") continue;
        if (e.size > inline_limit) {
            Block note = paragraph({{e.name + " is too large to show here; extract it with "
                                              "complain attach --extract."}});
            note.html_only = true;
            not_inlined.push_back(std::move(note));
            continue;
        }
        std::string bytes;
        bytes.reserve(static_cast<size_t>(e.size));
        store.read_blob(e.sha256,
                        [&](std::string_view chunk) { bytes.append(chunk.data(), chunk.size()); });
        Block figure;
        figure.kind = Block::Kind::figure;
        figure.text = fmt::format("data:{};base64,{}", e.type, base64(bytes));
        figure.alt = e.name;
        figure.inlines = {{e.name + (e.caption.empty() ? "" : " — " + e.caption)}};
        figure.code = "SHA-256 " + e.sha256;
        images.push_back(std::move(figure));
    }
    out.blocks.push_back(table_block(std::move(t), {"", "", "", "", "", "when", "hash", "when"}));
    for (auto* list : {&images, &not_inlined})
        for (Block& b : *list)
            out.blocks.push_back(std::move(b));
    return out;
}

Document gather(Session& s, std::int64_t id, bool html) {
    Store& store = s.store(Store::Access::read);
    Complaint c = store.complaint(id);
    auto events = store.events(id);
    auto evidence = store.evidence(id);
    const Config& config = s.config();
    Zone z = s.zone();
    Instant now = s.now();
    Document d;
    d.title = fmt::format("Complaint {}: {}", c.id, c.title);
    d.subtitle = fmt::format("Prepared {} by complain {} from its store; every event is kept as "
                             "recorded and never edited.",
                             format_moment(now, z), COMPLAIN_VERSION);
    d.generator = std::string("complain ") + COMPLAIN_VERSION;
    d.sections.push_back(complainant(config));
    d.sections.push_back(facts(c, config, z, now));
    if (!c.body.empty()) d.sections.push_back({"statement", "Statement", {verbatim_block(c.body)}});
    // The ladder counts what stands; the timeline shows everything, what undo took back marked.
    std::vector<Event> standing = events;
    std::erase_if(standing, [](const Event& e) { return e.cancelled; });
    d.sections.push_back(ladder(c, standing, config, z, now));
    d.sections.push_back(timeline(events, s));
    d.sections.push_back(evidence_section(store, evidence, z, html));
    d.footer = {{"Each file's SHA-256 identifies its content: anyone can check a copy with "},
                {"sha256sum", true},
                {"."}};
    return d;
}

} // namespace

std::string dossier(Session& s, std::int64_t id, Format format) {
    Document d = gather(s, id, format == Format::html);
    return format == Format::html ? document_html(d) : document_markdown(d);
}

} // namespace complain
