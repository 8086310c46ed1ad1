// `complain status [ID [STATE]]`: open work by due date, one complaint in full, or a state change.
#include "complain/app/lifecycle.hpp"
#include "complain/app/records.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/config/config.hpp"
#include "complain/domain/state.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

namespace {

bool is_id(std::string_view word) {
    return !word.empty() && word.find_first_not_of("0123456789") == std::string_view::npos;
}

// A state word checked before anything is opened, with the near miss named: `status 3 answr`.
void check_state_word(const std::string& word) {
    if (is_state_word(word)) return;
    std::vector<std::string> words;
    for (std::string_view w : state_words())
        words.emplace_back(w);
    std::string hint = did_you_mean(word, words);
    throw Error(Exit::usage,
                trf("'{}' is not a state{}: use answer, pause, resume, resolve, drop or "
                    "reopen (or answered, paused, open, resolved, dropped)",
                    word, hint.empty() ? "" : trf(" (did you mean '{}'?)", hint)));
}

} // namespace

Command status_command(CLI::App& parent) {
    struct Options {
        std::vector<std::string> words; // ids, then perhaps a state: the parser fills this alone
        std::string state;              // declared for help and completion
        std::string text, at, recovered, follow_up;
        Format format;
        FilterOptions filters;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "status", tr("List open complaints by due date, show some, or change their state"));
    app->add_option("id", o->words,
                    tr("Complaint ids: show them, or change their state (all in one transaction)"))
        ->type_name("ID");
    app->add_option("state", o->state,
                    tr("answer, pause, resume, resolve, drop or reopen (or the state: answered, "
                       "paused, open, resolved, dropped)"))
        ->type_name("STATE");
    app->add_option("-m,--message", o->text,
                    tr("Why, or what they said (recorded in the timeline)"))
        ->type_name("TEXT");
    app->add_option("--at", o->at, tr("When it happened (ISO 8601; default now)"))
        ->type_name("TIME");
    app->add_option("--recovered", o->recovered, tr("With resolve: the amount won back, as 120.00"))
        ->type_name("AMOUNT");
    app->add_option(
           "--follow-up", o->follow_up,
           tr("With answer: the deadline of what they promised (3d, 48h, 2wd); its clock "
              "runs until the next change of state; on an answered complaint, a new promise "
              "replaces the last"))
        ->type_name("DURATION");
    add_format_option(app, o->format, {Format::table, Format::json, Format::csv, Format::markdown});
    add_filter_options(app, o->filters);
    app->footer(examples({
        "complain status               # open work, soonest deadline first",
        "complain status 3             # one complaint with its timeline and evidence",
        "complain status 3 answer -m 'They offered 50%'",
        "complain status 3 answer -m '商家同意三天内退款' --follow-up 3d",
        "complain status 3 pause -m 'They asked for the unboxing video'",
        "complain status 3 resolve --recovered 199.00",
        "complain status 5 6 7 drop -m 'Duplicates of 4'",
        "complain status --all --format json",
    }));
    return {
        app, [o](Session& s) {
            Format format = o->format;
            std::vector<std::string> words = o->words;
            if (!o->state.empty()) words.push_back(o->state);
            if (words.empty()) {
                if (!o->text.empty() || !o->at.empty() || !o->recovered.empty())
                    throw Error(Exit::usage, tr("-m, --at and --recovered go with ID STATE"));
                if (!o->follow_up.empty())
                    throw Error(Exit::usage, tr("--follow-up goes with ID answer"));
                ComplaintFilter filter = make_filter(o->filters, s);
                // A search shows each complaint's matched lines: what it holds is what matched.
                print_listed(s, filter, format);
                return;
            }
            // The last word is the state to move to unless it is an id: `status 5 6 7 drop`.
            std::string state;
            if (words.size() > 1 && !is_id(words.back())) {
                state = words.back();
                words.pop_back();
                check_state_word(state);
            }
            for (const auto& w : words)
                if (!is_id(w) && is_state_word(w))
                    throw Error(Exit::usage,
                                trf("'{}' is a state, and the state goes last, after the "
                                    "ids: complain status ID... STATE",
                                    w));
            std::vector<std::int64_t> ids = parse_ids(words);
            if (state.empty()) {
                if (format == Format::csv || format == Format::markdown)
                    throw Error(Exit::usage, tr("--format csv and markdown are for lists; use json "
                                                "for complaints by id"));
                if (!o->text.empty() || !o->at.empty() || !o->recovered.empty())
                    throw Error(Exit::usage, tr("-m, --at and --recovered go with a STATE: "
                                                "complain status ID STATE -m TEXT"));
                if (!o->follow_up.empty())
                    throw Error(Exit::usage, tr("--follow-up goes with answer: complain status ID "
                                                "answer -m TEXT --follow-up 3d"));
                if (format != Format::json) s.out().page();
                nlohmann::ordered_json shown = nlohmann::ordered_json::array();
                for (std::int64_t id : ids) {
                    Record r = load_record(s, id);
                    if (format == Format::json)
                        shown.push_back(complaint_json(r.complaint, s, &r.events, &r.evidence));
                    else
                        s.out().raw((id == ids.front() ? "" : "\n") +
                                    complaint_detail(r.complaint, r.events, r.evidence, s));
                }
                // One complaint is one object, as it always was; several are an array.
                if (format == Format::json) s.out().json(ids.size() == 1 ? shown[0] : shown);
                return;
            }
            std::vector<StateChanged> changes;
            for (std::int64_t id : ids) {
                StateChange change{.id = id,
                                   .word = state,
                                   .text = o->text,
                                   .recovered = o->recovered,
                                   .follow_up = o->follow_up};
                if (!o->at.empty()) change.at = o->at;
                changes.push_back(
                    for_each_id_change(id, ids.size(), [&] { return change_state(s, change); }));
            }
            s.commit(); // all of them or none, before anything reads as done
            nlohmann::ordered_json changed = nlohmann::ordered_json::array();
            for (const StateChanged& done : changes) {
                if (format == Format::json) {
                    changed.push_back(complaint_json(done.complaint, s));
                    continue;
                }
                std::string extra;
                const Complaint& c = done.complaint;
                if (done.event.kind == event_kind::resumed && c.clock.due)
                    extra = trf(": due {}", format_minute(*c.clock.due, s.zone()));
                if (c.follow_up && c.clock.due)
                    extra = trf(": follow-up due {} ({})", format_minute(*c.clock.due, s.zone()),
                                terminal_text(c.clock.deadline));
                if (c.state == State::open && done.event.kind != event_kind::resumed && c.clock.due)
                    extra = trf(": due {} ({})", format_minute(*c.clock.due, s.zone()),
                                terminal_text(c.clock.deadline));
                s.out().line(trf("Complaint {}: {} -> {}{}", c.id, to_string(done.from),
                                 to_string(c.state), extra));
            }
            if (format == Format::json) s.out().json(ids.size() == 1 ? changed[0] : changed);
        }};
}

} // namespace complain
