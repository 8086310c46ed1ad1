// `complain verify`: the store's integrity, and every piece of evidence re-hashed.
#include "complain/app/records.hpp"
#include "complain/app/verify_view.hpp"
#include "complain/app/views.hpp"
#include "complain/commands/command.hpp"
#include "complain/error.hpp"
#include "complain/i18n.hpp"
#include "complain/output/output.hpp"

#include <fmt/format.h>

namespace complain {

Command verify_command(CLI::App& parent) {
    struct Options {
        Format format;
    };
    auto o = std::make_shared<Options>();
    CLI::App* app =
        parent.add_subcommand("verify", tr("Check the store's integrity and re-hash every piece of "
                                           "evidence (exit 6 on a mismatch)"));
    add_format_option(app, o->format, {Format::table, Format::json});
    app->footer(examples({"complain verify", "complain verify --format json"}));
    return {app, [o](Session& s) {
                Format format = o->format;
                Verification v = verify_store(s);
                bool ok = v.integrity.empty() && v.blobs.empty();
                if (format == Format::json)
                    s.out().json(verification_json(v));
                else
                    for (const auto& line : verification_lines(v))
                        s.out().line(line);
                if (!ok)
                    throw Error(Exit::integrity,
                                trf("verify found {} problem(s): {} in the store, {} in evidence",
                                    v.integrity.size() + v.blobs.size(), v.integrity.size(),
                                    v.blobs.size()));
            }};
}

} // namespace complain
