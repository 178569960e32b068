// libFuzzer target: the whole front end and the analyzer on arbitrary bytes, as `moat check`
// runs them, with a fixed date so that expiry checks do not depend on the day of the run; then
// `moat explain` of the model's own rules, which evaluates every sub-expression again with its
// own scopes. Imports are answered from memory (fuzz_compile.hpp).
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/analysis.hpp"
#include "analyzer/explain.hpp"
#include "fuzz_compile.hpp"

namespace {

/// Explains the model's own rules (not the standard library's: those are fixed) on each element,
/// at most this many pairs per input, so that a large model does not make the run slow.
constexpr int kMaxExplained = 64;

void explain_own_rules(const moat::Compilation& c, const moat::Analysis& a) {
  const moat::ModelGraph& g = c.graph;
  int budget = kMaxExplained;
  for (const moat::RuleId r : g.rules.ids()) {
    if (g.rules[r].from_stdlib) continue;
    for (std::uint32_t e = 1; e < g.elements.size() && budget > 0; ++e, --budget) {
      if (moat::explain(c.program.sources, g, a, r, moat::ElementId(e)).empty()) __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  auto c = moat::fuzz::compile_input(input);
  if (c->load == moat::LoadStatus::RootUnreadable) __builtin_trap();
  if (c->ok()) {
    const moat::Analysis a = moat::analyze(c->graph, {moat::fuzz::kFixedToday}, c->diags);
    for (const moat::Threat& t : a.threats) {
      if (moat::threat_id(c->graph, t).empty()) __builtin_trap();
    }
    // After an EvaluationLimit error, each explanation would spend a whole budget again.
    if (!c->diags.has_errors()) explain_own_rules(*c, a);
  }
  const std::string text = moat::render_text(c->program.sources, c->diags.sorted());
  // A model that does not compile must say why.
  if (!c->ok() && text.empty()) __builtin_trap();
  return 0;
}
