// Fuzzes complain's command line: one input is one argument list, run against a small store.
//
// Confinement. The harness runs complain inside its own temp dir and nowhere else. At start-up it
// sets HOME, XDG_*, COMPLAIN_DB, COMPLAIN_CONFIG, COMPLAIN_NOW and TZ to fixed values inside that
// dir, changes into it, and reads standard input from /dev/null. An input is skipped (not run)
// when any of its arguments could name or write a path outside the dir:
//   - it contains '/' or "..", or starts with '~' (a path elsewhere, or the parent);
//   - it starts with --db, --config, --output, --extract or --force (a store, config or output
//     chosen by the input, extraction that writes files);
//   - it is a short option cluster (one '-', then letters) containing 'o' (-o, -no, -ofile).
// What remains can only name entries of the temp dir (attach reads them: evidence.txt, the
// config) and writes only the store that COMPLAIN_DB names.
//
// Input: the arguments, one per line ('\n' separates them; other bytes, control characters and
// invalid UTF-8 included, are passed as they are). Before each input the store is reset to the
// same small store (two complaints, a note, an escalation, a file attached), so that a finding
// replays from its input alone.
//
// Properties: complain returns one of its documented exit codes for a usage, lookup, config or
// data problem, never 70 (internal error) or anything undocumented; a command that succeeded
// leaves a store that `verify`, `status --all` and `report --overdue` still read (a command that
// writes what readers cannot read bricks the store for cron).
#include "complain/run.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

using namespace complain;
using complain::fuzz::escaped;
using complain::fuzz::finding;
using complain::fuzz::require;

namespace fs = std::filesystem;

namespace {

const char* const fixed_now = "2026-11-23T10:00:00+08:00";

bool may_escape(std::string_view arg) {
    if (arg.find('/') != std::string_view::npos || arg.find("..") != std::string_view::npos ||
        arg.starts_with('~'))
        return true;
    for (std::string_view option : {"--db", "--config", "--output", "--extract", "--force"})
        if (arg.starts_with(option)) return true;
    return arg.size() > 1 && arg[0] == '-' && arg[1] != '-' &&
           arg.find('o') != std::string_view::npos;
}

std::string command_line(const std::vector<std::string>& args) {
    std::string out = "complain";
    for (const auto& a : args)
        out += " " + escaped(a);
    return out;
}

struct Result {
    int code;
    std::string out, err;
};

Result run_complain(const std::vector<std::string>& args) {
    std::vector<const char*> argv{"complain"};
    for (const auto& a : args)
        argv.push_back(a.c_str());
    std::ostringstream out, err;
    int code = complain::run(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

const std::array<const char*, 4> store_files{"complain.db", "complain.db-wal", "complain.db-shm",
                                             "complain.db-journal"};

// Copies a store file. libFuzzer's -timeout keeps a SIGALRM timer whose handler interrupts system
// calls, and std::filesystem reports an interrupted copy (EINTR) rather than resuming it: such a
// copy is made again.
void copy_store_file(const fs::path& from, const fs::path& to) {
    for (;;) {
        std::error_code ec;
        fs::remove(to, ec);
        fs::copy_file(from, to, ec);
        if (!ec) return;
        if (ec != std::errc::interrupted)
            finding("copying " + from.string() + " to " + to.string() + ": " + ec.message());
    }
}

void reset_store(const fs::path& dir) {
    for (const char* f : store_files)
        fs::remove(dir / f);
    for (const char* f : store_files)
        if (fs::exists(dir / "template" / f)) copy_store_file(dir / "template" / f, dir / f);
}

// The confinement and the store every input starts from; fails loudly if complain cannot even
// build it, since every input would then test nothing.
const fs::path& sandbox() {
    static const fs::path dir = [] {
        fs::path d = complain::fuzz::private_dir();
        for (const char* sub : {"home", "data", "config", "cache", "state", "runtime", "template"})
            fs::create_directories(d / sub);
        auto set = [](const char* name, const std::string& value) {
            if (setenv(name, value.c_str(), 1) != 0) finding(std::string("setenv ") + name);
        };
        set("HOME", (d / "home").string());
        set("XDG_DATA_HOME", (d / "data").string());
        set("XDG_CONFIG_HOME", (d / "config").string());
        set("XDG_CACHE_HOME", (d / "cache").string());
        set("XDG_STATE_HOME", (d / "state").string());
        set("XDG_RUNTIME_DIR", (d / "runtime").string());
        set("XDG_DATA_DIRS", (d / "data").string());
        set("COMPLAIN_DB", (d / "complain.db").string());
        set("COMPLAIN_CONFIG", (d / "config.toml").string());
        set("COMPLAIN_NOW", fixed_now);
        set("TZ", "Asia/Shanghai");
        set("COLUMNS", "100");
        set("EDITOR", "false");
        set("VISUAL", "false");
        if (chdir(d.c_str()) != 0) finding("cannot change into " + d.string());
        if (std::freopen("/dev/null", "r", stdin) == nullptr) finding("cannot read /dev/null");
        std::ofstream(d / "config.toml") << "timezone = \"Asia/Shanghai\"\n"
                                            "[me]\nname = \"张三\"\nphone = \"13800000000\"\n";
        std::ofstream(d / "evidence.txt") << "客服: 不退款\nbuyer: why?\n";

        const std::vector<std::vector<std::string>> seed{
            {"file", "退款被拒: 未发货订单", "--against", "某某旗舰店", "--order", "3921",
             "--amount", "199.00", "--want", "refund", "--tag", "taobao", "--at",
             "2026-11-20T10:00"},
            {"note", "1", "Asked for a refund", "--kind", "contact", "--at", "2026-11-21T09:00"},
            {"escalate", "1", "-m", "Seller ignored the refund request", "--at",
             "2026-11-22T12:00"},
            {"attach", "1", "evidence.txt", "--caption", "卖家拒绝退款"},
            {"file", "Parcel lost", "--channel", "12315", "--amount", "USD 20", "--at",
             "2026-11-01"},
        };
        for (const auto& args : seed) {
            Result r = run_complain(args);
            if (r.code != 0)
                finding("seeding the store: " + command_line(args) + " exited " +
                        std::to_string(r.code) + ": " + r.err);
        }
        for (const char* f : store_files)
            if (fs::exists(d / f)) copy_store_file(d / f, d / "template" / f);
        return d;
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fs::path& dir = sandbox();
    std::vector<std::string> args;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    for (size_t start = 0; start <= input.size();) {
        size_t end = std::min(input.find('\n', start), input.size());
        args.emplace_back(input.substr(start, end - start));
        start = end + 1;
    }
    if (args.size() > 64) return 0;
    for (const auto& a : args)
        if (may_escape(a)) return 0;

    reset_store(dir);
    std::string what = command_line(args);
    Result r = run_complain(args);
    static const std::vector<int> documented{0, 1, 2, 3, 4, 6};
    require(std::find(documented.begin(), documented.end(), r.code) != documented.end(),
            what + " exited " + std::to_string(r.code) + "\nstdout:\n" + r.out + "stderr:\n" +
                r.err);
    if (r.code != 0 && r.code != 1)
        require(!r.err.empty(), what + " exited " + std::to_string(r.code) + " saying nothing");
    if (r.code != 0) return 0;

    // Whatever it changed, every reader still reads the store (cron's report included).
    for (const std::vector<std::string>& reader : {std::vector<std::string>{"verify"},
                                                   {"status", "--all", "--format", "json"},
                                                   {"report", "--overdue"}}) {
        Result after = run_complain(reader);
        require(after.code == 0, what + " succeeded, and then " + command_line(reader) +
                                     " exited " + std::to_string(after.code) + ": " + after.err);
    }
    return 0;
}
