// Writes the default config (data/default-config.toml) as C++ that builds its TOML table, so that
// a command starts without parsing it: toml++ read the file's 5 KB in a million instructions at
// every start, a fifth of `complain status ID`'s (bench/README.md, "Tenth pass"). Each key keeps
// the place it has in the file, which `complain config show` prints as <built-in>:LINE:COLUMN and
// by which `complain channels` orders the channels; the values' own places are never read.
//
// Usage: embed_config INPUT OUTPUT
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <toml++/toml.h>

namespace {

// `text` as a C++ string literal: printable ASCII as it is, every other byte as an octal escape
// (three digits at most, so that no following character is taken into it).
std::string literal(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\' || c == '?') {
            out += '\\';
            out += c;
        } else if (u >= 0x20 && u < 0x7F) {
            out += c;
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\%03o", u);
            out += escaped;
        }
    }
    return out + "\"";
}

// `text` as a std::string expression, its length given: a TOML string may hold U+0000.
std::string text(std::string_view text) {
    return "std::string(" + literal(text) + ", " + std::to_string(text.size()) + ")";
}

std::string place(const toml::source_position& p) {
    return "{" + std::to_string(p.line) + ", " + std::to_string(p.column) + "}";
}

class Writer {
  public:
    explicit Writer(std::ostream& out) : out_(out) {}

    // Statements that fill the table variable `name` with `table`'s keys and values.
    void fill(const toml::table& table, const std::string& name) {
        for (auto&& [key, value] : table) {
            const toml::source_region& r = key.source();
            std::string k = "toml::key{" + text(key.str()) + ", toml::source_region{" +
                            place(r.begin) + ", " + place(r.end) + ", {}}}";
            std::string v = node(value); // a table's statements come first
            out_ << "    " << name << ".insert(" << k << ", " << v << ");\n";
        }
    }

  private:
    // An expression for `node`: a value, or a variable filled before it for a table or array.
    std::string node(const toml::node& n) {
        if (const auto* s = n.as_string()) return text(s->get());
        if (const auto* i = n.as_integer()) {
            // The least int64 is no literal of C++: its negation does not fit.
            if (i->get() == std::numeric_limits<std::int64_t>::min())
                return "std::numeric_limits<std::int64_t>::min()";
            return "std::int64_t{" + std::to_string(i->get()) + "}";
        }
        if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
        if (const auto* d = n.as_date()) {
            const toml::date& v = d->get();
            return "toml::date{" + std::to_string(v.year) + ", " + std::to_string(v.month) + ", " +
                   std::to_string(v.day) + "}";
        }
        if (const auto* t = n.as_table()) {
            std::string name = "t" + std::to_string(++count_);
            out_ << "    toml::table " << name << ";\n";
            fill(*t, name);
            return "std::move(" + name + ")";
        }
        if (const auto* a = n.as_array()) {
            std::string name = "a" + std::to_string(++count_);
            out_ << "    toml::array " << name << ";\n";
            for (const toml::node& element : *a) {
                std::string v = node(element);
                out_ << "    " << name << ".push_back(" << v << ");\n";
            }
            return "std::move(" + name + ")";
        }
        throw std::runtime_error("a value of a type the built-in config does not use (floats, "
                                 "times and date-times are not written here)");
    }

    std::ostream& out_;
    int count_ = 0;
};

} // namespace

int main(int argc, char** argv) try {
    if (argc != 3) {
        std::cerr << "usage: embed_config INPUT OUTPUT\n";
        return 2;
    }
    toml::table config = toml::parse_file(argv[1]);
    std::ostringstream body;
    Writer(body).fill(config, "root");
    std::ofstream out(argv[2], std::ios::binary);
    out << "// Generated from data/default-config.toml by cmake/embed_config.cpp.\n"
           "#include \"complain/config/builtin.hpp\"\n\n"
           "#include <cstdint>\n#include <limits>\n#include <string>\n#include <utility>\n\n"
           "namespace complain {\n\n"
           "toml::table default_config_table() {\n"
           "    toml::table root;\n"
        << body.str()
        << "    return root;\n"
           "}\n\n"
           "} // namespace complain\n";
    out.close();
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[2]);
    return 0;
} catch (const toml::parse_error& e) {
    std::cerr << argv[1] << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
              << e.description() << "\n";
    return 1;
} catch (const std::exception& e) {
    std::cerr << "embed_config: " << e.what() << "\n";
    return 1;
}
