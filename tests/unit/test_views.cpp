// The app's views: one list of complaint fields, and verify's report.
#include "complain/app/fields.hpp"
#include "complain/app/verify_view.hpp"

#include <doctest/doctest.h>

using namespace complain;

TEST_CASE("one list of fields: JSON names in JSON's order, people's words, data as data") {
    std::vector<std::string> keys;
    for (const auto& f : complaint_fields())
        keys.emplace_back(f.key);
    CHECK(keys == std::vector<std::string>{"against", "order", "product", "category", "want",
                                           "amount", "recovered", "currency", "tags", "ref",
                                           "credit_code"});
    Complaint c;
    c.against = "Shop 旗舰店";
    c.amount = 19900;
    c.currency = "CNY";
    c.tags = {"refund", "taobao"};
    CHECK(complaint_field("amount").text(c) == "199.00 CNY");
    CHECK(complaint_field("amount").data(c) == "199.00");
    CHECK(complaint_field("recovered").data(c).is_null());
    CHECK(complaint_field("tags").text(c) == "refund, taobao");
    CHECK(csv_cell(complaint_field("tags").data(c)) == "refund,taobao");
    CHECK(csv_cell(complaint_field("order").data(c)) == "");
    CHECK(complaint_field("want").label == "wants");
    CHECK(complaint_field("ref").heading == "Case number");
    CHECK(complaint_field("currency").label.empty()); // people read it with the amounts
    CHECK_THROWS_AS(complaint_field("nope"), std::out_of_range);
}

TEST_CASE("verify's report: JSON as released, lines with stored text shown") {
    Verification ok;
    ok.blobs_checked = 1;
    ok.bytes_checked = 5;
    CHECK(
        verification_json(ok).dump() ==
        R"({"ok":true,"blobs":1,"bytes":5,"integrity":[],"problems":[],"redacted":0,"absent":0})");
    CHECK(verification_lines(ok) ==
          std::vector<std::string>{"ok: store intact, 1 stored file (5 B) matches its SHA-256"});
    Verification bad;
    Evidence e;
    e.complaint_id = 3;
    e.name = "a\x1b[2J.png";
    bad.blobs.push_back({"0123456789abcdef", "content does not match its SHA-256", {e}});
    auto j = verification_json(bad);
    CHECK(j["ok"] == false);
    CHECK(j["problems"][0]["evidence"][0]["complaint"] == 3);
    CHECK(verification_lines(bad) ==
          std::vector<std::string>{"complaint 3: a^[[2J.png (sha256 0123456789ab): content does "
                                   "not match its SHA-256"});
}
