// The output layer: control characters shown instead of obeyed, JSON escaping, checked writes.
#include "complain/error.hpp"
#include "complain/output/document.hpp"
#include "complain/output/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utf8proc.h>
#include <vector>

using namespace complain;

TEST_CASE("terminal_text shows control characters as cat -v and less do") {
    CHECK(terminal_text("plain 退款 text") == "plain 退款 text");
    CHECK(terminal_text("x \x1b]0;PWNED\a\x1b[2J") == "x ^[]0;PWNED^G^[[2J");
    CHECK(terminal_text("del\x7f") == "del^?");
    CHECK(terminal_text("cr\rlf") == "cr^Mlf");
    CHECK(terminal_text(std::string_view("nul\0byte", 8)) == "nul^@byte");
    CHECK(terminal_text("csi\xc2\x9b"
                        "2J") == "csi<U+009B>2J");
    CHECK(terminal_text("nel\xc2\x85") == "nel<U+0085>");
    CHECK(terminal_text("lone\x9b byte") == "lone<9B> byte"); // not UTF-8
    CHECK(terminal_text("\xef\xbf\xbd") == "\xef\xbf\xbd");   // a real U+FFFD stays
    CHECK(terminal_text("\xc2\xa0nbsp") == "\xc2\xa0nbsp");   // U+00A0 is no control
    CHECK(terminal_text("two\nlines\tand a tab") == "two\nlines\tand a tab");
}

TEST_CASE("terminal_text and display_width read three-byte sequences as utf8proc does") {
    // Most three-byte sequences are decoded without utf8proc: every lead byte E0 to EF with
    // second and third bytes around the continuation range must still be kept exactly when
    // utf8proc calls it UTF-8 (no code point of three bytes is a control), be shown byte by byte
    // when it does not, and be as wide as utf8proc says.
    for (int lead = 0xE0; lead <= 0xEF; ++lead)
        for (int second = 0x70; second <= 0xC5; ++second)
            for (int third = 0x70; third <= 0xC5; ++third) {
                const char bytes[] = {static_cast<char>(lead), static_cast<char>(second),
                                      static_cast<char>(third)};
                std::string_view seq(bytes, 3);
                utf8proc_int32_t cp = -1;
                bool valid =
                    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bytes), 3, &cp) == 3;
                if (valid != (terminal_text(seq) == seq) ||
                    (valid && display_width(seq) != std::max(0, utf8proc_charwidth(cp)))) {
                    CAPTURE(lead);
                    CAPTURE(second);
                    CAPTURE(third);
                    CHECK(valid == (terminal_text(seq) == seq));
                    CHECK(display_width(seq) == std::max(0, utf8proc_charwidth(cp)));
                    return;
                }
            }
    CHECK(terminal_text("\xe4\xb8") == "<E4><B8>");           // cut short
    CHECK(terminal_text("\xed\xa0\x80") == "<ED><A0><80>");   // a surrogate
    CHECK(terminal_text("\xe0\x80\x80x") == "<E0><80><80>x"); // overlong
    CHECK(terminal_text("退\x1b款") == "退^[款");
}

TEST_CASE("first_control names the first control character, newlines and tabs included") {
    CHECK(first_control("fine") == "");
    CHECK(first_control("a\tb") == "^I");
    CHECK(first_control("a\nb\x1b") == "^J");
    CHECK(first_control("x\xc2\x9b") == "<U+009B>");
}

TEST_CASE("JSON escapes C0 and also C1 controls and DEL") {
    nlohmann::ordered_json j{{"title", "x \x1b[2J \xc2\x9b \x7f 退款"}};
    std::string text = json_text(j);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    CHECK(text.find('\x7f') == std::string::npos);
    CHECK(text.find("\\u001b[2J \\u009b \\u007f 退款") != std::string::npos);
    CHECK(nlohmann::ordered_json::parse(text)["title"] == j["title"]); // the same text read back
    // Other characters led by C2 (· ©) stay as they are, before, between and after escapes; a
    // dump with neither byte is the dump itself.
    CHECK(json_text(nlohmann::ordered_json("\xc2\x9f·\x7f©\x7f")) == "\"\\u009f·\\u007f©\\u007f\"");
    CHECK(json_text(nlohmann::ordered_json("·©")) == "\"·©\"");
    CHECK(json_text(nlohmann::ordered_json("退款")) == "\"退款\"");
}

TEST_CASE("json_text writes what nlohmann's dump writes, C1 controls and DEL escaped") {
    // The reference: nlohmann's own pretty dump, then C1 and DEL escaped as json_text promises.
    auto reference = [](const nlohmann::ordered_json& j) {
        std::string text = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        std::string out;
        for (size_t i = 0; i < text.size(); ++i) {
            auto u = static_cast<unsigned char>(text[i]);
            auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
            if (u == 0xC2 && next >= 0x80 && next <= 0x9F) {
                out += fmt::format("\\u{:04x}", next);
                ++i;
            } else if (u == 0x7F) {
                out += "\\u007f";
            } else {
                out += text[i];
            }
        }
        return out;
    };
    std::vector<std::string> texts = {"",
                                      "plain",
                                      "退款（订单尾号7348）",
                                      "q\"b\\s/",
                                      "\b\f\n\r\t",
                                      "·©\xc2\x80\xc2\x9f\xc2\xa0",
                                      "\x7f\x7f",
                                      "\xff bad",
                                      "中\xe4\xb8",
                                      "\xed\xa0\x80",
                                      "\xc0\xaf",
                                      "\xf4\x90\x80\x80",
                                      "😀 \u2028"};
    for (int c = 0; c < 0x20; ++c)
        texts.push_back("c" + std::string(1, static_cast<char>(c)) + "d");
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& text : texts) {
        nlohmann::ordered_json one = nlohmann::ordered_json::object();
        one[text] = text;
        one["n"] = -42;
        one["u"] = std::uint64_t{18446744073709551615u};
        one["x"] = 2797.125;
        one["yes"] = true;
        one["none"] = nullptr;
        one["empty"] = nlohmann::ordered_json::array();
        one["nothing"] = nlohmann::ordered_json::object();
        one["tags"] = {text, "外卖"};
        one["matches"] = nlohmann::ordered_json::array(
            {nlohmann::ordered_json::object({{"kind", "note"}, {"text", text}})});
        CAPTURE(text);
        CHECK(json_text(one) == reference(one));
        list.push_back(one);
    }
    CHECK(json_text(list) == reference(list));
    for (const nlohmann::ordered_json& scalar :
         {nlohmann::ordered_json(), nlohmann::ordered_json(0.1), nlohmann::ordered_json(false),
          nlohmann::ordered_json("\x1b[2J"), nlohmann::ordered_json::array(),
          nlohmann::ordered_json::object()})
        CHECK(json_text(scalar) == reference(scalar));
}

TEST_CASE("tables show control characters in text and Markdown, and keep CSV as data") {
    Table t({"ID", "TITLE"}, 1);
    t.add_row({{"1"}, {"x \x1b[2J"}});
    CHECK(t.text(false, 0) == "ID  TITLE\n1   x ^[[2J\n");
    CHECK(t.markdown().find("| 1 | x ^[\\[2J |") != std::string::npos); // markdown_escape
    CHECK(t.csv().find("1,x \x1b[2J\r\n") != std::string::npos);
    // CSV bound for a terminal is shown like any other table there; its CRLF stays.
    std::ostringstream tty, file, err;
    Output(tty, err, ColorMode::never, true, 0).table(t, Format::csv);
    CHECK(tty.str() == "ID,TITLE\r\n1,x ^[[2J\r\n");
    Output(file, err, ColorMode::never, false, 0).table(t, Format::csv);
    CHECK(file.str() == "ID,TITLE\r\n1,x \x1b[2J\r\n");
}

TEST_CASE("errors and warnings show what the user typed without obeying it") {
    std::ostringstream out, err;
    Output o(out, err, ColorMode::never, false, 0);
    o.error("'\x1b]0;x\a' is not a complaint id");
    o.warning("channel \x1b[31mred is not in the config");
    CHECK(err.str() == "complain: error: '^[]0;x^G' is not a complaint id\n"
                       "complain: warning: channel ^[[31mred is not in the config\n");
}

TEST_CASE("flush reports output that could not be written") {
    std::ostringstream err;
    std::ostringstream out;
    Output o(out, err, ColorMode::never, false, 0);
    o.line("fine");
    CHECK_NOTHROW(o.flush());
    out.setstate(std::ios::badbit);
    try {
        o.flush();
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::io);
        CHECK(std::string(e.what()).starts_with("cannot write to standard output"));
    }
}

TEST_CASE("FdBuffer keeps the errno of the first failed write") {
    SUBCASE("a full disk") {
        int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
        REQUIRE(fd >= 0);
        {
            FdBuffer buf(fd);
            std::ostream os(&buf);
            os << "lost";
            CHECK(buf.error() == 0); // still in the buffer
            os.flush();
            CHECK(buf.error() == ENOSPC);
            CHECK(!os);
        }
        ::close(fd);
    }
    SUBCASE("a reader that went away, with SIGPIPE ignored") {
        int p[2];
        REQUIRE(::pipe(p) == 0);
        ::close(p[0]);
        auto old = std::signal(SIGPIPE, SIG_IGN);
        {
            FdBuffer buf(p[1]);
            std::ostream os(&buf);
            os << std::string(200000, 'x'); // more than the buffer: written before any flush
            CHECK(buf.error() == EPIPE);
        }
        std::signal(SIGPIPE, old);
        ::close(p[1]);
    }
}

namespace {
int widest_line(const std::string& text) {
    int w = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        w = std::max(w, display_width(line));
    return w;
}
} // namespace

TEST_CASE("a table fits its width by cutting text, the title last, never an instant") {
    Table t({{"ID", Fit::keep},
             {"DUE", Fit::keep},
             {"LEFT", Fit::phrase},
             {"AGAINST", Fit::text},
             {"TITLE", Fit::text, false, 16}});
    t.add_row({{"1"},
               {"2026-12-02 24:00"},
               {"7 working days"},
               {"某某数码专营店（天猫旗舰店）客服工号 12345"},
               {"淘宝旗舰店拒绝退款，客服一直不回复，订单已经超过七天没有发货了"}});
    t.add_row({{"22"}, {"2026-11-25 10:00"}, {"5h"}, {"Acme"}, {"Short"}});
    std::string wide = t.text(false, 0);
    CHECK(wide.find("…") == std::string::npos);
    CHECK(widest_line(wide) > 100);
    for (int width : {60, 80, 100}) {
        std::string text = t.text(false, width);
        CAPTURE(text);
        CHECK(widest_line(text) <= width);
        CHECK(text.find("2026-12-02 24:00") != std::string::npos);
        CHECK(text.find("…") != std::string::npos);
    }
    // The name gives way before the title: at 80 and 60 the title keeps more than its 16 columns
    // while AGAINST is down to its header's width; at 60 the gaps narrow.
    std::string at80 = t.text(false, 80);
    CHECK(at80.find("7 working days  某某数…  淘宝旗舰店拒绝退款，客服一直不回…") !=
          std::string::npos);
    std::string at60 = t.text(false, 60);
    CHECK(at60.find("7 working days 某某数… 淘宝旗舰店拒绝退…") != std::string::npos);
    // Never narrower than 60: below it the terminal scrolls.
    CHECK(widest_line(t.text(false, 30)) == widest_line(t.text(false, 60)));
    // A kept column's header is never cut, "FILED" over "1" no more than "MEDIAN TO ANSWER" over
    // "30h"; a phrase is cut only when text is down to 3 columns.
    Table n({{"ID", Fit::keep},
             {"FILED", Fit::keep, true},
             {"MEDIAN TO ANSWER", Fit::keep},
             {"LEFT", Fit::phrase},
             {"NAME", Fit::text}});
    n.add_row({{"1"}, {"3"}, {"30h"}, {"overdue 69d 1h"}, {std::string(70, 'x')}});
    std::string narrow = n.text(false, 60);
    CAPTURE(narrow);
    CHECK(widest_line(narrow) <= 60);
    for (std::string_view header : {"FILED", "MEDIAN TO ANSWER", "LEFT"})
        CHECK(narrow.find(header) != std::string::npos);
    CHECK(narrow.find("overdue 69d 1h") != std::string::npos);
    Table last({{"KEY", Fit::keep}, {"LEFT", Fit::phrase}, {"NAME", Fit::text}});
    last.add_row({{std::string(40, 'k')}, {"overdue 46 working days"}, {std::string(30, 'x')}});
    std::string cut = last.text(false, 60);
    CAPTURE(cut);
    CHECK(widest_line(cut) <= 60);
    CHECK(cut.find(std::string(40, 'k') + " overdue 46 wor… xx…") != std::string::npos);
}

TEST_CASE("a table written as its rows come looks as the whole table, in bounded memory") {
    std::vector<Column> columns{{"ID", Fit::keep}, {"DUE", Fit::keep}, {"TITLE", Fit::text}};
    auto row = [](int i, std::string title) {
        return std::vector<Cell>{{std::to_string(i)}, {"2026-12-02 24:00"}, {std::move(title)}};
    };
    Table whole(columns);
    for (int i = 1; i <= 5; ++i)
        whole.add_row(row(i, std::string(static_cast<size_t>(10 * i), 'x')));
    // Up to a batch of rows, every format is the whole table's, to the byte.
    for (int width : {0, 60, 80}) {
        std::ostringstream text, csv, markdown;
        TableStream t(text, columns, TableStream::Kind::text, false, width, false, 5);
        TableStream c(csv, columns, TableStream::Kind::csv, false, width, false, 5);
        TableStream m(markdown, columns, TableStream::Kind::markdown, false, width, false, 5);
        for (int i = 1; i <= 5; ++i)
            for (TableStream* s : {&t, &c, &m})
                s->add_row(row(i, std::string(static_cast<size_t>(10 * i), 'x')));
        for (TableStream* s : {&t, &c, &m})
            s->finish();
        CHECK(text.str() == whole.text(false, width));
        CHECK(csv.str() == whole.csv());
        CHECK(markdown.str() == whole.markdown());
    }
    // Past the batch, the columns keep the widths the first rows gave them: in a fitted table
    // longer text is cut to its column, a kept column is never cut; without a width nothing is.
    for (int width : {80, 0}) {
        std::ostringstream out;
        TableStream t(out, columns, TableStream::Kind::text, false, width, false, 2);
        t.add_row(row(1, "short"));
        t.add_row(row(2, "a longer title"));
        CHECK(out.str().find("a longer title\n") != std::string::npos); // the batch, laid out
        t.add_row(row(1000, "a title longer than any before it"));
        t.finish();
        CAPTURE(out.str());
        CHECK(t.count() == 3);
        if (width > 0)
            CHECK(out.str().find("1000  2026-12-02 24:00  a title longe…\n") != std::string::npos);
        else
            CHECK(out.str().find("1000  2026-12-02 24:00  a title longer than any before it\n") !=
                  std::string::npos);
    }
    // A width reserved for later rows makes room for them: the 1000 past the first batch of two
    // lines up; within one batch the rows alone decide.
    for (size_t batch : {2, 5}) {
        std::ostringstream out;
        TableStream t(out, columns, TableStream::Kind::text, false, 0, false, batch);
        t.reserve(0, 4);
        t.add_row(row(1, "short"));
        t.add_row(row(2, "a longer title"));
        t.add_row(row(1000, "x"));
        t.finish();
        CAPTURE(out.str());
        CHECK(out.str().starts_with("ID    DUE"));
        CHECK(out.str().find("\n1000  2026-12-02 24:00  x\n") != std::string::npos);
        CHECK(out.str().find("\n1     2026-12-02 24:00  short\n") != std::string::npos);
    }
    {
        std::ostringstream out;
        TableStream t(out, columns, TableStream::Kind::text, false, 0, false, 5);
        t.reserve(0, 4);
        t.add_row(row(1, "short"));
        t.finish();
        CHECK(out.str() == "ID  DUE               TITLE\n1   2026-12-02 24:00  short\n");
    }
    // An empty table is its headers, as Table's.
    std::ostringstream empty;
    TableStream e(empty, columns, TableStream::Kind::text, false, 80, false);
    e.finish();
    CHECK(empty.str() == Table(columns).text(false, 80));
}

TEST_CASE("colour only when asked, numbers to the right, Markdown escaped in every table") {
    CHECK(paint("x", Color::red, true) == "\x1b[31mx\x1b[0m");
    CHECK(paint("x", Color::red, false) == "x");
    Table t({{"N", Fit::keep, true}, {"TITLE", Fit::text}});
    t.add_row({{"7"}, {"Refund *denied* | [link](x)"}});
    t.add_row({{"12"}, {"ok"}});
    CHECK(t.text(false, 0) == " N  TITLE\n 7  Refund *denied* | [link](x)\n12  ok\n");
    CHECK(t.markdown() == "| N | TITLE |\n| ---: | --- |\n"
                          "| 7 | Refund \\*denied\\* \\| \\[link\\](x) |\n| 12 | ok |\n");
    CHECK(t.html().find("<td>Refund *denied* | [link](x)</td>") != std::string::npos);
}

TEST_CASE("wrapping: between words, inside CJK, under a hanging indent") {
    CHECK(wrap_words({"a", "-> bb", "-> cc"}, 0, "  ") == "a -> bb -> cc");
    CHECK(wrap_words({"aaaa", "-> bb", "-> cc"}, 12, "  ") == "aaaa -> bb\n  -> cc");
    CHECK(hang_text("one two three four five six", 4, 20) == "one two three\n    four five six");
    CHECK(hang_text("退款退款退款退款退款", 2, 14) == "退款退款退款\n  退款退款");
    CHECK(hang_text("no limit here", 4, 0) == "no limit here");
}

TEST_CASE("the pager: COMPLAIN_PAGER, else PAGER, else less -FRX; empty or cat is none") {
    using Vars = std::map<std::string, std::string, std::less<>>;
    using Argv = std::vector<std::string>;
    CHECK(Pager::command(Environment()) == Argv{"less", "-FRX"});
    CHECK(Pager::command(Environment(Vars{{"PAGER", "most -s"}})) == Argv{"most", "-s"});
    CHECK(Pager::command(Environment(Vars{{"PAGER", "most"}, {"COMPLAIN_PAGER", " lv  -c "}})) ==
          Argv{"lv", "-c"});
    CHECK(Pager::command(Environment(Vars{{"PAGER", "most"}, {"COMPLAIN_PAGER", ""}})).empty());
    CHECK(Pager::command(Environment(Vars{{"PAGER", "cat"}})).empty());
    // Words, never a shell: a metacharacter stays inside its word.
    CHECK(Pager::command(Environment(Vars{{"PAGER", "less;rm -rf x"}})) ==
          Argv{"less;rm", "-rf", "x"});
}

TEST_CASE("Output takes colour, width and locale from the Environment it is given") {
    using Vars = std::map<std::string, std::string, std::less<>>;
    std::ostringstream out, err;
    CHECK(Output(out, err, ColorMode::automatic, true, 0, Environment()).color());
    CHECK(!Output(out, err, ColorMode::automatic, true, 0, Environment(Vars{{"NO_COLOR", "1"}}))
               .color());
    CHECK(!Output(out, err, ColorMode::automatic, true, 0, Environment(Vars{{"TERM", "dumb"}}))
               .color());
    CHECK(Output(out, err, ColorMode::always, false, 0, Environment(Vars{{"NO_COLOR", "1"}}))
              .color());
    CHECK(Output(out, err, ColorMode::never, false, 0, Environment(Vars{{"LANG", "zh_CN.UTF-8"}}))
              .utf8());
    CHECK(!Output(out, err, ColorMode::never, false, 0,
                  Environment(Vars{{"LC_ALL", "C"}, {"LANG", "zh_CN.UTF-8"}}))
               .utf8());
    CHECK(!Output(out, err, ColorMode::never, false, 0, Environment()).utf8());
}

TEST_CASE("a document escapes every text for its format, and figures are HTML's alone") {
    Document d;
    d.title = "Complaint 2: Refund *denied* | [link](x)";
    d.subtitle = "Prepared <today>";
    Table t({{"When", Fit::keep}, {"Details", Fit::text}});
    t.add_row({{"2026-11-23 10:00"}, {"<script>x</script> *y*"}}, "missed");
    Block figure;
    figure.kind = Block::Kind::figure;
    figure.text = "data:image/png;base64,AAAA";
    figure.alt = "a\"b.png";
    figure.inlines = {{"a\"b.png — <caption>"}};
    figure.code = "SHA-256 00ff";
    d.sections = {{"facts", "Facts", {fields_block({{"Title", "*x* | y"}})}},
                  {"timeline", "Timeline", {table_block(std::move(t), {"when", ""}), figure}},
                  {"statement", "Statement", {verbatim_block("keep ``` *this*\nas it is")}}};
    d.footer = {{"Check with "}, {"sha256sum", true}, {"."}};
    std::string md = document_markdown(d);
    CHECK(md.starts_with(
        "# Complaint 2: Refund \\*denied\\* \\| \\[link\\](x)\n\nPrepared \\<today>\n"));
    CHECK(md.find("| Title | \\*x\\* \\| y |") != std::string::npos);
    CHECK(md.find("| 2026-11-23 10:00 | \\<script>x\\</script> \\*y\\* |") != std::string::npos);
    CHECK(md.find("````text\nkeep ``` *this*\nas it is\n````\n") != std::string::npos);
    CHECK(md.find("data:image") == std::string::npos);
    CHECK(md.ends_with("\nCheck with `sha256sum`.\n"));
    std::string html = document_html(d);
    CHECK(html.find("<h1>Complaint 2: Refund *denied* | [link](x)</h1>") != std::string::npos);
    CHECK(html.find("<tr class=\"missed\"><td class=\"when\">2026-11-23 10:00</td>"
                    "<td>&lt;script&gt;") != std::string::npos);
    CHECK(html.find("<img src=\"data:image/png;base64,AAAA\" alt=\"a&quot;b.png\">") !=
          std::string::npos);
    CHECK(html.find("<footer>Check with <code>sha256sum</code>.</footer>") != std::string::npos);
    CHECK(html.find("<script>") == std::string::npos);
}

TEST_CASE("display_width: every code point as wide as utf8proc says, fast paths included") {
    // display_width counts printable ASCII and CJK ideographs without asking utf8proc: each of
    // the 1.1 million code points must still come out as utf8proc's width (a tab counts as one,
    // a control character as none).
    int differ = 0;
    for (utf8proc_int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue; // surrogates are not UTF-8
        utf8proc_uint8_t bytes[4];
        auto n = utf8proc_encode_char(cp, bytes);
        std::string_view one(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
        int expected = cp == '\t' ? 1 : std::max(0, utf8proc_charwidth(cp));
        if (display_width(one) != expected && ++differ <= 5) {
            CAPTURE(cp);
            CHECK(display_width(one) == expected);
        }
    }
    CHECK(differ == 0);
    // A table's cell: terminal_line and display_width in one pass, fast paths included; each code
    // point alone and between CJK and ASCII, where the fast paths hand over to the general one.
    differ = 0;
    for (utf8proc_int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        utf8proc_uint8_t bytes[4];
        auto n = utf8proc_encode_char(cp, bytes);
        std::string one(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
        for (const std::string& text : {one, "退款" + one + "a中", "ab" + one}) {
            std::string line = terminal_line(text), cell = text;
            int width = terminal_cell(cell);
            if ((cell != line || width != display_width(line)) && ++differ <= 5) {
                CAPTURE(cp);
                CHECK(cell == line);
                CHECK(width == display_width(line));
            }
        }
    }
    CHECK(differ == 0);
    for (std::string_view text : {"\xe4\xb8", "\xe4\xb7\x80中", "中\xe9\xbf", "退\x1b款", "a\tb\nc",
                                  "\xff中", "中\xed\xa0\x80", "（\xef\xbc", "。\xe3\x80"}) {
        std::string cell(text);
        terminal_cell(cell);
        CHECK(cell == terminal_line(text));
    }
    std::string cell = "ab退款c";
    CHECK(terminal_cell(cell) == 7);
    cell = "（退款），「拒绝」。\xef\xbd\xa1"; // U+FF61 is halfwidth
    CHECK(terminal_cell(cell) == 21);
    CHECK(display_width("ab退款c") == 7);
    CHECK(display_width("tab\there") == 8);
    CHECK(terminal_line("two\nlines\tand a tab") == "two lines and a tab");
}
