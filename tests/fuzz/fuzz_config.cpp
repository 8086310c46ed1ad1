// Fuzzes the config: a TOML file loads or is refused as a config error (exit 4), and what
// `complain config show` prints of a loaded config loads back as the same config.
#include "complain/config/config.hpp"
#include "complain/run.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>

using namespace complain;
using complain::fuzz::escaped;
using complain::fuzz::finding;
using complain::fuzz::require;

namespace {

// What `config show` prints of a channel, and so what must survive showing and loading again.
std::string describe(const Channel& ch) {
    std::ostringstream s;
    s << escaped(ch.key) << " name=" << escaped(ch.name) << " kind=" << escaped(ch.kind)
      << " contact=" << escaped(ch.contact) << " basis=" << escaped(ch.basis)
      << " deadline=" << (ch.deadline ? ch.deadline->str() : "none")
      << " warn=" << (ch.deadline ? ch.warning_or_default().str() : "-")
      << " calendar=" << escaped(ch.calendar) << " next=" << escaped(ch.next)
      << " roll=" << ch.roll;
    return s.str();
}

std::string describe(const Config& c) {
    std::string out = "timezone=" + std::string(c.zone()->name()) + " currency=" + c.currency() +
                      " default_channel=" + escaped(c.default_channel()) +
                      " calendar=" + escaped(c.default_calendar()) + " me=" + escaped(c.me().name) +
                      "," + escaped(c.me().phone) + "," + escaped(c.me().email) + "," +
                      escaped(c.me().address) + "\n";
    for (const Channel& ch : c.channels())
        out += "  " + describe(ch) + "\n";
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The system zone is the config's when it names none: fixed, so that runs repeat.
    static const bool once = [] { return setenv("TZ", "UTC", 1) == 0; }();
    (void)once;
    const std::filesystem::path dir = complain::fuzz::private_dir();
    const std::filesystem::path file = dir / "config.toml";
    std::string text(reinterpret_cast<const char*>(data), size);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << text;
    }
    std::string what = "config " + escaped(text);

    // Config::load, as every command calls it on the user's file.
    std::optional<Config> config;
    std::string refusal;
    try {
        config = Config::load(file, system_zone(Environment::from_process()).zone);
    } catch (const Error& e) {
        if (e.code() != Exit::config)
            finding(what + ": refused with exit code " +
                    std::to_string(static_cast<int>(e.code())) + " instead of 4: " + e.what());
        refusal = e.what();
    } catch (const std::exception& e) {
        finding(what + ": threw " + e.what() + " instead of complain::Error");
    }

    if (config) {
        // Validation promises a ladder without cycles and a calendar for every channel.
        for (const Channel& ch : config->channels()) {
            require(config->ladder_from(ch.key).size() <= config->channels().size(),
                    what + ": the ladder from " + ch.key + " is longer than the channels");
            if (ch.deadline) (void)config->rule_for(ch);
        }
    }

    // The same file through the command line: the same verdict, and `config show` prints TOML.
    std::ostringstream out, err;
    std::string path = file.string();
    const char* argv[] = {"complain", "--config", path.c_str(), "config", "show"};
    int code = complain::run(5, argv, out, err);
    if (!config) {
        require(code == static_cast<int>(Exit::config),
                what + ": Config::load refused it (" + refusal + ") but `config show` exited " +
                    std::to_string(code) + ": " + err.str());
        return 0;
    }
    require(code == 0, what + ": Config::load took it but `config show` exited " +
                           std::to_string(code) + ": " + err.str());

    // `config show` does not print calendars: the round trip holds for configs that define none.
    static const std::size_t builtin_calendars =
        Config::from_text("", "<empty>").calendar_names().size();
    if (config->calendar_names().size() != builtin_calendars) return 0;
    std::string shown = out.str();
    std::optional<Config> again;
    try {
        again = Config::from_text(shown, "<shown>");
    } catch (const std::exception& e) {
        finding(what + ": what `config show` printed does not load (" + e.what() + "):\n" + shown);
    }
    require(describe(*again) == describe(*config),
            what + ": what `config show` printed loads as another config.\nLoaded:\n" +
                describe(*config) + "From the shown text:\n" + describe(*again) + "Shown:\n" +
                shown);
    return 0;
}
