#include "analyzer/evaluator.hpp"

#include <cassert>

namespace moat {

std::uint64_t evaluation_budget(const ModelGraph& g) {
  return kEvaluationStepsFloor +
         kEvaluationStepsPerItem * (g.elements.size() + g.list_items.size());
}

const GraphFacts& Evaluator::facts() const {
  if (!facts_) {
    own_facts_ = std::make_unique<GraphFacts>(compute_graph_facts(g_));
    facts_ = own_facts_.get();
  }
  return *facts_;
}

bool Evaluator::holds(const CompiledExpr& expr, ElementId e) {
  scope_[0] = e;
  return truth(expr, expr.root);
}

ElementId Evaluator::subject(const CompiledExpr& expr, const ExprNode& n) {
  if (n.base < 0) return scope_[n.scope];
  const Val v = value(expr, n.base);
  return v.is_set() ? v.id<ElementId>() : kNoElement;
}

Val Evaluator::attr(ElementId s, const ExprNode& n) const {
  if (s == kNoElement) return {};
  const ElementCore& e = g_.cores[s];
  const int slot = n.slots[static_cast<int>(e.kind)];
  return slot < 0 ? Val{} : g_.values[e.attrs + slot];
}

Val Evaluator::prop(ElementId s, Computed p) const {
  if (s == kNoElement) return {};
  const ElementCore& e = g_.cores[s];
  switch (p) {
    case Computed::Self:
      return Val::of(s);
    case Computed::Trust:
      return Val::of(e.trust);
    case Computed::Boundary:
      return e.boundary == kNoElement ? Val{} : Val::of(e.boundary);
    case Computed::Type:
      return Val::of(static_cast<int>(e.kind));
    case Computed::Source:
    case Computed::Target: {
      if (e.kind != Kind::Flow) return {};
      const FlowRec& f = g_.flows[e.flow];
      const ElementId x = p == Computed::Source ? f.source : f.target;
      return x == kNoElement ? Val{} : Val::of(x);
    }
    case Computed::CrossesBoundary:
      if (e.kind != Kind::Flow) return {};
      return Val::of(g_.flows[e.flow].exits.size + g_.flows[e.flow].enters.size > 0);
    case Computed::Encrypted:
      if (e.kind != Kind::Flow) return {};
      return Val::of(g_.flows[e.flow].encrypted);
    case Computed::ReachedFrom:
    case Computed::DataFrom: {
      const Propagation& found = p == Computed::ReachedFrom ? facts().reached : facts().data;
      return found.level[s] == kNoTrust ? Val{} : Val::of(found.level[s]);
    }
    default:
      return {};  // list-valued: read through prop_list
  }
}

ListRef Evaluator::prop_list(ElementId s, Computed p) const {
  ListRef r;
  if (s == kNoElement) return r;
  auto rows = [&](const std::vector<std::uint32_t>& offsets, const std::vector<ElementId>& items) {
    if (offsets.empty()) return;
    const std::span<const ElementId> row = row_of(items, offsets, s);
    r.ids = row.data();
    r.size = static_cast<std::uint32_t>(row.size());
  };
  const ElementCore& e = g_.cores[s];
  switch (p) {
    case Computed::Inbound:
      rows(g_.inbound_offsets, g_.inbound);
      break;
    case Computed::Outbound:
      rows(g_.outbound_offsets, g_.outbound);
      break;
    case Computed::CarriedBy:
      rows(g_.carried_offsets, g_.carried_by);
      break;
    case Computed::HeldBy:
      rows(g_.held_offsets, g_.held_by);
      break;
    case Computed::RelayedFrom: {
      if (e.kind != Kind::Flow) break;
      const Range range = g_.flows[e.flow].relayed_from;
      r.ids = g_.relays.data() + range.begin;
      r.size = range.size;
      break;
    }
    case Computed::Opens:
      rows(facts().reach_offsets, facts().reach);
      break;
    case Computed::CalledBy:
      rows(facts().called_by_offsets, facts().called_by);
      break;
    case Computed::Exits:
    case Computed::Enters: {
      if (e.kind != Kind::Flow) break;
      const Range range = p == Computed::Exits ? g_.flows[e.flow].exits : g_.flows[e.flow].enters;
      r.ids = g_.crossings.data() + range.begin;
      r.size = range.size;
      break;
    }
    default:
      break;
  }
  return r;
}

ListRef Evaluator::list(const CompiledExpr& expr, std::int32_t i) {
  const ExprNode& n = expr.nodes[i];
  ListRef r;
  if (n.op == Op::Const) {
    r.vals = expr.constants.data() + n.value.list_offset();
    r.size = n.value.list_size();
  } else if (n.op == Op::Attr) {
    const Val v = attr(subject(expr, n), n);
    if (v.is_set()) {
      r.vals = g_.list_items.data() + v.list_offset();
      r.size = v.list_size();
    }
  } else if (n.op == Op::Prop) {
    r = prop_list(subject(expr, n), n.prop);
  }
  return r;
}

std::string_view Evaluator::text(const CompiledExpr& expr, std::int64_t bits) const {
  if (bits < 0) return expr.strings[static_cast<std::size_t>(-bits - 1)];
  return g_.strings[StringId(static_cast<std::uint32_t>(bits))];
}

bool Evaluator::only(const CompiledExpr& expr, const ExprNode& n) {
  const ListRef items = list(expr, n.a);
  const Val want = value(expr, n.b);
  if (items.size == 0 || !want.is_set()) return false;
  for (std::uint32_t k = 0; k < items.size; ++k) {
    if (items.at(k) != want.bits) return false;
  }
  return true;
}

bool Evaluator::contains(const CompiledExpr& expr, const ExprNode& n, std::int64_t x) {
  const ListRef items = list(expr, n.b);
  const Base b = n.operand_type.base;
  const bool is_text = b == Base::String || b == Base::Location || b == Base::Name;
  for (std::uint32_t k = 0; k < items.size; ++k) {
    if (is_text ? text(expr, items.at(k)) == text(expr, x) : items.at(k) == x) return true;
  }
  return false;
}

bool Evaluator::in_list(const CompiledExpr& expr, const ExprNode& n) {
  if (!n.operand_type.list) {
    const Val x = value(expr, n.a);
    return x.is_set() && contains(expr, n, x.bits);
  }
  // A list of enum members on the left: every one of them is in the right-hand list.
  const ListRef left = list(expr, n.a);
  if (left.size == 0) return false;
  for (std::uint32_t k = 0; k < left.size; ++k) {
    if (!contains(expr, n, left.at(k))) return false;
  }
  return true;
}

bool Evaluator::compare(const CompiledExpr& expr, const ExprNode& n, Val a, Val b) const {
  if (!a.is_set() || !b.is_set()) return false;  // a comparison with an absent value is false
  int c = 0;
  switch (n.operand_type.base) {
    case Base::Number: {
      const double x = a.as_number(), y = b.as_number();
      c = x < y ? -1 : x > y ? 1 : 0;
      break;
    }
    case Base::String:
    case Base::Location:
    case Base::Name:
      c = text(expr, a.bits).compare(text(expr, b.bits));
      break;
    default:
      c = a.bits < b.bits ? -1 : a.bits > b.bits ? 1 : 0;
      break;
  }
  switch (n.cmp) {
    case ast::CompareOp::Eq:
      return c == 0;
    case ast::CompareOp::Ne:
      return c != 0;
    case ast::CompareOp::Lt:
      return c < 0;
    case ast::CompareOp::Le:
      return c <= 0;
    case ast::CompareOp::Gt:
      return c > 0;
    case ast::CompareOp::Ge:
      return c >= 0;
  }
  return false;
}

Val Evaluator::quantify(const CompiledExpr& expr, const ExprNode& n) {
  const ListRef items = list(expr, n.a);
  if (n.b < 0) return Val::number(items.size);  // count(list)
  std::uint32_t hits = 0;
  for (std::uint32_t k = 0; k < items.size; ++k) {
    if (steps_left_ == 0) {
      exhausted_ = true;
      break;
    }
    --steps_left_;
    scope_[n.scope] = items.element(k);
    const bool t = truth(expr, n.b);
    if (n.op == Op::Any && t) return Val::of(1);
    if (n.op == Op::All && !t) return Val::of(0);
    hits += t;
  }
  if (n.op == Op::Count) return Val::number(hits);
  return Val::of(n.op == Op::All ? 1 : 0);
}

Val Evaluator::value(const CompiledExpr& expr, std::int32_t i) {
  const ExprNode& n = expr.nodes[i];
  switch (n.op) {
    case Op::Const:
      return n.value;
    case Op::Attr:
      return attr(subject(expr, n), n);
    case Op::Prop:
      return prop(subject(expr, n), n.prop);
    case Op::Not:
      return Val::of(!truth(expr, n.a));
    case Op::And:
      return Val::of(truth(expr, n.a) && truth(expr, n.b));
    case Op::Or:
      return Val::of(truth(expr, n.a) || truth(expr, n.b));
    case Op::Compare:
      if (n.operand_type.list) {
        const bool same = only(expr, n);
        return Val::of(n.cmp == ast::CompareOp::Eq ? same : !same);
      }
      return Val::of(compare(expr, n, value(expr, n.a), value(expr, n.b)));
    case Op::InList:
      return Val::of(in_list(expr, n));
    case Op::Any:
    case Op::All:
    case Op::Count:
      return quantify(expr, n);
    case Op::Defined:
      return Val::of(value(expr, n.a).is_set());
    case Op::ScanResults: {
      const ElementId s = subject(expr, n);
      if (!scans_ || s == kNoElement) return Val::number(0);
      return Val::number(scans_->count(s, static_cast<std::uint8_t>(n.value.bits), n.cmp, n.arg));
    }
    case Op::Scanned: {
      const ElementId s = subject(expr, n);
      return Val::of(scans_ && s != kNoElement &&
                     scans_->covered(s, static_cast<std::uint8_t>(n.value.bits)));
    }
  }
  return {};
}

}  // namespace moat
