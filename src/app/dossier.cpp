// The dossier of one complaint: what it says, gathered from the store and the config, as a
// Document that the output layer writes as Markdown or HTML.
#include "complain/app/dossier.hpp"

#include "complain/app/fields.hpp"
#include "complain/app/report.hpp"
#include "complain/app/views.hpp"
#include "complain/i18n.hpp"
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
        return trf("met: answered {}", written_moment(*st.answered, z));
    case Stint::Outcome::missed:
        return st.answered ? trf("missed: answered late, {}", written_moment(*st.answered, z))
                           : std::string(tr("missed: no answer by the due"));
    case Stint::Outcome::pending:
        return tr("pending: the clock is running");
    case Stint::Outcome::no_deadline:
        return st.answered ? trf("no deadline; answered {}", written_moment(*st.answered, z))
                           : std::string(tr("no deadline"));
    case Stint::Outcome::left_early:
        return tr("left before the due, unanswered");
    }
    return "";
}

// A channel's name as the document's language has it: a built-in name is "中文 / English", and
// a Chinese document gives only its Chinese half.
std::string channel_name(const Channel& ch) {
    return language() == Language::zh_CN ? ch.chinese_name() : ch.name;
}

Section complainant(const Config& config) {
    Section out{"complainant", tr("Complainant"), {}};
    const Complainant& me = config.me();
    std::vector<std::pair<std::string, std::string>> fields;
    for (auto [label, value] : {std::pair{tr("Name"), &me.name},
                                {tr("Phone"), &me.phone},
                                {tr("E-mail"), &me.email},
                                {tr("Address"), &me.address}})
        if (!value->empty()) fields.emplace_back(label, *value);
    if (fields.empty())
        out.blocks.push_back(paragraph(
            {{tr("Not set: add a [me] table (name, phone, email, address) to the config.")}}));
    else
        out.blocks.push_back(fields_block(std::move(fields)));
    return out;
}

// Who the complaint is against, and what is asked of them: the complaint's fields of each kind.
bool about_respondent(std::string_view key) {
    return key == "against" || key == "credit_code";
}
bool asked(std::string_view key) {
    return key == "want" || key == "amount";
}

// The fields of `c` that `pick` chooses, under their headings in the document's language.
std::vector<std::pair<std::string, std::string>> field_rows(const Complaint& c,
                                                            bool (*pick)(std::string_view)) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const ComplaintField& f : complaint_fields())
        if (!f.heading.empty() && pick(f.key))
            if (std::string value = f.text(c); !value.empty())
                rows.emplace_back(tr(f.heading.data()), std::move(value));
    return rows;
}

Section respondent(const Complaint& c) {
    auto rows = field_rows(c, about_respondent);
    if (rows.empty())
        return {
            "respondent", tr("Respondent"), {paragraph({{tr("Not recorded (edit --against).")}})}};
    return {"respondent", tr("Respondent"), {fields_block(std::move(rows))}};
}

Section facts(const Complaint& c, const Config& config, Zone z, Instant now) {
    std::vector<std::pair<std::string, std::string>> fields;
    auto fact = [&](std::string label, std::string value) {
        if (!value.empty()) fields.emplace_back(std::move(label), std::move(value));
    };
    fact(tr("Complaint"), trf("{} (UUID {})", c.id, c.uuid));
    fact(tr("Title"), c.title);
    fact(tr("State"), std::string(to_string(c.state)));
    for (auto& row :
         field_rows(c, [](std::string_view key) { return !about_respondent(key) && !asked(key); }))
        fields.push_back(std::move(row));
    fact(tr("Filed"), written_moment(c.created, z));
    const Channel* current = config.find_channel(c.channel);
    std::string at =
        trf("{}{}, level {}", current ? channel_name(*current) + " — " : "", c.channel, c.level);
    if (c.clock.due && c.state == State::open)
        at += c.overdue(now)
                  ? trf("; answer due {} ({}), OVERDUE", written_minute(*c.clock.due, z),
                        c.clock.deadline)
                  : trf("; answer due {} ({})", written_minute(*c.clock.due, z), c.clock.deadline);
    if (c.clock.due && c.follow_up) // answered with a promise, whose clock runs
        at += c.overdue(now) ? trf("; follow-up due {} ({} promised), OVERDUE",
                                   written_minute(*c.clock.due, z), c.clock.deadline)
                             : trf("; follow-up due {} ({} promised)",
                                   written_minute(*c.clock.due, z), c.clock.deadline);
    fact(tr("Now with"), at);
    return {"facts", tr("Facts"), {fields_block(std::move(fields))}};
}

Section request(const Complaint& c) {
    auto rows = field_rows(c, asked);
    if (rows.empty())
        return {"request", tr("What is asked"), {paragraph({{tr("Not recorded (edit --want).")}})}};
    return {"request", tr("What is asked"), {fields_block(std::move(rows))}};
}

Section ladder(const Complaint& c, const std::vector<Event>& events, const Config& config, Zone z,
               Instant now) {
    Table t({{tr("Level"), Fit::keep},
             {tr("Channel"), Fit::text},
             {tr("Started"), Fit::keep},
             {tr("Due"), Fit::keep},
             {tr("Deadline"), Fit::phrase}});
    for (const Stint& st : stints(c, events, now)) {
        const Channel* ch = config.find_channel(st.channel);
        std::string channel =
            ch ? fmt::format("{} — {}", channel_name(*ch), st.channel) : st.channel;
        if (ch && !ch->contact.empty()) channel += " (" + ch->contact + ")";
        t.add_row({{std::to_string(st.level)},
                   {channel},
                   {written_moment(st.start, z)},
                   {st.due ? written_minute(*st.due, z) : std::string(tr("none"))},
                   {outcome_text(st, z)}},
                  st.outcome == Stint::Outcome::met      ? "met"
                  : st.outcome == Stint::Outcome::missed ? "missed"
                                                         : "");
    }
    return {"ladder",
            tr("Channels and deadlines"),
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
    Table t({{tr("When"), Fit::keep}, {tr("What"), Fit::phrase}, {tr("Details"), Fit::text}});
    for (const Event& e : events) {
        std::string details = event_summary(e, s);
        if (e.kind == event_kind::note || e.kind == event_kind::contact ||
            e.kind == event_kind::answer || e.kind == event_kind::attached)
            details = e.text;
        if (e.recorded - e.at > std::chrono::hours(1))
            details += trf(" (recorded {})", written_moment(e.recorded, z));
        if (e.cancelled) {
            auto by = taken_back.find(e.uuid);
            details += by == taken_back.end()
                           ? std::string(tr(" (taken back by undo)"))
                           : trf(" (taken back by undo on {})", written_moment(by->second, z));
        }
        std::string what = event_kind_label(e.kind);
        t.add_row(
            {{written_moment(e.at, z)}, {e.cancelled ? trf("{} (undone)", what) : what}, {details}},
            e.cancelled                             ? "undone"
            : e.kind == event_kind::flagged_overdue ? "missed"
                                                    : "");
    }
    return {"timeline", tr("Timeline"), {table_block(std::move(t), {"when", "", ""})}};
}

// The list, and in HTML the images themselves (as data: URIs) under it.
Section evidence_section(Store& store, const std::vector<Evidence>& evidence, Zone z, bool html) {
    Section out{"evidence", tr("Evidence"), {}};
    if (evidence.empty()) {
        out.blocks.push_back(paragraph({{tr("None attached.")}}));
        return out;
    }
    Table t({{"#", Fit::keep},
             {tr("File"), Fit::text},
             {tr("Caption"), Fit::text},
             {tr("Proves"), Fit::text}, // 证明目的
             {tr("Type"), Fit::phrase},
             {tr("Size"), Fit::keep},
             {"SHA-256", Fit::keep},
             {tr("Added"), Fit::keep}});
    std::vector<Block> images, not_inlined;
    int n = 0;
    for (const Evidence& e : evidence) {
        ++n;
        t.add_row({{std::to_string(n)},
                   {e.name},
                   {e.caption},
                   {e.purpose},
                   {e.type},
                   {trf("{} ({} bytes){}", size_text(e.size), e.size,
                        e.content == "redacted" ? tr("; content redacted")
                        : e.content == "absent" ? tr("; content not in this store")
                                                : "")},
                   {e.sha256},
                   {written_moment(e.added, z)}});
        if (!html || !inlinable(e) || e.content != "kept") continue;
        if (e.size > inline_limit) {
            Block note = paragraph({{trf("{} is too large to show here; extract it with "
                                         "complain attach --extract.",
                                         e.name)}});
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
    d.title = trf("Complaint {}: {}", c.id, c.title);
    d.subtitle = trf("Prepared {} by complain {} from its store; every event is kept as "
                     "recorded and never edited.",
                     written_moment(now, z), COMPLAIN_VERSION);
    d.language = language() == Language::zh_CN ? "zh-CN" : "en";
    d.generator = std::string("complain ") + COMPLAIN_VERSION;
    d.sections.push_back(complainant(config));
    d.sections.push_back(respondent(c));
    d.sections.push_back(facts(c, config, z, now));
    if (!c.body.empty())
        d.sections.push_back({"statement", tr("Statement"), {verbatim_block(c.body)}});
    d.sections.push_back(request(c));
    // The ladder counts what stands; the timeline shows everything, what undo took back marked.
    std::vector<Event> standing = events;
    std::erase_if(standing, [](const Event& e) { return e.cancelled; });
    d.sections.push_back(ladder(c, standing, config, z, now));
    d.sections.push_back(timeline(events, s));
    d.sections.push_back(evidence_section(store, evidence, z, html));
    d.footer = {{tr("Each file's SHA-256 identifies its content: anyone can check a copy with ")},
                {"sha256sum", true},
                {tr(".")}};
    return d;
}

} // namespace

std::string dossier(Session& s, std::int64_t id, Format format, std::optional<Language> lang) {
    std::optional<LanguageScope> speaking;
    if (lang) speaking.emplace(*lang);
    Document d = gather(s, id, format == Format::html);
    return format == Format::html ? document_html(d) : document_markdown(d);
}

} // namespace complain
