// Diagnostics: the kind registry, the sink (sorting, duplicates, the error cap) and the text
// renderer (compiler/diagnostics.hpp, compiler/source.hpp).
#include <doctest/doctest.h>

#include <string>

#include "compiler/diagnostics.hpp"

using namespace moat;

namespace {

/// The span of the first occurrence of `needle` in file `f`.
Span find_span(const SourceManager& sources, FileId f, std::string_view needle,
               std::size_t from = 0) {
  const std::size_t at = sources.file(f).text.find(needle, from);
  REQUIRE(at != std::string::npos);
  return {f, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

}  // namespace

TEST_CASE("the kind registry gives names, severities and descriptions") {
  CHECK(std::string(diag_kind_name(DiagKind::SyntaxError)) == "SyntaxError");
  CHECK(std::string(diag_kind_name(DiagKind::UnknownElement)) == "UnknownElement");
  CHECK(std::string(diag_kind_name(DiagKind::SelfFlow)) == "SelfFlow");
  CHECK(diag_kind_severity(DiagKind::UnknownElement) == Severity::Error);
  CHECK(diag_kind_severity(DiagKind::SelfFlow) == Severity::Warning);
  for (int k = 0; k < static_cast<int>(DiagKind::Count); ++k) {
    const auto kind = static_cast<DiagKind>(k);
    CAPTURE(k);
    CHECK(std::string(diag_kind_name(kind)).size() > 0);
    CHECK(std::string(diag_kind_description(kind)).size() > 0);
  }
  CHECK(std::string(severity_name(Severity::Error)) == "error");
  CHECK(std::string(severity_name(Severity::Warning)) == "warning");
  CHECK(std::string(severity_name(Severity::Note)) == "note");
}

TEST_CASE("line_col counts lines from 1 and columns in code points") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", "ab\n\xC3\xA9x\xE2\x98\x95y\r\n\tz");
  CHECK(sources.line_col(f, 0).line == 1);
  CHECK(sources.line_col(f, 0).column == 1);
  CHECK(sources.line_col(f, 1).column == 2);
  CHECK(sources.line_col(f, 3).line == 2);
  CHECK(sources.line_col(f, 3).column == 1);
  CHECK(sources.line_col(f, 5).column == 2);  // after the two bytes of 'é'
  CHECK(sources.line_col(f, 9).column == 4);  // after the three bytes of '☕'
  CHECK(sources.line_col(f, 13).line == 3);
  CHECK(sources.line_col(f, 13).column == 2);                  // a tab is one column
  CHECK(sources.line_text(f, 2) == "\xC3\xA9x\xE2\x98\x95y");  // without the \r\n
  CHECK(sources.line_text(f, 3) == "\tz");
  CHECK(sources.line_text(f, 4).empty());
  CHECK(count_code_points("\xC3\xA9\xE2\x98\x95\xF0\x9F\x98\x80") == 3);
}

TEST_CASE("render_text: location, message, kind, source line and caret") {
  SourceManager sources;
  const FileId f =
      sources.add("payments.moat", "external stripe \"Stripe\"\nflow stirpe -> api \"Webhook\"\n");
  DiagnosticSink sink;
  auto& d = sink.report(DiagKind::UnknownElement, find_span(sources, f, "stirpe"),
                        "unknown element 'stirpe'");
  DiagnosticSink::suggest(d, "stripe", find_span(sources, f, "stripe"));
  CHECK(d.suggestion == "stripe");
  CHECK(render_text(sources, sink.sorted()) ==
        "payments.moat:2:6: error: unknown element 'stirpe' [UnknownElement]\n"
        " 2 | flow stirpe -> api \"Webhook\"\n"
        "   |      ^~~~~~\n"
        "payments.moat:1:10: note: did you mean 'stripe'?\n");
}

TEST_CASE("render_text: tabs are copied into the caret line, UTF-8 counts as one column") {
  SourceManager sources;
  const std::string line = "\tname = \"Caf\xC3\xA9 \xE2\x98\x95\"\tstirpe";
  const FileId f = sources.add("t.moat", "model \"M\"\n" + line + "\n");
  DiagnosticSink sink;
  sink.report(DiagKind::UnknownElement, find_span(sources, f, "stirpe"),
              "unknown element 'stirpe'");
  // Before `stirpe`: a tab, 15 other code points, a tab.
  const std::string expected =
      "t.moat:2:18: error: unknown element 'stirpe' [UnknownElement]\n"
      " 2 | " +
      line +
      "\n"
      "   | \t" +
      std::string(15, ' ') + "\t^~~~~~\n";
  CHECK(render_text(sources, sink.sorted()) == expected);
}

TEST_CASE("render_text: the underline counts code points of the span") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", "actor a \"Caf\xC3\xA9 \xE2\x98\x95\"\n");
  DiagnosticSink sink;
  sink.report(DiagKind::TypeMismatch, find_span(sources, f, "\"Caf"), "m");
  Span s = find_span(sources, f, "\"Caf");
  s.end = static_cast<std::uint32_t>(sources.file(f).text.find('\n'));
  sink.report(DiagKind::TypeMismatch, s, "whole string");
  const std::string out = render_text(sources, sink.sorted());
  // "Café ☕" with quotes is 8 code points (11 bytes).
  CHECK(out.find("  |         ^~~~~~~~\n") != std::string::npos);
}

TEST_CASE("render_text: a span over several lines is underlined to the end of its first line") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", "process api {\n  authn = jwt\n}\n");
  DiagnosticSink sink;
  Span s = find_span(sources, f, "api");
  s.end = static_cast<std::uint32_t>(sources.file(f).text.size());
  sink.report(DiagKind::SyntaxError, s, "m");
  CHECK(render_text(sources, sink.sorted()) ==
        "t.moat:1:9: error: m [SyntaxError]\n"
        " 1 | process api {\n"
        "   |         ^~~~~\n");
}

TEST_CASE("render_text: an empty span gets one caret; the gutter widens with the line number") {
  SourceManager sources;
  std::string text;
  for (int i = 1; i < 12; ++i) text += "actor a" + std::to_string(i) + "\n";
  text += "actor x\n";
  const FileId f = sources.add("t.moat", text);
  DiagnosticSink sink;
  Span s = find_span(sources, f, "x");
  s.end = s.begin;
  sink.report(DiagKind::SyntaxError, s, "m");
  CHECK(render_text(sources, sink.sorted()) ==
        "t.moat:12:7: error: m [SyntaxError]\n"
        " 12 | actor x\n"
        "    |       ^\n");
}

TEST_CASE("render_text: notes without a location, diagnostics without a location, warnings") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", "flow w -> w\n");
  DiagnosticSink sink;
  sink.report(DiagKind::SelfFlow, find_span(sources, f, "->"),
              "flow 'w_to_w' starts and ends at 'w'");
  sink.report(DiagKind::MissingModel, Span{}, "no 'model' declaration")
      .notes.push_back({{}, "start the file with: model \"Name\" { version = \"1.0\" }"});
  CHECK(sink.error_count() == 1);
  CHECK(sink.warning_count() == 1);
  CHECK(render_text(sources, sink.sorted()) ==
        "t.moat:1:8: warning: flow 'w_to_w' starts and ends at 'w' [SelfFlow]\n"
        " 1 | flow w -> w\n"
        "   |        ^~\n"
        "moat: error: no 'model' declaration [MissingModel]\n"
        "    note: start the file with: model \"Name\" { version = \"1.0\" }\n");
}

TEST_CASE("sorted() orders by file and position and drops duplicates") {
  SourceManager sources;
  const FileId a = sources.add("a.moat", "one two three\n");
  const FileId b = sources.add("b.moat", "four five\n");
  DiagnosticSink sink;
  sink.report(DiagKind::UnknownElement, find_span(sources, b, "five"), "five");
  sink.report(DiagKind::UnknownElement, find_span(sources, a, "three"), "three");
  sink.report(DiagKind::UnknownElement, find_span(sources, a, "one"), "one");
  sink.report(DiagKind::UnknownElement, find_span(sources, a, "three"), "three");  // duplicate
  sink.report(DiagKind::UnknownElement, find_span(sources, b, "four"), "four");
  sink.report(DiagKind::UnknownElement, find_span(sources, a, "three"), "another message");
  CHECK(sink.all().size() == 6);
  const auto sorted = sink.sorted();
  std::vector<std::string> messages;
  for (const Diagnostic& d : sorted) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{"one", "another message", "three", "four", "five"});
}

TEST_CASE("the sink stops recording errors at the cap and says so once") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", "a b c d e f g\n");
  DiagnosticSink sink(3);
  for (const char* name : {"g", "f", "e", "d", "c"}) {
    sink.report(DiagKind::UnknownElement, find_span(sources, f, name),
                std::string("unknown ") + name);
  }
  // Errors after the cap go to a scratch diagnostic that callers may still amend.
  DiagnosticSink::suggest(sink.report(DiagKind::UnknownElement, find_span(sources, f, "b"), "late"),
                          "x");
  sink.report(DiagKind::SelfFlow, find_span(sources, f, "a"), "a warning is still recorded");
  const auto sorted = sink.sorted();
  REQUIRE(sorted.size() == 5);
  CHECK(sorted[0].message == "a warning is still recorded");
  CHECK(sorted[1].message == "unknown e");
  CHECK(sorted[2].message == "unknown f");
  CHECK(sorted[3].message == "unknown g");
  CHECK(sorted[4].kind == DiagKind::TooManyErrors);  // last, whatever its position
  CHECK(sorted[4].message == "too many errors; only the first 3 are shown");
  CHECK(sink.error_count() == 6);  // the summary counts every error, shown or not
  CHECK(sink.has_errors());
  CHECK(sink.warning_count() == 1);
}

TEST_CASE("the default cap is 100 errors") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", std::string(200, 'x'));
  DiagnosticSink sink;
  for (std::uint32_t i = 0; i < 150; ++i)
    sink.report(DiagKind::SyntaxError, {f, i, i + 1}, "e" + std::to_string(i));
  const auto sorted = sink.sorted();
  REQUIRE(sorted.size() == 101);
  CHECK(sorted[99].message == "e99");
  CHECK(sorted.back().kind == DiagKind::TooManyErrors);
  CHECK(sorted.back().message == "too many errors; only the first 100 are shown");
  CHECK(sink.error_count() == 150);
}

TEST_CASE("suggest() ignores an empty name") {
  Diagnostic d;
  DiagnosticSink::suggest(d, "");
  CHECK(d.notes.empty());
  CHECK(d.suggestion.empty());
  DiagnosticSink::suggest(d, "stripe");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "did you mean 'stripe'?");
  CHECK_FALSE(d.notes[0].span.valid());
}

TEST_CASE("render_text: control characters in paths, messages and notes are shown as symbols") {
  SourceManager sources;
  const FileId f = sources.add("a\x1b[2J.moat", "import \"\x1b]0;x\x07\"\n");
  DiagnosticSink sink;
  sink.report(DiagKind::FileNotFound, find_span(sources, f, "\"\x1b]0;x\x07\""),
              "cannot read '\x1b]0;x\x07'")
      .notes.push_back({{}, "del \x7f, tab\tkept"});
  CHECK(render_text(sources, sink.sorted()) ==
        "a\xE2\x90\x9B[2J.moat:1:8: error: cannot read '\xE2\x90\x9B]0;x\xE2\x90\x87' "
        "[FileNotFound]\n"
        " 1 | import \"\xE2\x90\x9B]0;x\xE2\x90\x87\"\n"
        "   |        ^~~~~~~~\n"
        "    note: del \xE2\x90\xA1, tab\tkept\n");
}

TEST_CASE("render_text: a message longer than the limit is cut, on a character boundary") {
  SourceManager sources;
  DiagnosticSink sink;
  sink.report(DiagKind::DuplicateId, Span{},
              "'" + std::string(5000, 'a') + "\xC3\xA9' is declared twice");
  const std::string out = render_text(sources, sink.sorted());
  CHECK(out.size() < 1100);
  CHECK(out.find(std::string(999, 'a') + "\xE2\x80\xA6 [DuplicateId]\n") != std::string::npos);
}

TEST_CASE("render_text: a long line is clipped around the caret, and the caret stays aligned") {
  SourceManager sources;
  std::string line;
  for (int i = 0; i < 5000; ++i) line += "\xC3\xA9\t";  // two-byte characters and tabs
  line += "stirpe";
  for (int i = 0; i < 5000; ++i) line += " x";
  const FileId f = sources.add("t.moat", line + "\n");
  DiagnosticSink sink;
  sink.report(DiagKind::UnknownElement, find_span(sources, f, "stirpe"), "m");
  const std::string out = render_text(sources, sink.sorted());
  CHECK(out.size() < 1000);
  // 60 code points of context before the caret (30 times "é\t"), 200 in all, `…` on both sides.
  std::string context, marks;
  for (int i = 0; i < 30; ++i) {
    context += "\xC3\xA9\t";
    marks += " \t";
  }
  std::string after = "stirpe";
  for (int i = 0; i < 67; ++i) after += " x";
  const std::string expected =
      "t.moat:1:10001: error: m [UnknownElement]\n"
      " 1 | \xE2\x80\xA6" +
      context + after +
      "\xE2\x80\xA6\n"
      "   |  " +
      marks + "^~~~~~\n";
  CHECK(out == expected);
}

TEST_CASE("render_text: a clipped line near its start or end gets one ellipsis") {
  SourceManager sources;
  const std::string line = "stirpe" + std::string(300, 'x');
  const FileId f = sources.add("t.moat", line + "\n" + std::string(300, 'y') + "stirpe\n");
  DiagnosticSink sink;
  sink.report(DiagKind::UnknownElement, find_span(sources, f, "stirpe"), "m");
  sink.report(DiagKind::UnknownElement, find_span(sources, f, "stirpe", 10), "m");
  const std::string out = render_text(sources, sink.sorted());
  CHECK(out.find(" 1 | stirpe" + std::string(194, 'x') + "\xE2\x80\xA6\n   | ^~~~~~\n") !=
        std::string::npos);
  CHECK(out.find(" 2 | \xE2\x80\xA6" + std::string(60, 'y') + "stirpe\n   | " +
                 std::string(61, ' ') + "^~~~~~\n") != std::string::npos);
}

TEST_CASE("a byte-order mark is not part of line 1: columns and excerpts start after it") {
  SourceManager sources;
  const FileId f = sources.add("t.moat", "\xEF\xBB\xBFmodel x\nactor y\n");
  CHECK(sources.line_col(f, 3).column == 1);
  CHECK(sources.line_col(f, 9).column == 7);
  CHECK(sources.line_col(f, 0).line == 1);  // a span on the mark itself: line 1, column 1
  CHECK(sources.line_col(f, 0).column == 1);
  CHECK(sources.line_text(f, 1) == "model x");
  CHECK(sources.line_col(f, 11).line == 2);
  DiagnosticSink sink;
  sink.report(DiagKind::SyntaxError, {f, 0, 0}, "m");
  sink.report(DiagKind::SyntaxError, find_span(sources, f, "x"), "n");
  CHECK(render_text(sources, sink.sorted()) ==
        "t.moat:1:1: error: m [SyntaxError]\n"
        " 1 | model x\n"
        "   | ^\n"
        "t.moat:1:7: error: n [SyntaxError]\n"
        " 1 | model x\n"
        "   |       ^\n");
}
