// Summaries per channel, state, category and currency: the numbers, their data forms (JSON, tidy
// CSV) and how people read them (tables fitted to the terminal, Markdown, a bar chart).
#pragma once

#include "complain/app/session.hpp"
#include "complain/config/config.hpp"
#include "complain/domain/complaint.hpp"
#include "complain/output/output.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace complain {

struct ChannelSummary {
    std::string key;
    std::string name;
    Unit unit = Unit::hours; // of the channel's deadline: the median is counted in it
    int filed = 0;           // stints at the channel: filed, escalated to, or reopened there
    int open = 0;            // complaints now at the channel in state open
    int answered = 0;        // stints in which the channel answered
    int in_time = 0;         // ... at or before the due in force
    int decided = 0;         // stints met or missed: the denominator of the percentage
    int overdue = 0;         // complaints now at the channel and overdue
    std::optional<double> median_to_answer; // in `unit`, over answered stints
    std::optional<double> in_time_percent() const;
};
struct CategorySummary {
    std::string category; // empty: no category
    int complaints = 0, open = 0, resolved = 0, dropped = 0;
};
struct AmountSummary {
    std::string currency;
    std::int64_t claimed = 0;    // every complaint's amount in dispute
    std::int64_t in_dispute = 0; // ... of those not resolved or dropped
    std::int64_t recovered = 0;
};
struct Summary {
    std::optional<Instant> since, until;
    Instant now{};
    int complaints = 0;
    std::vector<ChannelSummary> channels; // in the config's order, channels with stints only
    std::vector<std::pair<State, int>> states;
    std::vector<CategorySummary> categories;
    std::vector<AmountSummary> amounts;
};
struct ComplaintHistory {
    Complaint complaint;
    std::vector<Event> events;
};
// A summary built one complaint at a time, so that memory does not grow with the store.
class SummaryBuilder {
  public:
    SummaryBuilder(const Config& config, Instant now);
    // A complaint and its timeline (cancelled events left out).
    void add(const Complaint& c, const std::vector<Event>& events);
    Summary finish();

  private:
    ChannelSummary& channel(const std::string& key);
    const Config& config_;
    Instant now_;
    int complaints_ = 0;
    std::map<std::string, ChannelSummary> channels_;
    std::map<std::string, std::vector<double>> samples_; // time to answer, per channel
    std::map<std::string, CategorySummary> categories_;
    std::map<std::string, AmountSummary> amounts_;
    std::map<State, int> states_;
};
Summary summarize(const std::vector<ComplaintHistory>& list, const Config& config, Instant now);
// Reads the complaints the filter selects, with their timelines, and summarizes them.
Summary summarize(Session& s, const ComplaintFilter& filter);

// "30h", "2.5wd", "90m", "3d"; "" when nothing was answered.
std::string median_text(const ChannelSummary& c);
// "67%"; "—" when nothing was decided.
std::string percent_text(const ChannelSummary& c);

nlohmann::ordered_json summary_json(const Summary& s, Zone zone);
// Tidy CSV: one row per number (section, key, measure, value).
Table summary_csv_table(const Summary& s);
// Sections under headings, tables cut to `width` columns (0: no limit); `color` paints them.
std::string summary_text(const Summary& s, Zone zone, bool color, int width = 0);
std::string summary_markdown(const Summary& s, Zone zone);
// A bar per channel of the share answered in time, labels padded by display width (CJK).
std::string in_time_chart(const Summary& s, bool color, int label_width = 24, int bar_width = 20);

} // namespace complain
