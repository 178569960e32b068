#include "analyzer/attack_paths.hpp"

#include <algorithm>

namespace moat {

namespace {

/// Breadth first from the query's origins over every flow; processes and stores pass on what
/// reaches them, actors and external systems only start paths. `by[e]` is the flow that first
/// reached `e`, so following it back gives a shortest path.
struct Search {
  IdVector<ElementId, std::int32_t> hops;
  IdVector<ElementId, ElementId> by;
};

bool is_origin(const ModelGraph& g, const PathQuery& q, ElementId e) {
  if (q.origin != kNoElement) return e == q.origin;
  return (kNodeKinds & kind_bit(g.elements[e].kind)) && g.elements[e].trust <= q.max_trust;
}

Search search(const ModelGraph& g, const PathQuery& q) {
  Search s;
  s.hops.assign(g.elements.size(), -1);
  s.by.assign(g.elements.size(), kNoElement);
  std::vector<ElementId> queue;
  for (ElementId e : g.elements.ids_from(1)) {
    if (!is_origin(g, q, e)) continue;
    s.hops[e] = 0;
    queue.push_back(e);
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const ElementId n = queue[head];
    const Kind k = g.elements[n].kind;
    if (s.hops[n] > 0 && k != Kind::Process && k != Kind::Store) continue;
    for (ElementId f : g.outbound_of(n)) {
      const ElementId t = g.flow(f).target;
      if (t == kNoElement || s.hops[t] >= 0) continue;
      s.hops[t] = s.hops[n] + 1;
      s.by[t] = f;
      queue.push_back(t);
    }
  }
  return s;
}

std::uint8_t classification_of(const ModelGraph& g, ElementId data) {
  const Val v = attribute_named(g, data, "classification");
  return v.is_set() ? static_cast<std::uint8_t>(v.bits) : 0;
}

/// The data a node holds (a store's `holds`) or receives (flows into it carry).
std::vector<ElementId> data_at(const ModelGraph& g, ElementId n) {
  std::vector<ElementId> out;
  auto add_list = [&](ElementId e, const char* name) {
    const Val v = attribute_named(g, e, name);
    if (!v.is_set()) return;
    for (std::uint32_t k = 0; k < v.list_size(); ++k) {
      out.push_back(g.list_items[v.list_offset() + k].id<ElementId>());
    }
  };
  if (g.elements[n].kind == Kind::Store) add_list(n, "holds");
  for (ElementId f : g.inbound_of(n)) add_list(f, "carries");
  return out;
}

std::uint8_t most_sensitive(const ModelGraph& g, const std::vector<ElementId>& nodes) {
  std::uint8_t c = 0;
  for (ElementId n : nodes) {
    for (ElementId d : data_at(g, n)) c = std::max(c, classification_of(g, d));
  }
  return c;
}

AttackPath make_path(const ModelGraph& g, const Analysis& a, const Search& s, ElementId holder,
                     const IdVector<ElementId, std::vector<ThreatId>>& open_on) {
  AttackPath p;
  for (ElementId n = holder; s.by[n] != kNoElement; n = g.flow(s.by[n]).source) {
    p.flows.push_back(s.by[n]);
  }
  std::reverse(p.flows.begin(), p.flows.end());
  p.nodes.push_back(g.flow(p.flows.front()).source);
  for (ElementId f : p.flows) p.nodes.push_back(g.flow(f).target);
  auto collect = [&](ElementId e) {
    for (ThreatId t : open_on[e]) {
      p.threats.push_back(t);
      p.worst = std::max<std::int32_t>(p.worst, a.threats[t].severity);
    }
  };
  for (std::size_t i = 0; i < p.flows.size(); ++i) {
    collect(p.flows[i]);
    collect(p.nodes[i + 1]);
  }
  return p;
}

/// The holder of `data` nearest to an origin (fewest hops, then declaration order), or none.
ElementId nearest_holder(const ModelGraph& g, const Search& s, ElementId data) {
  ElementId best = kNoElement;
  auto consider = [&](ElementId n) {
    if (n == kNoElement || s.hops[n] <= 0) return;
    if (best == kNoElement || s.hops[n] < s.hops[best] || (s.hops[n] == s.hops[best] && n < best)) {
      best = n;
    }
  };
  for (ElementId store : g.held_by_of(data)) consider(store);
  for (ElementId flow : g.carried_by_of(data)) consider(g.flow(flow).target);
  return best;
}

bool riskier(const AttackPath& x, const AttackPath& y) {
  if (x.classification != y.classification) return x.classification > y.classification;
  if (x.worst != y.worst) return x.worst > y.worst;
  if (x.nodes.size() != y.nodes.size()) return x.nodes.size() < y.nodes.size();
  return x.data != y.data ? x.data < y.data : x.nodes.back() < y.nodes.back();
}

}  // namespace

std::vector<AttackPath> attack_paths(const ModelGraph& g, const Analysis& a, const PathQuery& q) {
  std::vector<AttackPath> paths;
  if (g.outbound_offsets.size() != g.elements.size() + 1) return paths;
  const Search s = search(g, q);
  IdVector<ElementId, std::vector<ThreatId>> open_on(g.elements.size());
  for (ThreatId t : a.threats.ids()) {
    if (a.threats[t].status == ThreatStatus::Open) open_on[a.threats[t].element].push_back(t);
  }
  const bool to_node = q.to != kNoElement && g.elements[q.to].kind != Kind::Data;
  if (to_node) {
    if (s.hops[q.to] > 0) {
      paths.push_back(make_path(g, a, s, q.to, open_on));
      paths.back().classification = most_sensitive(g, {q.to});
    }
    return paths;
  }
  constexpr std::uint8_t kConfidential = builtin::kClassificationConfidential.ordinal;
  for (ElementId d : g.elements.ids_from(1)) {
    if (g.elements[d].kind != Kind::Data || (q.to != kNoElement && d != q.to)) continue;
    const std::uint8_t c = classification_of(g, d);
    if (q.to == kNoElement && c < kConfidential) continue;
    const ElementId holder = nearest_holder(g, s, d);
    if (holder == kNoElement) continue;
    paths.push_back(make_path(g, a, s, holder, open_on));
    paths.back().data = d;
    paths.back().classification = c;
  }
  std::sort(paths.begin(), paths.end(), riskier);
  return paths;
}

std::vector<BlastRadius> blast_radii(const ModelGraph& g, const Analysis& a) {
  std::vector<BlastRadius> out;
  const GraphFacts& f = a.graph;
  if (f.reach_offsets.size() != g.elements.size() + 1) return out;
  for (ElementId e : g.elements.ids_from(1)) {
    const Kind k = g.elements[e].kind;
    if (k != Kind::Process && k != Kind::Store) continue;
    bool holds = false;
    for (ElementId d : data_at(g, e))
      holds = holds || attribute_named(g, d, "credentials").bits > 0;
    const Val secrets = attribute_named(g, e, "secrets");
    holds = holds || (secrets.is_set() && secrets.bits > 0);
    const std::span<const ElementId> opens = f.reach_of(e);
    if (!holds || opens.empty()) continue;
    BlastRadius b;
    b.holder = e;
    b.opens.assign(opens.begin(), opens.end());
    b.classification = most_sensitive(g, b.opens);
    out.push_back(std::move(b));
  }
  std::stable_sort(out.begin(), out.end(), [](const BlastRadius& x, const BlastRadius& y) {
    if (x.classification != y.classification) return x.classification > y.classification;
    return x.opens.size() > y.opens.size();
  });
  return out;
}

}  // namespace moat
