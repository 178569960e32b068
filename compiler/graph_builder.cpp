#include "compiler/graph_builder.hpp"

#include <algorithm>
#include <string_view>

#include "compiler/flow_ids.hpp"
#include "compiler/parallel.hpp"
#include "compiler/relays.hpp"
#include "compiler/suggest.hpp"

namespace moat {

namespace {

void register_id(ModelGraph& g, ElementId e, DiagnosticSink& diags) {
  const ElementRec& rec = g.elements[e];
  const ElementId existing = g.ids.add(e, g.elements);
  if (existing == kNoElement) return;
  const ElementRec& first = g.elements[existing];
  diags
      .report(DiagKind::DuplicateId, rec.id_span,
              std::string("'") + rec.id + "' is already declared (as " +
                  kind_with_article(first.kind) + ")")
      .notes.push_back({first.id_span, "first declared here"});
}

// Built in place (the table is reserved): a record built apart and moved in cost a third of
// this function on a large model.
ElementId add_element(ModelGraph& g, Kind kind, std::string_view id,
                      const std::optional<std::string>& title, Span id_span, Span keyword) {
  const ElementId added = g.elements.next_id();
  ElementRec& rec = g.elements.emplace_back();
  rec.kind = kind;
  rec.id.append(id);  // not assign(): libstdc++ takes its generic replace path for that
  rec.title = title ? *title : rec.id;
  rec.id_span = id_span;
  rec.keyword = keyword;
  return added;
}

/// A declared element with its attributes; `reverse` for the second direction of a `<->`.
struct Declared {
  ElementId element = kNoElement;
  const std::vector<ast::Attribute>* attrs = nullptr;
  bool reverse = false;
};

/// Earlier ids (`was = [old]`) resolve to the renamed element everywhere: in flow endpoints,
/// `carries`, targets. They are read from the syntax, before any reference is resolved. The
/// reverse direction of a two-way flow was `old-reverse`, as its own id is `NAME-reverse`.
void register_aliases(ModelGraph& g, const std::vector<Declared>& decls, DiagnosticSink& diags) {
  for (const auto& [e, attrs, reverse] : decls) {
    for (const ast::Attribute& a : *attrs) {
      if (a.name.name != "was") continue;
      const std::vector<ast::Value> one{a.value};
      for (const ast::Value& v : a.value.kind == ast::ValueKind::List ? a.value.items : one) {
        if (v.kind != ast::ValueKind::Ref) continue;  // the type check reports it
        const std::string alias = reverse ? reverse_flow_id(v.text) : v.text;
        const ElementId holder = g.ids.add_alias(alias, e, g.elements);
        if (holder != kNoElement && holder != e) {
          diags
              .report(DiagKind::DuplicateId, v.span,
                      "earlier id '" + alias + "' of '" + g.elements[e].id +
                          "' is in use by another element")
              .notes.push_back({g.elements[holder].id_span, "'" + alias + "' is declared here"});
        }
      }
    }
  }
}

}  // namespace

void declare_elements(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      DiagnosticSink& diags) {
  std::vector<Declared> decls;
  ElementRec outside;
  outside.id = "@outside";
  outside.title = "Outside every boundary";
  outside.kind = Kind::Boundary;
  g.elements.push_back(outside);
  std::size_t expected = 1;
  for (const ast::Module* m : modules) expected += m->elements.size() + 2 * m->flows.size();
  g.elements.reserve(expected);
  g.ids.reserve(expected);
  decls.reserve(expected);
  for (const ast::Module* m : modules) {
    for (const ast::ElementDecl& d : m->elements) {
      const ElementId e =
          add_element(g, static_cast<Kind>(d.kind), d.id.name, d.title, d.id.span, d.keyword);
      register_id(g, e, diags);
      decls.push_back({e, &d.attrs, false});
    }
  }
  // Named flows before derived ids, so a derived id never takes a name the model chose.
  std::vector<std::pair<const ast::FlowDecl*, bool>> unnamed;
  for (const ast::Module* m : modules) {
    for (const ast::FlowDecl& f : m->flows) {
      for (int half = 0; half < (f.bidirectional ? 2 : 1); ++half) {
        if (!f.name) {
          unnamed.push_back({&f, half == 1});
          continue;
        }
        const std::string id = half ? reverse_flow_id(f.name->name) : f.name->name;
        const ElementId e = add_element(g, Kind::Flow, id, f.title, f.name->span, f.keyword);
        register_id(g, e, diags);
        decls.push_back({e, &f.attrs, half == 1});
      }
    }
  }
  // A derived id never takes an id in use: `_2`, `_3`, ... is appended, in declaration order.
  // The reverse direction of a `<->` is "ID-reverse", like a named flow's.
  std::string forward;
  for (const auto& entry : unnamed) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const ast::FlowDecl* f = entry.first;
    const bool reverse = entry.second;
    const auto taken = [&](const std::string& id) {
      return g.find(id) != kNoElement ||
             (f->bidirectional && g.find(reverse_flow_id(id)) != kNoElement);
    };
    if (!reverse) {
      const std::string base = derived_flow_id(f->source.name, f->target.name, f->title);
      forward = base;
      for (int n = 2; taken(forward); ++n) forward = base + "_" + std::to_string(n);
    }
    const std::string id = reverse ? reverse_flow_id(forward) : forward;
    const ElementId e = add_element(g, Kind::Flow, id, f->title, f->arrow, f->keyword);
    g.ids.add(e, g.elements);
    decls.push_back({e, &f->attrs, reverse});
  }
  register_aliases(g, decls, diags);
}

namespace {

class ElementBuilder {
 public:
  ElementBuilder(ModelGraph& g, ValueConverter& values, DiagnosticSink& diags)
      : g_(g), values_(values), diags_(diags) {}

  void run(const std::vector<const ast::Module*>& modules);

 private:
  void order_flows(const std::vector<const ast::Module*>& modules);
  void look_up_endpoints();
  void attributes(const std::vector<const ast::Module*>& modules);
  void place(const std::vector<const ast::Module*>& modules);
  void endpoints(const std::vector<const ast::Module*>& modules);
  void boundary_depths();
  void trust();
  void crossings();
  void adjacency();
  void data_links();
  /// Fills ModelGraph::cores from the finished elements.
  void pack_cores();
  /// A flow endpoint as looked up: the element named (kNoElement when none), and whether it is a
  /// node, which a flow can connect.
  struct Endpoint {
    ElementId found;
    bool node = false;
  };
  Endpoint look_up(const ast::Ident& name) const;
  ElementId endpoint(const ast::Ident& name, Endpoint at);
  int slot(Kind k, const char* name) const { return g_.schema.of(decl_kind(k)).slot(name); }

  ModelGraph& g_;
  ValueConverter& values_;
  DiagnosticSink& diags_;
  /// Per flow element: its declaration, and whether it is the reverse half of a `<->`.
  IdVector<ElementId, std::pair<const ast::FlowDecl*, bool>> flow_decls_;
  ElementId first_flow_;  ///< the flows are the elements from here on
  /// Per flow, from first_flow_: its declaration's source and target as looked up, as written
  /// (not swapped for a reverse half).
  std::vector<std::pair<Endpoint, Endpoint>> ends_;
};

/// Below this many flows, looking their endpoints up is not worth a thread.
constexpr std::size_t kThreadedLookups = 4096;

void ElementBuilder::run(const std::vector<const ast::Module*>& modules) {
  order_flows(modules);
  {
    // The flows' endpoints are looked up on another core while the attributes are filled and
    // the nodes placed. The lookups only read the id table and the elements' ids and kinds
    // (those passes write other members), and on a large model their cache misses were a sixth
    // of this pass. Diagnostics are still reported in endpoints(), in order.
    const std::size_t threads = ends_.size() >= kThreadedLookups ? worker_threads() : 1;
    for_each_piece(2, threads, [&](std::size_t piece) {
      if (piece == 0) {
        look_up_endpoints();
      } else {
        attributes(modules);
        place(modules);
      }
    });
  }
  endpoints(modules);
  boundary_depths();
  trust();
  crossings();
  adjacency();
  data_links();
  link_relays(g_);
  pack_cores();
}

void ElementBuilder::pack_cores() {
  g_.cores.clear();
  g_.cores.reserve(g_.elements.size());
  for (const ElementRec& e : g_.elements)
    g_.cores.push_back({e.attrs, e.boundary, e.flow, e.kind, e.trust});
}

void ElementBuilder::attributes(const std::vector<const ast::Module*>& modules) {
  // Every element takes one value per field of its kind, and each declaration filled after the
  // elements (rules, mitigations, ...) at most as many as the widest schema: reserved at once,
  // the pool is not copied as it grows (a 400,000-element model fills about 5 million values).
  std::size_t values = g_.values.size(), widest = 0, later = 1;  // 1: the model
  for (const KindSchema& k : g_.schema.kinds) widest = std::max(widest, k.fields.size());
  for (const ElementRec& e : g_.elements) values += g_.schema.of(decl_kind(e.kind)).fields.size();
  for (const ast::Module* m : modules) {
    later += m->rules.size() + m->threats.size() + m->mitigations.size() + m->assumptions.size() +
             m->accepts.size() + m->dismissals.size() + m->attestations.size() +
             m->classifications.size() + m->scans.size();
  }
  g_.values.reserve(values + later * widest);
  g_.elements[ModelGraph::kOutside].attrs = values_.fill(DeclKind::Boundary, {}, "@outside", {});
  std::uint32_t next = 1;
  for (const ast::Module* m : modules) {
    for (const ast::ElementDecl& d : m->elements) {
      ElementRec& e = g_.elements[ElementId(next++)];
      e.attrs = values_.fill(decl_kind(e.kind), d.attrs, e.id, d.id.span);
    }
  }
  for (const ElementId id : g_.elements.ids_from(first_flow_.index())) {
    ElementRec& e = g_.elements[id];
    e.attrs = values_.fill(DeclKind::Flow, flow_decls_[id].first->attrs, e.id, e.id_span);
  }
}

// Flows were declared named first, then unnamed: their declarations in that same order. Each
// becomes a flow record in endpoints().
void ElementBuilder::order_flows(const std::vector<const ast::Module*>& modules) {
  std::uint32_t next = 1;
  for (const ast::Module* m : modules) next += static_cast<std::uint32_t>(m->elements.size());
  first_flow_ = ElementId(next);
  flow_decls_.assign(g_.elements.size(), {nullptr, false});
  g_.flows.reserve(g_.elements.size() - next);
  ends_.resize(g_.elements.size() - next);
  for (const bool named : {true, false}) {
    for (const ast::Module* m : modules) {
      for (const ast::FlowDecl& f : m->flows) {
        if (f.name.has_value() != named) continue;
        for (int half = 0; half < (f.bidirectional ? 2 : 1); ++half)
          flow_decls_[ElementId(next++)] = {&f, half == 1};
      }
    }
  }
}

void ElementBuilder::look_up_endpoints() {
  for (const ElementId id : g_.elements.ids_from(first_flow_.index())) {
    const ast::FlowDecl& f = *flow_decls_[id].first;
    ends_[id.index() - first_flow_.index()] = {look_up(f.source), look_up(f.target)};
  }
}

ElementBuilder::Endpoint ElementBuilder::look_up(const ast::Ident& name) const {
  const ElementId e = g_.find(name.name);
  return {e, e != kNoElement && (kNodeKinds & kind_bit(g_.elements[e].kind))};
}

// The boundary of each node and boundary: its enclosing block, or its `boundary` attribute.
void ElementBuilder::place(const std::vector<const ast::Module*>& modules) {
  std::uint32_t next = 1;
  for (const ast::Module* m : modules) {
    const std::uint32_t first = next;
    for (const ast::ElementDecl& d : m->elements) {
      ElementRec& e = g_.elements[ElementId(next++)];
      if (e.kind == Kind::Data) continue;
      e.boundary = d.parent >= 0 ? ElementId(first + static_cast<std::uint32_t>(d.parent))
                                 : ModelGraph::kOutside;
      const int s = slot(e.kind, "boundary");
      if (s < 0) continue;
      const Val placed = g_.attr(g_.elements.id_of(e), s);
      if (!placed.is_set()) continue;
      if (d.parent >= 0) {
        diags_
            .report(DiagKind::ConflictingPlacement, d.id.span,
                    "'" + e.id + "' is declared inside boundary '" + g_.elements[e.boundary].id +
                        "' and also has a 'boundary' attribute")
            .notes.push_back(
                {{}, "declare it outside every boundary to place it with 'boundary = ...'"});
        continue;
      }
      e.boundary = placed.id<ElementId>();
    }
  }
}

void ElementBuilder::boundary_depths() {
  // Iterative walk up the parent chain; a chain longer than the element count is a cycle.
  const std::size_t n = g_.elements.size();
  for (ElementId b : g_.elements.ids_from(1)) {
    if (g_.elements[b].kind != Kind::Boundary) continue;
    std::uint32_t depth = 0;
    ElementId at = b;
    while (at != ModelGraph::kOutside && depth <= n) {
      at = g_.elements[at].boundary;
      ++depth;
    }
    if (depth > n) {
      diags_.report(DiagKind::BoundaryCycle, g_.elements[b].id_span,
                    "boundary '" + g_.elements[b].id + "' is placed inside itself");
      g_.elements[b].boundary = ModelGraph::kOutside;
      depth = 1;
    }
    g_.elements[b].depth = depth;
  }
}

/// The node `name` names, looked up before (`at`); reports a name that is unknown or not a node.
ElementId ElementBuilder::endpoint(const ast::Ident& name, Endpoint at) {
  if (at.node) return at.found;
  const ElementId found = at.found;
  if (found == kNoElement) {
    std::vector<std::string_view> names;
    for (const ElementRec& e : g_.elements) {
      if (kNodeKinds & kind_bit(e.kind)) names.push_back(e.id);
    }
    auto& d =
        diags_.report(DiagKind::UnknownElement, name.span, "unknown element '" + name.name + "'");
    const std::string best = closest_match(name.name, names);
    if (!best.empty()) DiagnosticSink::suggest(d, best, g_.elements[g_.find(best)].id_span);
    return kNoElement;
  }
  const ElementRec& e = g_.elements[found];
  diags_
      .report(DiagKind::WrongElementKind, name.span,
              "'" + name.name + "' is " + kind_with_article(e.kind) +
                  "; a flow connects actors, externals, processes and stores")
      .notes.push_back({e.id_span, "'" + name.name + "' is declared here"});
  return kNoElement;
}

void ElementBuilder::endpoints(const std::vector<const ast::Module*>&) {
  const int enc = slot(Kind::Flow, "encrypted"), proto = slot(Kind::Flow, "protocol");
  for (ElementId e : g_.elements.ids()) {
    const auto [f, reverse] = flow_decls_[e];
    if (!f) continue;
    FlowRec rec;
    rec.element = e;
    const auto [source, target] = ends_[e.index() - first_flow_.index()];
    rec.source = reverse ? endpoint(f->target, target) : endpoint(f->source, source);
    rec.target = reverse ? endpoint(f->source, source) : endpoint(f->target, target);
    // The two directions of a `<->` are consecutive elements (see order_flows()).
    if (f->bidirectional) rec.partner = ElementId(reverse ? e.index() - 1 : e.index() + 1);
    rec.reverse = reverse;
    if (rec.source != kNoElement && rec.source == rec.target && !reverse) {
      diags_.report(DiagKind::SelfFlow, f->arrow,
                    "flow '" + g_.elements[e].id + "' starts and ends at '" + f->source.name + "'");
    }
    const Val explicit_enc = g_.attr(e, enc);
    const Val p = g_.attr(e, proto);
    rec.encrypted =
        explicit_enc.is_set() ? explicit_enc.bits != 0 : p.is_set() && g_.builtins.encrypts(p.bits);
    g_.elements[e].flow = g_.flows.next_id();
    g_.flows.push_back(rec);
  }
}

void ElementBuilder::trust() {
  const int boundary_trust = slot(Kind::Boundary, "trust");
  g_.elements[ModelGraph::kOutside].trust = builtin::kTrustUntrusted.ordinal;
  // A boundary's trust is its own (default internal); it is not inherited from its parent.
  for (ElementRec& e : g_.elements) {
    if (e.kind == Kind::Boundary && &e != &g_.elements[ModelGraph::kOutside]) {
      const Val t = g_.values[e.attrs + boundary_trust];
      e.trust = t.is_set() ? static_cast<std::uint8_t>(t.bits) : builtin::kTrustInternal.ordinal;
    }
  }
  for (ElementRec& e : g_.elements) {
    if (!(kNodeKinds & kind_bit(e.kind))) continue;
    e.trust = g_.elements[e.boundary].trust;
    const int own = slot(e.kind, "trust");
    if (own >= 0 && g_.values[e.attrs + own].is_set()) {
      e.trust = static_cast<std::uint8_t>(g_.values[e.attrs + own].bits);
    }
  }
}

// The boundaries a flow exits and enters: the two ancestor chains up to their common ancestor.
void ElementBuilder::crossings() {
  std::vector<ElementId> up_s, up_t;
  for (FlowRec& f : g_.flows) {
    if (f.source == kNoElement || f.target == kNoElement) continue;
    ElementId a = g_.elements[f.source].boundary, b = g_.elements[f.target].boundary;
    up_s.clear();
    up_t.clear();
    auto depth = [&](ElementId x) { return g_.elements[x].depth; };
    while (depth(a) > depth(b)) up_s.push_back(a), a = g_.elements[a].boundary;
    while (depth(b) > depth(a)) up_t.push_back(b), b = g_.elements[b].boundary;
    while (a != b) {
      up_s.push_back(a), a = g_.elements[a].boundary;
      up_t.push_back(b), b = g_.elements[b].boundary;
    }
    f.exits = {static_cast<std::uint32_t>(g_.crossings.size()),
               static_cast<std::uint32_t>(up_s.size())};
    g_.crossings.insert(g_.crossings.end(), up_s.begin(), up_s.end());
    f.enters = {static_cast<std::uint32_t>(g_.crossings.size()),
                static_cast<std::uint32_t>(up_t.size())};
    g_.crossings.insert(g_.crossings.end(), up_t.rbegin(), up_t.rend());
  }
}

// Compressed rows: count per element, prefix sums, then fill in flow order.
void fill_rows(std::size_t n, const std::vector<std::pair<ElementId, ElementId>>& pairs,
               std::vector<std::uint32_t>& offsets, std::vector<ElementId>& items) {
  offsets.assign(n + 1, 0);
  for (const auto& [owner, item] : pairs) ++offsets[owner.index() + 1];
  for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  items.assign(pairs.size(), kNoElement);
  std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (const auto& [owner, item] : pairs) items[cursor[owner.index()]++] = item;
}

void ElementBuilder::adjacency() {
  std::vector<std::pair<ElementId, ElementId>> in, out;
  for (const FlowRec& f : g_.flows) {
    if (f.target != kNoElement) in.push_back({f.target, f.element});
    if (f.source != kNoElement) out.push_back({f.source, f.element});
  }
  fill_rows(g_.elements.size(), in, g_.inbound_offsets, g_.inbound);
  fill_rows(g_.elements.size(), out, g_.outbound_offsets, g_.outbound);
}

void ElementBuilder::data_links() {
  std::vector<std::pair<ElementId, ElementId>> carried, held;
  const int carries = slot(Kind::Flow, "carries"), holds = slot(Kind::Store, "holds");
  for (ElementId e : g_.elements.ids()) {
    const Kind k = g_.elements[e].kind;
    const int s = k == Kind::Flow ? carries : k == Kind::Store ? holds : -1;
    if (s < 0) continue;
    const Val list = g_.attr(e, s);
    if (!list.is_set()) continue;
    for (std::uint32_t i = 0; i < list.list_size(); ++i) {
      const auto d = g_.list_items[list.list_offset() + i].id<ElementId>();
      (k == Kind::Flow ? carried : held).push_back({d, e});
    }
  }
  fill_rows(g_.elements.size(), carried, g_.carried_offsets, g_.carried_by);
  fill_rows(g_.elements.size(), held, g_.held_offsets, g_.held_by);
}

}  // namespace

void build_elements(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                    ValueConverter& values, DiagnosticSink& diags) {
  ElementBuilder(g, values, diags).run(modules);
}

}  // namespace moat
