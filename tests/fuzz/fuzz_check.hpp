// What every harness asserts about an input: a property that holds, a refusal of the kind promised.
#pragma once

#include "complain/error.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

namespace complain::fuzz {

// The input as C escapes, so that a finding printed in a CI log can be typed back in.
inline std::string escaped(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out + "\"";
}

// A broken property is a finding: abort, so that libFuzzer keeps the input and the run fails.
[[noreturn]] inline void finding(const std::string& what) {
    std::fprintf(stderr, "\nFUZZ FINDING: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

inline void require(bool holds, const std::string& what) {
    if (!holds) finding(what);
}

inline const char* exit_name(Exit code) {
    switch (code) {
    case Exit::usage:
        return "usage (2)";
    case Exit::config:
        return "config (4)";
    case Exit::integrity:
        return "integrity (6)";
    default:
        return "another exit code";
    }
}

// Runs `parse`: true when it returned, false when it refused with Error(expected). Any other
// refusal is a finding, for a user would see the wrong exit code or "internal error".
template <class Parse> bool parses(Parse&& parse, Exit expected, const std::string& what) {
    try {
        parse();
        return true;
    } catch (const Error& e) {
        if (e.code() == expected) return false;
        finding(what + ": Error with exit code " + std::to_string(static_cast<int>(e.code())) +
                " instead of " + exit_name(expected) + ": " + e.what());
    } catch (const std::exception& e) {
        finding(what + ": threw " + e.what() + " instead of complain::Error");
    } catch (...) {
        finding(what + ": threw something that is not an exception");
    }
}

} // namespace complain::fuzz

namespace complain::fuzz {

// A folder of this process's own under $TMPDIR, made on first use and removed when the fuzzer
// exits normally (run_fuzz.sh points TMPDIR into its own work dir, which goes in any case).
inline const std::filesystem::path& private_dir() {
    static const std::filesystem::path dir = [] {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "complain-fuzz-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) finding("cannot make a temp dir under $TMPDIR");
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(private_dir(), ec);
        });
        return std::filesystem::path(pattern);
    }();
    return dir;
}

} // namespace complain::fuzz
