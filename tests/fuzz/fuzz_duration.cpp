// Fuzzes parse_duration: any text parses or is a usage error, and what it prints parses back.
#include "complain/domain/duration.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using namespace complain;
using complain::fuzz::escaped;
using complain::fuzz::parses;
using complain::fuzz::require;

namespace {

// For comparing a warning with its deadline within the same kind of unit.
std::int64_t minutes(const Duration& d) {
    return d.unit == Unit::hours ? d.count * 60 : d.count;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    Duration d;
    if (!parses([&] { d = parse_duration(text); }, Exit::usage,
                "parse_duration(" + escaped(text) + ")"))
        return 0;
    std::string what = "parse_duration(" + escaped(text) + ") = " + d.str();
    require(d.count > 0, what + ": a count that is not positive");

    // Both printed forms are what the config and `complain channels` show: they must read back.
    require(d.count <= 100000, what + ": a count past the limit of 100000");
    for (const std::string& shown : {d.str(), d.spelled()}) {
        Duration again;
        require(parses([&] { again = parse_duration(shown); }, Exit::usage, what),
                what + ": its printed form " + escaped(shown) + " does not parse");
        require(again == d, what + ": " + escaped(shown) + " parses to " + again.str());
    }

    // The default warning window lies inside the deadline, in the deadline's kind of unit.
    Duration w = default_warning(d);
    require(w.count > 0, what + ": default warning " + w.str() + " is not positive");
    if (d.is_elapsed())
        require(w.is_elapsed() && minutes(w) <= minutes(d),
                what + ": default warning " + w.str() + " is longer than the deadline");
    else
        require(w.unit == d.unit && w.count <= d.count,
                what + ": default warning " + w.str() + " does not fit the deadline");
    if (d.is_elapsed()) require(d.elapsed().count() > 0, what + ": elapsed() overflows");
    return 0;
}
