#include "analyzer/graph_facts.hpp"

#include <algorithm>
#include <string>

#include "compiler/attr_slot.hpp"
#include "compiler/parallel.hpp"

namespace moat {

namespace {

bool is_node(const ModelGraph& g, ElementId e) {
  return (kNodeKinds & kind_bit(g.elements[e].kind)) != 0;
}

/// The attributes the facts read, on every flow and node: their slots resolved once.
struct FactSlots {
  explicit FactSlots(const ModelGraph& g)
      : forwards(g, "forwards"),
        authn(g, "authn"),
        carries(g, "carries"),
        credentials(g, "credentials") {}
  AttrSlot forwards, authn, carries, credentials;
};

/// Whether flow `f` names a way to authenticate: `authn` is a list of methods, and any method
/// but `none` (ordinal 0) counts. An absent or empty list does not.
bool authenticates(const ModelGraph& g, const FactSlots& s, ElementId f) {
  const Val list = s.authn.of(g, f);
  if (!list.is_set()) return false;
  for (std::uint32_t k = 0; k < list.list_size(); ++k) {
    if (g.list_items[list.list_offset() + k].bits != 0) return true;
  }
  return false;
}

/// Nodes by trust ordinal, in declaration order within each level.
std::vector<std::vector<ElementId>> nodes_by_trust(const ModelGraph& g) {
  std::vector<std::vector<ElementId>> levels;
  for (ElementId e : g.elements.ids_from(1)) {
    if (!is_node(g, e)) continue;
    const std::uint8_t t = g.elements[e].trust;
    if (levels.size() <= t) levels.resize(t + 1u);
    levels[t].push_back(e);
  }
  return levels;
}

/// Breadth first from the least trusted level up: a node keeps the first (lowest) level that
/// reaches it, and `relays` decides which reached nodes pass it on. Each node is expanded at
/// most twice (as an origin at its own level and as a relay at its lowest), so the cost is
/// linear in flows.
template <typename Relays>
Propagation propagate(const ModelGraph& g, const std::vector<std::vector<ElementId>>& levels,
                      Relays relays) {
  Propagation p;
  p.level.assign(g.elements.size(), kNoTrust);
  p.by.assign(g.elements.size(), kNoElement);
  std::vector<ElementId> queue;
  for (std::size_t level = 0; level < levels.size(); ++level) {
    const auto l = static_cast<std::uint8_t>(level);
    queue.assign(levels[level].begin(), levels[level].end());
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const ElementId s = queue[head];
      for (const ElementId f : g.outbound_of(s)) {
        const ElementId t = g.flow(f).target;
        if (t == kNoElement || p.level[t] != kNoTrust) continue;
        p.level[t] = l;
        p.by[t] = f;
        if (relays(t)) queue.push_back(t);
      }
    }
  }
  return p;
}

/// What an attacker holding a process's credentials can call: the targets of its authenticated
/// outbound flows and the stores it reads through authenticated flows.
void process_reach(const ModelGraph& g, const FactSlots& slots, ElementId p,
                   std::vector<ElementId>& out) {
  for (const ElementId f : g.outbound_of(p)) {
    if (authenticates(g, slots, f)) out.push_back(g.flow(f).target);
  }
  for (const ElementId f : g.inbound_of(p)) {
    const ElementId s = g.flow(f).source;
    if (g.elements[s].kind == Kind::Store && authenticates(g, slots, f)) out.push_back(s);
  }
}

/// True when flow `f` carries a data element marked `credentials`.
bool carries_credentials(const ModelGraph& g, const FactSlots& slots, ElementId f) {
  const Val list = slots.carries.of(g, f);
  if (!list.is_set()) return false;
  for (std::uint32_t k = 0; k < list.list_size(); ++k) {
    const auto d = g.list_items[list.list_offset() + k].id<ElementId>();
    if (slots.credentials.flag(g, d)) return true;
  }
  return false;
}

/// Per node, what its credentials open (docs/rules.md): for a process, process_reach(); for a
/// store, the reach of every process it hands credential data to.
void compute_reach(const ModelGraph& g, const FactSlots& slots, GraphFacts& facts) {
  facts.reach_offsets.clear();
  facts.reach_offsets.reserve(g.elements.size() + 1);
  std::vector<ElementId> row;
  for (ElementId e : g.elements.ids()) {
    facts.reach_offsets.push_back(static_cast<std::uint32_t>(facts.reach.size()));
    row.clear();
    if (g.elements[e].kind == Kind::Process) process_reach(g, slots, e, row);
    if (g.elements[e].kind == Kind::Store) {
      for (const ElementId f : g.outbound_of(e)) {
        const ElementId t = g.flow(f).target;
        if (g.elements[t].kind == Kind::Process && carries_credentials(g, slots, f)) {
          process_reach(g, slots, t, row);
        }
      }
    }
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    row.erase(std::remove(row.begin(), row.end(), e), row.end());
    facts.reach.insert(facts.reach.end(), row.begin(), row.end());
  }
  facts.reach_offsets.push_back(static_cast<std::uint32_t>(facts.reach.size()));
}

/// Per node, the distinct sources of its inbound flows (`called_by`), first flow first: linear in
/// flows, as `seen_by[s] == e` marks a source already listed for `e`.
void compute_called_by(const ModelGraph& g, GraphFacts& facts) {
  facts.called_by_offsets.clear();
  facts.called_by_offsets.reserve(g.elements.size() + 1);
  IdVector<ElementId, ElementId> seen_by(g.elements.size(), kNoElement);
  for (ElementId e : g.elements.ids()) {
    facts.called_by_offsets.push_back(static_cast<std::uint32_t>(facts.called_by.size()));
    for (const ElementId f : g.inbound_of(e)) {
      const ElementId s = g.flow(f).source;
      if (seen_by[s] == e) continue;
      seen_by[s] = e;
      facts.called_by.push_back(s);
    }
  }
  facts.called_by_offsets.push_back(static_cast<std::uint32_t>(facts.called_by.size()));
}

}  // namespace

Val attribute_named(const ModelGraph& g, ElementId e, const char* name) {
  const int slot = g.schema.of(static_cast<DeclKind>(g.elements[e].kind)).slot(name);
  return slot < 0 ? Val{} : g.attr(e, slot);
}

std::vector<ElementId> Propagation::flows(const ModelGraph& g, ElementId e) const {
  std::vector<ElementId> out;
  if (!level.contains(e) || level[e] == kNoTrust) return out;
  const std::uint8_t origin_trust = level[e];
  // Each step goes back to a node reached earlier at the same level, or to an origin (a node of
  // that trust); the bound only guards against a broken invariant.
  for (std::size_t steps = 0; steps < g.elements.size(); ++steps) {
    const ElementId f = by[e];
    if (f == kNoElement) break;
    out.push_back(f);
    e = g.flow(f).source;
    if (g.elements[e].trust == origin_trust) break;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<ElementId> Propagation::path(const ModelGraph& g, ElementId e) const {
  std::vector<ElementId> nodes;
  const std::vector<ElementId> fs = flows(g, e);
  if (fs.empty()) return nodes;
  nodes.push_back(g.flow(fs.front()).source);
  for (ElementId f : fs) nodes.push_back(g.flow(f).target);
  return nodes;
}

GraphFacts compute_graph_facts(const ModelGraph& g) {
  GraphFacts facts;
  if (g.outbound_offsets.size() != g.elements.size() + 1) return facts;
  const std::vector<std::vector<ElementId>> levels = nodes_by_trust(g);
  const FactSlots slots(g);
  // Four facts, each written by its own piece: a large model computes them side by side.
  auto piece = [&](std::size_t i) {
    switch (i) {
      case 0:
        facts.reached = propagate(g, levels, [&](ElementId t) {
          return g.elements[t].kind == Kind::Process && slots.forwards.flag(g, t);
        });
        break;
      case 1:
        facts.data = propagate(g, levels, [&](ElementId t) {
          const Kind k = g.elements[t].kind;
          return k == Kind::Process || k == Kind::Store;
        });
        break;
      case 2:
        compute_reach(g, slots, facts);
        break;
      default:
        compute_called_by(g, facts);
        break;
    }
  };
  for_each_piece(4, g.elements.size() >= kParallelItems ? worker_threads() : 1, piece);
  return facts;
}

std::string path_text(const ModelGraph& g, const std::vector<ElementId>& path) {
  std::string out;
  for (ElementId e : path) out += (out.empty() ? "" : " → ") + g.elements[e].id;
  return out;
}

}  // namespace moat
