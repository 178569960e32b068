// What completion and range formatting read from raw text (lsp/cursor_context.hpp,
// lsp/range_format.hpp): blocks, written attributes, the entry and the partial word at the
// cursor; the top-level statements a range touches.
#include <doctest/doctest.h>

#include "lsp/cursor_context.hpp"
#include "lsp/range_format.hpp"

using namespace moat::lsp;

namespace {

/// The context at the `|` of `marked`, which is removed.
CursorContext at_mark(std::string marked) {
  const auto at = marked.find('|');
  marked.erase(at, 1);
  return cursor_context(marked, static_cast<std::uint32_t>(at));
}

}  // namespace

TEST_CASE("lsp: cursor context of an attribute value being typed") {
  const CursorContext c = at_mark(
      "boundary b \"B\" {\n  process api \"API\" {\n    authn = oidc\n"
      "    authz = rb|\n");
  CHECK(c.completable);
  CHECK(c.block == "process");
  CHECK(c.blocks == std::vector<std::string>{"boundary", "process"});
  CHECK(c.written.count("authn") == 1);
  CHECK(c.value_of() == "authz");
  CHECK(c.prefix == "rb");
  CHECK(!c.in_list);
}

TEST_CASE("lsp: cursor context in lists, after a closed block, at a dotted word") {
  CursorContext c =
      at_mark("process a { x = 1 }\nmitigation m \"M\" { mitigates = [a.tampering, a.|");
  CHECK(c.block == "mitigation");
  CHECK(c.value_of() == "mitigates");
  CHECK(c.in_list);
  CHECK(c.prefix == "a.");
  c = at_mark("process a { x = 1 }\n|");
  CHECK(c.block.empty());
  CHECK(c.entry.empty());
  c = at_mark("flow f: a -> |");
  CHECK(c.entry == std::vector<std::string>{"flow", "f", ":", "a", "->"});
  c = at_mark("flow a <-> b|");
  CHECK(c.entry == std::vector<std::string>{"flow", "a", "->"});
  CHECK(c.prefix == "b");
}

TEST_CASE("lsp: no completion inside strings and comments") {
  CHECK(!at_mark("process a \"A|\"").completable);
  CHECK(!at_mark("// process |").completable);
  CHECK(!at_mark("/* process | */").completable);
  CHECK(at_mark("/* c */ process a \"A\" { |").completable);
}

TEST_CASE("lsp: range formatting takes the enclosing top-level statements") {
  const std::string text =
      "actor a \"A\"\n\nboundary b {\n  trust = internal\n}\n\n// c\nactor z\n";
  const auto inner = static_cast<std::uint32_t>(text.find("trust"));
  StatementRange r = enclosing_statements(text, inner, inner);
  CHECK(text.substr(r.begin, r.end - r.begin) == "boundary b {\n  trust = internal\n}");
  r = enclosing_statements(text, 0, inner);
  CHECK(r.begin == 0);
  CHECK(text.substr(r.end - 1, 1) == "}");
  const auto z = static_cast<std::uint32_t>(text.find("actor z"));
  r = enclosing_statements(text, z, static_cast<std::uint32_t>(text.size()));
  CHECK(text.substr(r.begin, r.end - r.begin) == "actor z");
}
