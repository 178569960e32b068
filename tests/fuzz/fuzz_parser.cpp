// libFuzzer target: the parser on arbitrary bytes. Any input must end in an AST or in
// diagnostics, never a crash, a sanitizer report or a hang; the diagnostics are rendered too,
// since turning byte offsets into lines, columns and caret lines is where bad spans would show.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/diagnostics.hpp"
#include "compiler/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  moat::SourceManager sources;
  const moat::FileId file =
      sources.add("fuzz.moat", std::string(reinterpret_cast<const char*>(data), size));
  moat::ast::Module module;
  moat::DiagnosticSink diags;
  const bool ok = moat::parse_module(sources, file, module, diags);
  // A parse that fails must say why; one that succeeds must not have reported errors.
  if (ok == diags.has_errors()) __builtin_trap();
  const std::string text = moat::render_text(sources, diags.sorted());
  if (!ok && text.empty()) __builtin_trap();
  return 0;
}
