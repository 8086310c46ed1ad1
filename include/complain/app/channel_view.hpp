// How the channels of the config look to people (a table) and programs (JSON, CSV).
#pragma once

#include "complain/config/config.hpp"
#include "complain/output/output.hpp"

#include <nlohmann/json.hpp>

namespace complain {

// One channel as data: key, name, kind, contact, deadline, warn, calendar, roll, next, basis,
// default, defined.
nlohmann::ordered_json channel_json(const Channel& ch, const Config& config);
// Every channel of the config, in its order, as a JSON array.
nlohmann::ordered_json channels_json(const Config& config);
// For people (table, markdown): KEY (the default one marked), DEADLINE ("7d roll"), WARN,
// CALENDAR (for working-day deadlines only), NEXT, NAME. As data (csv): channel_json's names and
// values, null as an empty cell.
Table channel_table(const Config& config, Format format);

} // namespace complain
