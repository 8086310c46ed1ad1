// The facts a complaint carries besides its title, state and clock: one list that the tables,
// the `status ID` view, JSON and the dossier all read, so that a new field is added once.
#pragma once

#include "complain/domain/complaint.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace complain {

struct ComplaintField {
    std::string_view key;     // in JSON and CSV: "want" (a stable interface)
    std::string_view label;   // in `status ID`: "wants"; "" when people are not shown it
    std::string_view heading; // in the dossier: "Wants"
    std::string (*text)(const Complaint&);            // for people; "" when not set
    nlohmann::ordered_json (*data)(const Complaint&); // for programs; null when not set
};

// In the order every view lists them (JSON's order since its first release).
const std::vector<ComplaintField>& complaint_fields();
// The field named `key`; throws std::out_of_range for a key not in the list.
const ComplaintField& complaint_field(std::string_view key);
// A field's data as one CSV cell: a list joined with commas, null as "".
std::string csv_cell(const nlohmann::ordered_json& data);

} // namespace complain
