// libFuzzer target: `moat fmt` (compiler/formatter.hpp). On any input the formatter must not
// crash. On a model that compiles, formatting must give a model that compiles to the same
// graph (everything but source positions), with the same diagnostics, and formatting the result
// again must change nothing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/formatter.hpp"
#include "fuzz_compile.hpp"

namespace {

using moat::ModelGraph;

void add(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}
void add(std::string& out, std::int64_t n) {
  out += std::to_string(n);
  out += ',';
}
template <class Tag>
void add(std::string& out, moat::Id<Tag> id) {
  add(out, static_cast<std::int64_t>(id.index()));
}
template <typename T>
void add_all(std::string& out, const std::vector<T>& v) {
  add(out, static_cast<std::int64_t>(v.size()));
  for (const T& x : v) add(out, x);
}

/// Everything in the graph that formatting must keep, as one string: no spans, since the
/// formatter moves text around.
std::string fingerprint(const ModelGraph& g) {
  std::string out;
  add(out, g.model.title);
  add(out, g.model.version);
  add(out, g.model.soc2_scope);
  for (const moat::ElementRec& e : g.elements) {
    add(out, static_cast<std::int64_t>(e.kind));
    add(out, e.id);
    add(out, e.title);
    add(out, e.boundary);
    add(out, e.attrs);
    add(out, e.trust);
    add(out, e.flow);
    add(out, e.depth);
  }
  for (const moat::FlowRec& f : g.flows) {
    add(out, f.source);
    add(out, f.target);
    add(out, f.encrypted);
  }
  for (const moat::Val& v : g.values) add(out, v.bits);
  for (const moat::Val& v : g.list_items) add(out, v.bits);
  for (const std::string& s : g.strings) add(out, s);
  add_all(out, g.crossings);
  add_all(out, g.outbound);
  add_all(out, g.inbound);
  add_all(out, g.carried_by);
  add_all(out, g.held_by);
  for (const moat::RuleRec& r : g.rules) {
    add(out, r.id);
    add(out, r.title);
    add(out, r.applies);
    add(out, r.category);
    add(out, r.severity);
    add_all(out, r.controls);
    add(out, r.advice);
    add(out, r.description);
  }
  for (const moat::MitigationRec& m : g.mitigations) {
    add(out, m.id);
    add(out, m.status);
    add(out, m.due.value_or(-1));
    for (const moat::TargetRef& t : m.targets) add(out, t.text);
  }
  for (const moat::AcceptRec& a : g.accepts) {
    add(out, a.target.text);
    add(out, a.reason);
    add(out, a.expires.value_or(-1));
  }
  add(out, static_cast<std::int64_t>(g.assumptions.size()));
  add(out, static_cast<std::int64_t>(g.criteria.size()));
  add(out, static_cast<std::int64_t>(g.attestations.size()));
  return out;
}

/// The kinds of the diagnostics, sorted: positions change when text moves, kinds must not.
std::vector<int> kinds(const moat::DiagnosticSink& diags) {
  std::vector<int> out;
  for (const moat::Diagnostic& d : diags.all()) out.push_back(static_cast<int>(d.kind));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string once = moat::format_source(input);
  auto before = moat::fuzz::compile_input(input);
  if (!before->ok()) return 0;
  // The model compiles: the formatter must keep its meaning and be idempotent.
  if (moat::format_source(once) != once) __builtin_trap();
  if (!moat::format_checked(input).ok) __builtin_trap();
  auto after = moat::fuzz::compile_input(once);
  if (!after->ok()) __builtin_trap();
  if (fingerprint(before->graph) != fingerprint(after->graph)) __builtin_trap();
  if (kinds(before->diags) != kinds(after->diags)) __builtin_trap();
  return 0;
}
