// Every list is answered through an index: the plans SQLite makes for the store's queries hold
// no full scan of a complaint or event table, whatever the store holds.
#include "complain/store/store.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace complain;

namespace {

const Instant now{std::chrono::seconds{1'790'000'000}};

// A full scan reads a table whole: "SCAN c" or "SCAN e", not "SCAN c USING INDEX ..." (a range
// of an index) nor "SCAN (subquery-1)" (the few rows a subquery made).
bool scans_a_table(const std::vector<std::string>& plan) {
    return std::any_of(plan.begin(), plan.end(), [](const std::string& step) {
        return step.starts_with("SCAN ") && !step.starts_with("SCAN (") &&
               step.find(" USING ") == std::string::npos;
    });
}

std::string text(const std::vector<std::string>& plan) {
    return fmt::format("{}", fmt::join(plan, " | "));
}

ComplaintFilter lists(bool overdue, bool due_soon, bool unflagged) {
    ComplaintFilter f;
    f.states = {State::open, State::answered, State::paused};
    f.late = ComplaintFilter::Lateness{
        .at = now, .overdue = overdue, .due_soon = due_soon, .unflagged = unflagged};
    return f;
}

} // namespace

TEST_CASE("cron's lists, status and one complaint are read through indexes") {
    auto store = Store::in_memory();
    struct Case {
        const char* what;
        ComplaintFilter filter;
        const char* index; // the index the plan must use
    };
    ComplaintFilter status;
    status.states = {State::open, State::answered, State::paused};
    const Case cases[] = {
        // The running clocks: open complaints and answered ones with a follow-up, in one index.
        {"report --overdue", lists(true, false, false), "complaint_running"},
        {"report --due-soon", lists(false, true, false), "complaint_running"},
        {"report --overdue --due-soon", lists(true, true, false), "complaint_running"},
        {"report --overdue --due-soon --new", lists(true, true, true), "complaint_running"},
        {"report --format ics", lists(false, false, false), "complaint_running"},
        // Cron's daily question reads only the deadlines not flagged yet.
        {"report --overdue --flag --new", lists(true, false, true), "complaint_unflagged"},
        {"status", status, "complaint_state_due"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> plan = store->plan_of_complaints(c.filter);
        CAPTURE(c.what);
        CAPTURE(text(plan));
        CHECK_FALSE(scans_a_table(plan));
        CHECK(std::any_of(plan.begin(), plan.end(), [&](const std::string& step) {
            return step.find(c.index) != std::string::npos;
        }));
    }
    // Cron's lists and the calendar come in deadline order straight from the index: nothing is
    // sorted after.
    for (ComplaintFilter f :
         {lists(true, false, false), lists(true, false, true), lists(false, false, false)}) {
        std::vector<std::string> plan = store->plan_of_complaints(f);
        CAPTURE(text(plan));
        CHECK(std::none_of(plan.begin(), plan.end(), [](const std::string& step) {
            return step.find("TEMP B-TREE") != std::string::npos;
        }));
    }

    // Their text table and calendar are read from the index alone: it holds every column those
    // read (a column added to Store::Fields::table or ::calendar must be added to the index).
    for (ComplaintFilter f : {lists(true, false, false), lists(false, true, false),
                              lists(true, true, true), lists(false, false, false)})
        for (Store::Fields fields :
             {Store::Fields::table, Store::Fields::calendar, Store::Fields::overdue_table}) {
            std::vector<std::string> plan = store->plan_of_complaints(f, fields);
            CAPTURE(text(plan));
            CHECK(std::any_of(plan.begin(), plan.end(), [](const std::string& step) {
                return step.find("USING COVERING INDEX complaint_running") != std::string::npos;
            }));
        }

    std::vector<std::string> one = store->plan_of_complaint();
    CAPTURE(text(one));
    CHECK_FALSE(scans_a_table(one));
    CHECK(std::any_of(one.begin(), one.end(), [](const std::string& step) {
        return step.find("event_timeline") != std::string::npos;
    }));
}

namespace {

// Whether a step reads table `alias` whole: "SCAN e", not "SEARCH e USING INTEGER PRIMARY KEY".
bool scans(const std::vector<std::string>& plan, std::string_view alias) {
    return std::any_of(plan.begin(), plan.end(), [&](const std::string& step) {
        std::string head = fmt::format("SCAN {}", alias);
        return (step == head || step.starts_with(head + " ")) &&
               step.find(" USING ") == std::string::npos &&
               step.find("VIRTUAL TABLE") == std::string::npos;
    });
}

bool uses(const std::vector<std::string>& plan, std::string_view what) {
    return std::any_of(plan.begin(), plan.end(), [&](const std::string& step) {
        return step.find(what) != std::string::npos;
    });
}

} // namespace

TEST_CASE("a search reads the timeline's text index, never every event") {
    auto store = Store::in_memory();
    ComplaintFilter f;
    f.states = {State::open, State::answered, State::paused};
    struct Case {
        const char* search;
        bool trigram; // three characters or more
    };
    // A Case, not a structured binding: doctest's CAPTURE takes it into a lambda, which clang 14
    // refuses for a binding.
    for (const Case& c : {Case{"工号 8812", true}, Case{"七天无理由", true}, Case{"工号", false},
                          Case{"退款", false}, Case{"ab", false}}) {
        const char* search = c.search;
        bool trigram = c.trigram;
        f.search = search;
        std::vector<std::string> plan = store->plan_of_complaints(f);
        CAPTURE(search);
        CAPTURE(text(plan));
        for (const char* table : {"e", "v", "x", "event", "evidence", "cancelled"})
            CHECK_FALSE(scans(plan, table));
        // Hits are mapped to their complaint through the primary keys of event and evidence.
        CHECK(uses(plan, "SEARCH e USING INTEGER PRIMARY KEY"));
        CHECK(uses(plan, "SEARCH v USING INTEGER PRIMARY KEY"));
        // Three characters or more: the trigram indexes; two: the timeline index's terms.
        CHECK(uses(plan, trigram ? "SCAN t VIRTUAL TABLE" : "timeline_terms VIRTUAL TABLE"));
        // The list itself through the states' index, as without a search.
        CHECK(uses(plan, "complaint_state_due"));
        CHECK_FALSE(scans(plan, "c"));
    }
}

TEST_CASE("a table of overdue complaints reads all its columns but when the warning began") {
    // A clock past its due is not due soon, whenever its warning began: the overdue table leaves
    // warn_at as a new Complaint has it (none), where the table of any list reads it.
    auto store = Store::in_memory();
    Complaint c;
    c.uuid = "uuid-late";
    c.title = "退款未到账";
    c.against = "某店";
    c.state = State::open;
    c.channel = "seller";
    c.created = c.updated = now - std::chrono::hours{72};
    c.clock.deadline = "48h";
    c.clock.due = now - std::chrono::hours{24};
    c.clock.warn_at = now - std::chrono::hours{36};
    store->add_complaint(c);
    store->commit();
    auto read = [&](Store::Fields fields) {
        std::vector<Complaint> out;
        store->each_listed(
            lists(true, false, false),
            [&](Complaint& one, std::optional<Instant>) { out.push_back(one); }, fields);
        return out;
    };
    std::vector<Complaint> table = read(Store::Fields::table);
    std::vector<Complaint> overdue = read(Store::Fields::overdue_table);
    REQUIRE(table.size() == 1);
    REQUIRE(overdue.size() == 1);
    CHECK(table[0].clock.warn_at == c.clock.warn_at);
    CHECK_FALSE(overdue[0].clock.warn_at);
    for (const Complaint& one : {table[0], overdue[0]}) {
        CHECK(one.title == c.title);
        CHECK(one.against == c.against);
        CHECK(one.channel == c.channel);
        CHECK(one.clock.due == c.clock.due);
        CHECK(one.clock.deadline == c.clock.deadline);
        CHECK(one.overdue(now));
        CHECK_FALSE(one.due_soon(now));
    }
}
