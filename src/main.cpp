// complain: a command-line complaint manager. Everything but this line lives in complain_core.
#include "complain/run.hpp"

int main(int argc, char** argv) {
    return complain::run(argc, argv);
}
