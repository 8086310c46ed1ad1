// Letters: the templates (built-in and the user's), the facts a letter is filled with, and the
// `letter` event that records each one drafted.
#include "complain/app/letter.hpp"

#include "complain/app/report.hpp"
#include "complain/domain/deadline.hpp"
#include "complain/domain/money.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/letter_markup.hpp"
#include "complain/store/evidence.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <sstream>

namespace complain {
namespace {

using json = nlohmann::ordered_json;

constexpr size_t template_limit = 1 << 20; // bytes of a template file

// "2026-11-23 14:00" (format_minute, format_moment) as a Chinese letter writes it.
std::string chinese(const std::string& iso_minute, bool with_time) {
    int y = 0, m = 0, d = 0;
    char time[6] = {};
    if (std::sscanf(iso_minute.c_str(), "%d-%d-%d %5s", &y, &m, &d, time) < 3) return iso_minute;
    std::string day = fmt::format("{}年{}月{}日", y, m, d);
    return with_time ? fmt::format("{} {}", day, time) : day;
}

std::string english(const std::string& iso_minute, bool with_time) {
    static const char* const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    int y = 0, m = 0, d = 0;
    char time[6] = {};
    if (std::sscanf(iso_minute.c_str(), "%d-%d-%d %5s", &y, &m, &d, time) < 3 || m < 1 || m > 12)
        return iso_minute;
    std::string day = fmt::format("{} {} {}", d, months[m - 1], y);
    if (!with_time) return day;
    return std::string(time) == "24:00" ? fmt::format("the end of {}", day)
                                        : fmt::format("{}, {}", day, time);
}

// An instant in both languages: {"zh": ..., "en": ...} flattened into `key` and `key_en`.
void put_moment(json& j, const std::string& key, Instant t, Zone z, bool deadline = false) {
    std::string iso = deadline ? format_minute(t, z) : format_moment(t, z);
    j[key] = chinese(iso, true);
    j[key + "_en"] = english(iso, true);
    j[key + "_day"] = chinese(iso, false);
    j[key + "_day_en"] = english(iso, false);
}

std::string amount_zh(std::int64_t minor, const std::string& currency) {
    std::string n = format_amount(minor, currency);
    if (currency == "CNY") return fmt::format("人民币 {} 元", n);
    return fmt::format("{} {}", n, currency);
}

std::string channel_name(const Config& config, const std::string& key) {
    const Channel* ch = config.find_channel(key);
    return ch ? ch->name : key;
}

std::string channel_name_zh(const Config& config, const std::string& key) {
    return Channel::chinese_half(channel_name(config, key));
}

std::string first_comment(std::string_view text) {
    if (!text.starts_with("{{!")) return "";
    auto end = text.find("}}");
    if (end == std::string_view::npos) return "";
    std::string out(text.substr(3, end - 3));
    out.erase(0, out.find_first_not_of(" \n"));
    out.erase(out.find_last_not_of(" \n") + 1);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

std::string read_template(const std::filesystem::path& path, std::string_view what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error(Exit::usage, trf("{} {}: is a directory, not a template", what, path.string()));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(
            std::filesystem::exists(path, ec) ? Exit::permission : Exit::not_found,
            fmt::format("{} {}: {}", what, path.string(),
                        std::filesystem::exists(path, ec) ? "cannot be read" : "no such file"));
    std::stringstream text;
    text << in.rdbuf();
    std::string out = text.str();
    if (out.size() > template_limit)
        throw Error(Exit::usage, trf("{} {}: {} bytes; a template is at most {}", what,
                                     path.string(), out.size(), template_limit));
    if (!valid_utf8(out))
        throw Error(Exit::usage, trf("{} {}: not valid UTF-8", what, path.string()));
    return out;
}

std::filesystem::path templates_dir(Session& s) {
    return s.default_config_path().parent_path() / "templates";
}

bool names_file(std::string_view name) {
    return name.find('/') != std::string_view::npos || name.ends_with(".mustache");
}

// The template `name` names; `what` is where the name was given, for a file that cannot be read.
LetterTemplate choose_template(Session& s, const std::string& name,
                               std::string_view what = "--template") {
    if (names_file(name)) {
        LetterTemplate t{.name = std::filesystem::path(name).stem().string(), .source = name};
        t.text = read_template(name, what);
        return t;
    }
    // Only the template asked for is read: a broken file of another name does not stop a letter.
    std::filesystem::path own = templates_dir(s) / (name + ".mustache");
    std::error_code ec;
    if (!name.empty() && name.front() != '.' && std::filesystem::exists(own, ec)) {
        LetterTemplate t{.name = name, .source = own.string()};
        t.text = read_template(own, "template");
        return t;
    }
    for (const BuiltinTemplate& b : builtin_templates())
        if (b.name == name)
            return {.name = name, .source = "built-in", .text = std::string(b.text)};
    auto list = letter_templates(s);
    std::vector<std::string> names;
    for (const auto& t : list)
        names.push_back(t.name);
    std::string hint = did_you_mean(name, names);
    throw Error(Exit::not_found,
                hint.empty() ? trf("no letter template '{}' (known: {}; or a file: --template "
                                   "./mine.mustache)",
                                   name, fmt::join(names, ", "))
                             : trf("no letter template '{}'; did you mean '{}'?", name, hint));
}

// Whether a template writes Chinese: any character outside ASCII in what it says.
std::string language_of(std::string_view text) {
    bool ascii = std::all_of(text.begin(), text.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return ascii ? "en" : "zh-CN";
}

const char* zh_label(std::string_view kind) {
    if (kind == event_kind::filed) return "投诉";
    if (kind == event_kind::contact) return "联系";
    if (kind == event_kind::note) return "记录";
    if (kind == event_kind::answer || kind == event_kind::answered) return "答复";
    if (kind == event_kind::escalated) return "升级投诉";
    if (kind == event_kind::paused) return "暂停";
    if (kind == event_kind::resumed) return "恢复";
    if (kind == event_kind::flagged_overdue) return "逾期";
    return "状态";
}

const char* en_label(std::string_view kind) {
    if (kind == event_kind::filed) return "Complaint made";
    if (kind == event_kind::contact) return "Contact";
    if (kind == event_kind::note) return "Note";
    if (kind == event_kind::answer || kind == event_kind::answered) return "Answer";
    if (kind == event_kind::escalated) return "Escalated";
    if (kind == event_kind::paused) return "Paused";
    if (kind == event_kind::resumed) return "Resumed";
    if (kind == event_kind::flagged_overdue) return "Deadline missed";
    return "Status";
}

// One line of the timeline in both languages, or null for events a letter leaves out (edits,
// attachments: the evidence list has them, earlier letters, undo).
json timeline_item(const Event& e, const Config& config, Zone z) {
    std::string_view k = e.kind;
    if (k == event_kind::edited || k == event_kind::attached || k == event_kind::letter ||
        k == event_kind::retracted || k == event_kind::redacted)
        return nullptr;
    json j;
    put_moment(j, "at", e.at, z);
    j["kind"] = e.kind;
    j["label"] = zh_label(k);
    j["label_en"] = en_label(k);
    std::string zh = e.text, en = e.text;
    auto with_text = [&](std::string zh_head, std::string en_head) {
        zh = e.text.empty() ? zh_head : fmt::format("{}：{}", zh_head, e.text);
        en = e.text.empty() ? en_head : fmt::format("{}: {}", en_head, e.text);
    };
    if (k == event_kind::filed) {
        std::string name = channel_name(config, e.new_value);
        zh = fmt::format("向{}投诉", Channel::chinese_half(name));
        en = fmt::format("Complained to {}", name);
    } else if (k == event_kind::escalated) {
        std::string from = channel_name(config, e.old_value),
                    to = channel_name(config, e.new_value);
        with_text(fmt::format("{} 未解决，投诉至{}", Channel::chinese_half(from),
                              Channel::chinese_half(to)),
                  fmt::format("not resolved by {}; taken to {}", from, to));
    } else if (k == event_kind::answered && e.text.empty()) {
        zh = "对方已答复";
        en = "They answered";
    } else if (k == event_kind::flagged_overdue) {
        std::string due = e.due ? format_minute(*e.due, z) : "";
        // A follow-up's flag is a promise broken: the channel had answered.
        if (flags_follow_up(e)) {
            zh = fmt::format("未在{}前兑现承诺", chinese(due, true));
            en = fmt::format("promise not kept by {}", english(due, true));
        } else {
            zh = fmt::format("未在{}前答复", chinese(due, true));
            en = fmt::format("no answer by {}", english(due, true));
        }
    } else if (k == event_kind::state || k == event_kind::paused || k == event_kind::resumed) {
        with_text(fmt::format("{} → {}", e.old_value, e.new_value),
                  fmt::format("{} -> {}", e.old_value, e.new_value));
    }
    j["text"] = zh;
    j["text_en"] = en;
    j["is_contact"] = k == event_kind::contact;
    j["is_answer"] = k == event_kind::answer || k == event_kind::answered;
    return j;
}

} // namespace

std::string chinese_moment(Instant t, Zone z) {
    return chinese(format_moment(t, z), true);
}
std::string chinese_day(Instant t, Zone z) {
    return chinese(format_moment(t, z), false);
}
std::string english_moment(Instant t, Zone z) {
    return english(format_moment(t, z), true);
}
std::string english_day(Instant t, Zone z) {
    return english(format_moment(t, z), false);
}

std::vector<LetterTemplate> letter_templates(Session& s) {
    std::vector<LetterTemplate> out;
    for (const BuiltinTemplate& b : builtin_templates())
        out.push_back({.name = std::string(b.name),
                       .source = "built-in",
                       .text = std::string(b.text),
                       .description = first_comment(b.text)});
    std::filesystem::path dir = templates_dir(s);
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".mustache" && !entry.is_directory(ec))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        LetterTemplate t{.name = path.stem().string(), .source = path.string()};
        try {
            t.text = read_template(path, "template");
            t.description = first_comment(t.text);
        } catch (const Error& e) {
            t.description = e.what(); // listed all the same: --templates shows what is wrong
        }
        auto same = std::find_if(out.begin(), out.end(),
                                 [&](const LetterTemplate& b) { return b.name == t.name; });
        if (same != out.end()) {
            t.overrides = same->source;
            *same = std::move(t);
        } else {
            out.push_back(std::move(t));
        }
    }
    return out;
}

json templates_json(const std::vector<LetterTemplate>& list) {
    json out = json::array();
    for (const auto& t : list)
        out.push_back({{"name", t.name},
                       {"source", t.source},
                       {"overrides", t.overrides.empty() ? json(nullptr) : json(t.overrides)},
                       {"description", t.description}});
    return out;
}

Table templates_table(const std::vector<LetterTemplate>& list) {
    Table t({{tr("NAME"), Fit::keep}, {tr("SOURCE"), Fit::text}, {tr("DESCRIPTION"), Fit::text}});
    for (const auto& l : list)
        t.add_row(
            {{l.name},
             {l.overrides.empty() ? l.source
                                  : fmt::format("{} (replaces the {} one)", l.source, l.overrides)},
             {l.description}});
    return t;
}

std::string default_template(const Channel& ch) {
    if (!ch.letter_template.empty()) return ch.letter_template;
    if (ch.key.starts_with("12315")) return "12315-complaint";
    if (ch.kind == "association" || ch.key == "consumer-association") return "consumer-association";
    if (ch.kind == "court" || ch.key == "court") return "court";
    if (ch.calendar == "weekends" || ch.key == "cfpb") return "en-complaint";
    return "platform";
}

namespace {

// The template `channel` takes (its own `template`, else the one its kind gives). One that its
// `template` names and that cannot be had (none of that name, a file that cannot be read) is the
// config's mistake, reported where it was set.
LetterTemplate channel_template(Session& s, const Channel& channel) {
    try {
        return choose_template(s, default_template(channel), "template");
    } catch (const Error& e) {
        if (channel.letter_template.empty()) throw;
        throw Error(Exit::config,
                    fmt::format("{}: channels.{}.template: {}", channel.template_origin.str(),
                                channel.key, e.what()));
    }
}

} // namespace

void check_channel_templates(Session& s) {
    for (const Channel& channel : s.config().channels())
        if (!channel.letter_template.empty()) channel_template(s, channel);
}

json letter_model(const Complaint& c, const std::vector<Event>& events,
                  const std::vector<Evidence>& evidence, const Channel& to, const Config& config,
                  Instant now, bool anonymous) {
    Zone z = config.zone();
    json m;
    put_moment(m, "date", now, z);
    m["anonymous"] = anonymous;
    const Complainant& me = config.me();
    json who = {{"name", me.name},
                {"phone", me.phone},
                {"email", me.email},
                {"address", me.address},
                {"id_number", me.id_number}};
    bool any = !me.name.empty() || !me.phone.empty() || !me.email.empty() || !me.address.empty() ||
               !me.id_number.empty();
    m["me"] = anonymous || !any ? json(nullptr) : who;

    m["against"] = {{"name", c.against}, {"credit_code", c.credit_code}};
    if (c.against.empty() && c.credit_code.empty()) m["against"] = nullptr;

    json k = {{"id", std::to_string(c.id)},
              {"uuid", c.uuid},
              {"title", c.title},
              {"body", c.body},
              {"order", c.order},
              {"product", c.product},
              {"category", c.category},
              {"want", c.want},
              {"ref", c.ref},
              {"state", std::string(to_string(c.state))},
              {"level", std::to_string(c.level)}};
    if (c.amount) {
        k["amount"] = fmt::format("{} {}", format_amount(*c.amount, c.currency), c.currency);
        k["amount_zh"] = amount_zh(*c.amount, c.currency);
        k["amount_en"] = fmt::format("{} {}", c.currency, format_amount(*c.amount, c.currency));
    }
    put_moment(k, "filed", c.created, z);
    // When the dispute arose (消费纠纷发生时间): the earliest thing the record holds, the filing
    // or anything it says happened before. With nothing before the filing, the filing's day: that
    // the complaint was made at 14:00 does not say the dispute arose then.
    std::optional<Instant> arose;
    for (const Event& e : events)
        if (!e.cancelled && e.kind != event_kind::retracted && e.at < c.created &&
            (!arose || e.at < *arose))
            arose = e.at;
    if (arose) {
        k["arose"] = chinese_moment(*arose, z);
        k["arose_en"] = english_moment(*arose, z);
    } else {
        k["arose"] = chinese_day(c.created, z);
        k["arose_en"] = english_day(c.created, z);
    }
    k["arose_day"] = chinese_day(arose.value_or(c.created), z);
    k["arose_day_en"] = english_day(arose.value_or(c.created), z);
    m["complaint"] = std::move(k);

    auto channel_json = [&](const Channel& ch) {
        return json{{"key", ch.key},
                    {"name", ch.name},
                    {"kind", ch.kind},
                    {"contact", ch.contact},
                    {"name_zh", Channel::chinese_half(ch.name)},
                    {"law", ch.law}};
    };
    m["channel"] = channel_json(to);
    m["law"] = to.law;
    if (const Channel* current = config.find_channel(c.channel))
        m["current"] = channel_json(*current);
    // The answer this letter asks for: by the deadline the channel written to has from today.
    if (to.deadline) put_moment(m, "reply_by", compute_due(now, config.rule_for(to)), z, true);

    std::vector<Event> standing = events;
    std::erase_if(standing, [](const Event& e) { return e.cancelled; });
    // A flag speaks of the due it was raised for. Where no standing event set that due (undo
    // took back the answer that promised it, or the escalation that started its clock), it says
    // nothing true, and a letter leaves it out.
    auto set_by = [&](const Event& flag) -> const Event* {
        for (const Event& e : standing)
            if (e.due == flag.due && sets_due(e)) return &e;
        return nullptr;
    };
    std::erase_if(standing, [&](const Event& e) {
        return e.kind == event_kind::flagged_overdue && set_by(e) == nullptr;
    });
    json timeline = json::array(), contacts = json::array(), steps = json::array();
    json channels = json::array();
    for (const Event& e : standing) {
        json item = timeline_item(e, config, z);
        if (item.is_null()) continue;
        if (item["is_contact"].get<bool>() || item["is_answer"].get<bool>())
            contacts.push_back(item);
        else
            steps.push_back(item);
        timeline.push_back(std::move(item));
    }
    m["has_timeline"] = !timeline.empty();
    m["has_contacts"] = !contacts.empty();
    m["has_steps"] = !steps.empty();
    m["timeline"] = std::move(timeline);
    m["steps"] = std::move(steps);
    m["contacts"] = std::move(contacts);

    json missed = json::array();
    // A deadline missed at a channel (its key), due when: the fields every item has.
    auto missed_item = [&](const std::string& key, Instant due) {
        json item = {{"channel", channel_name(config, key)},
                     {"channel_zh", channel_name_zh(config, key)},
                     {"key", key}};
        put_moment(item, "due", due, z, true);
        return item;
    };
    for (const Stint& st : stints(c, standing, now)) {
        channels.push_back({{"key", st.channel},
                            {"name", channel_name(config, st.channel)},
                            {"name_zh", channel_name_zh(config, st.channel)}});
        if (st.outcome != Stint::Outcome::missed || !st.due) continue;
        json item = missed_item(st.channel, *st.due);
        if (st.answered) {
            put_moment(item, "answered", *st.answered, z);
            item["text"] =
                fmt::format("{}应于{}前答复，迟至{}才答复", item["channel_zh"].get<std::string>(),
                            item["due"].get<std::string>(), item["answered"].get<std::string>());
            item["text_en"] =
                fmt::format("{} was due to answer by {} and answered only on {}",
                            item["channel"].get<std::string>(), item["due_en"].get<std::string>(),
                            item["answered_en"].get<std::string>());
        } else {
            item["text"] =
                fmt::format("{}应于{}前答复，逾期未答复", item["channel_zh"].get<std::string>(),
                            item["due"].get<std::string>());
            item["text_en"] =
                fmt::format("{} was due to answer by {} and did not",
                            item["channel"].get<std::string>(), item["due_en"].get<std::string>());
        }
        missed.push_back(std::move(item));
    }
    // A promise broken (a follow-up flagged): the channel had answered, and what it promised by
    // its due did not come. Flags are kept whatever the templates are.
    for (const Event& flag : standing) {
        if (!flags_follow_up(flag) || !flag.due) continue;
        const Event* answer = set_by(flag);
        json item = missed_item(std::string(flagged_channel(flag)), *flag.due);
        std::string promised = answer ? answer->text : "";
        auto zh_channel = item["channel_zh"].get<std::string>(),
             en_channel = item["channel"].get<std::string>();
        auto zh_due = item["due"].get<std::string>(), en_due = item["due_en"].get<std::string>();
        item["text"] = promised.empty()
                           ? fmt::format("{}答复承诺于{}前处理，逾期未兑现", zh_channel, zh_due)
                           : fmt::format("{}答复承诺（{}），应于{}前兑现，逾期未兑现", zh_channel,
                                         promised, zh_due);
        item["text_en"] =
            promised.empty()
                ? fmt::format("{} promised in its answer to act by {} and did not", en_channel,
                              en_due)
                : fmt::format("{} promised in its answer ({}) by {} and did not keep it",
                              en_channel, promised, en_due);
        missed.push_back(std::move(item));
    }
    m["has_missed"] = !missed.empty();
    m["missed"] = std::move(missed);
    m["channels"] = std::move(channels);

    json list = json::array();
    int n = 0;
    for (const Evidence& e : evidence) {
        json item = {{"n", std::to_string(++n)},
                     {"name", e.name},
                     {"sha256", e.sha256},
                     {"type", e.type},
                     {"size", std::to_string(e.size)},
                     {"caption", e.caption},
                     {"purpose", e.purpose.empty() ? e.caption : e.purpose},
                     // Content removed by `complain redact`: the hash is all that is left, and
                     // the letter says so, since the file cannot be produced.
                     {"redacted", e.content == "redacted"}};
        put_moment(item, "added", e.added, z);
        list.push_back(std::move(item));
    }
    m["has_evidence"] = !list.empty();
    m["evidence"] = std::move(list);
    m["generator"] = std::string("complain ") + COMPLAIN_VERSION;
    return m;
}

Letter draft_letter(Session& s, const LetterRequest& r) {
    const Config& config = s.config();
    Store& store = s.store(r.dry_run ? Store::Access::read : Store::Access::write);
    Complaint c = store.complaint(r.id);
    const Channel* to = nullptr;
    if (!r.to.empty()) {
        to = &config.channel(r.to);
    } else {
        const Channel* current = config.find_channel(c.channel);
        if (current == nullptr)
            throw Error(Exit::not_found,
                        trf("channel {} is no longer in the config: name the channel "
                            "to write to with --to",
                            c.channel));
        to = current;
        if (r.next) {
            if (current->next.empty())
                throw Error(
                    Exit::usage,
                    trf("{} is the top of its ladder: name a channel with --to", c.channel));
            to = &config.channel(current->next);
        }
    }
    LetterTemplate t =
        r.template_name.empty() ? channel_template(s, *to) : choose_template(s, r.template_name);
    auto events = store.events(c.id);
    auto evidence = store.evidence(c.id);
    json model = letter_model(c, events, evidence, *to, config, s.now(), r.anonymous);
    std::string what = t.source == "built-in" ? t.name : t.source;
    bool html = r.format == Format::html;
    std::string markup = render_mustache(t.text, model, html, what);
    Letter out{.template_name = t.name, .template_source = t.source, .channel = to->key};
    if (html)
        out.text =
            markup_html(markup, fmt::format("{} — {}", c.title, t.name), language_of(t.text));
    else if (r.format == Format::markdown)
        out.text = markup;
    else
        out.text = markup_text(markup);
    Sha256 hash;
    hash.update(out.text.data(), out.text.size());
    out.sha256 = hash.hex();
    out.event = Event{.complaint_id = c.id,
                      .at = s.now(),
                      .recorded = s.now(),
                      .kind = std::string(event_kind::letter),
                      .text = fmt::format("letter to {} from template {} ({}), {}: sha256 {}",
                                          to->key, t.name, t.source,
                                          r.format == Format::table ? "text" : to_string(r.format),
                                          out.sha256),
                      .new_value = t.name,
                      .due = c.clock.due};
    if (!r.dry_run) {
        store.add_event(out.event);
        store.rebuild(c.id);
        out.recorded = true;
    }
    return out;
}

} // namespace complain
