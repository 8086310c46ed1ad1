// The command table, which run() reads to build only the command typed.
#include "complain/commands/command.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace complain;

TEST_CASE("each row of the command table names the subcommand it adds") {
    std::set<std::string_view> names;
    for (const CommandEntry& entry : command_table()) {
        CLI::App root;
        Command command = entry.add(root);
        REQUIRE(command.app != nullptr);
        CHECK(command.app->get_name() == entry.name);
        CHECK(names.insert(entry.name).second);
    }
    CHECK(names.contains(default_command));
    CHECK(names.size() > 10);
}
