// libFuzzer target: rule expressions, compiled and evaluated. The input is one rule's `applies`
// list (its first line) and `when` condition (the rest), placed in a fixed model whose elements
// and flows give quantifiers something to range over: nested boundaries, flows both ways and
// across them, data carried and held. Most mutations of a whole model never reach a `when`; here
// every input does, so the fuzzer spends its time in the expression compiler, the evaluator and
// `moat explain`. Properties: no crash or sanitizer report; a rule that does not compile says
// why; `explain` gives the rule's status on every element.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/analysis.hpp"
#include "analyzer/explain.hpp"
#include "fuzz_compile.hpp"

namespace {

constexpr const char* kModel = R"(model "Rules" { version = "1.0", soc2_scope = [security] }
use soc2
data card "Card" { classification = secret, pii = true, credentials = true, retention = 30d }
data log "Log" { tags = ["a", "b"] }
actor user "User" { mfa = true }
external bank "Bank" { trust = partner }
boundary cloud "Cloud" {
  trust = restricted
  boundary dmz "DMZ" {
    trust = partner
    process api "API" { authn = jwt, authz = rbac, web = true, tags = ["x"] }
  }
  process worker "Worker" { runs_as_root = true }
  store db "DB" { kind = database, holds = [card, log] }
}
flow login: user -> api "Login" { carries = [card], protocol = https }
flow write: api -> db "Write" { carries = [card, log], protocol = sql }
flow read: db -> api "Read" { carries = [card] }
flow jobs: api <-> worker "Jobs" { protocol = amqp }
flow pay: worker -> bank "Pay" { carries = [card], protocol = http }
rule fuzzed "Fuzzed" {
  category = tampering
  severity = low
  applies = [)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t line = input.find('\n');
  const std::string applies = line == std::string::npos ? "process" : input.substr(0, line);
  const std::string when = line == std::string::npos ? input : input.substr(line + 1);
  auto c = moat::fuzz::compile_input(kModel + applies + "]\n  when = " + when + "\n}\n");
  if (c->load == moat::LoadStatus::RootUnreadable) __builtin_trap();
  if (!c->ok()) {
    // A rule that does not compile must say why.
    if (moat::render_text(c->program.sources, c->diags.sorted()).empty()) __builtin_trap();
    return 0;
  }
  const moat::ModelGraph& g = c->graph;
  const moat::Analysis a = moat::analyze(g, {moat::fuzz::kFixedToday}, c->diags);
  // An EvaluationLimit error must say so; each explanation would spend a whole budget again.
  if (c->diags.has_errors()) {
    if (moat::render_text(c->program.sources, c->diags.sorted()).empty()) __builtin_trap();
    return 0;
  }
  for (const moat::RuleId r : g.rules.ids()) {
    if (g.rules[r].from_stdlib) continue;
    for (const moat::ElementId e : g.elements.ids_from(1)) {
      if (moat::explain(c->program.sources, g, a, r, e).find("\nstatus: ") == std::string::npos &&
          (g.rules[r].applies & moat::kind_bit(g.elements[e].kind))) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
