#include "compiler/expr_compile.hpp"

#include "compiler/computed_props.hpp"
#include "compiler/expr_scan.hpp"
#include "compiler/parser.hpp"
#include "compiler/suggest.hpp"

namespace moat {

// The parser already stops quantifiers nesting kMaxNesting deep (each is an operand within an
// operand); the compiler's tighter limit must lie below that, so that its NestingTooDeep is the
// check a deep `when` meets, and the evaluator's scope array the bound it protects.
static_assert(kMaxQuantifierScopes <= kMaxNesting,
              "the quantifier limit must be reachable below the parser's nesting limit");

namespace {

Type element_type(KindMask kinds, bool list = false) {
  Type t;
  t.base = Base::Element;
  t.kinds = kinds;
  t.list = list;
  return t;
}

Type simple(Base b) {
  Type t;
  t.base = b;
  return t;
}

class Compiler {
 public:
  Compiler(const ModelGraph& g, const std::string& rule, DiagnosticSink& diags)
      : g_(g), rule_(rule), diags_(diags) {}

  CompiledExpr run(const ast::Expr& e, Kind kind, const std::string& what) {
    scopes_.push_back(kind_bit(kind));
    const int root = compile(e, nullptr);
    if (root >= 0 && !failed_) {
      if (!is_bool(out_.nodes[root].type)) {
        error(DiagKind::ExprTypeError, e.span,
              what + " must be true or false, but this is " + describe(out_.nodes[root].type));
      }
    }
    if (failed_) return {};
    out_.root = root;
    return std::move(out_);
  }

 private:
  // ------------------------------------------------------------ helpers
  int add(ExprNode n) {
    out_.nodes.push_back(n);
    return static_cast<int>(out_.nodes.size() - 1);
  }
  const ExprNode& node(int i) const { return out_.nodes[i]; }
  void error(DiagKind kind, Span span, std::string message) {
    if (failed_ && kind != DiagKind::UnknownName) {
      // Only the first type error per expression: later ones are usually caused by it.
      scratch_ = Diagnostic{};
      last_ = &scratch_;
      return;
    }
    failed_ = true;
    last_ = &diags_.report(kind, span, std::move(message));
  }
  std::string describe(const Type& t) const {
    if (t.base == Base::Bool && !t.list) return "true or false";
    return "a value of type '" + g_.schema.describe(t) + "'";
  }
  static bool is_bool(const Type& t) { return t.base == Base::Bool && !t.list; }
  EnumId enum_named(const char* name) const { return g_.schema.enum_id(name); }

  // ------------------------------------------------------------ names
  /// Resolves `name` as a property of elements of `kinds`: computed first, then attributes.
  bool member(const std::string& name, KindMask kinds, int base, std::uint8_t scope, Span span,
              int& out) {
    if (const ComputedProp* p = find_computed_prop(name, kinds)) {
      ExprNode n;
      n.op = Op::Prop;
      n.prop = p->prop;
      n.base = base;
      n.scope = scope;
      n.span = span;
      n.type = prop_type(p->prop);
      out = add(n);
      return true;
    }
    ExprNode n;
    n.op = Op::Attr;
    n.base = base;
    n.scope = scope;
    n.span = span;
    n.slots.fill(-1);
    bool found = false;
    for (int k = 0; k < kKindCount; ++k) {
      if (!(kinds & (1u << k))) continue;
      const KindSchema& ks = g_.schema.of(static_cast<DeclKind>(k));
      const int slot = ks.slot(name);
      if (slot < 0) continue;
      const Type& t = ks.fields[slot].type;
      if (found && !(t == n.type)) {
        error(DiagKind::ExprTypeError, span,
              "'" + name + "' has different types on different element kinds");
        return true;
      }
      n.type = t;
      n.slots[k] = static_cast<std::int32_t>(slot);
      found = true;
    }
    if (found) out = add(n);
    return found;
  }

  Type prop_type(Computed p) const {
    switch (p) {
      case Computed::Self:
        return element_type(kAllKinds);
      case Computed::Trust:
      case Computed::ReachedFrom:
      case Computed::DataFrom: {
        Type t = simple(Base::Enum);
        t.enum_id = enum_named("trust");
        return t;
      }
      case Computed::Type: {
        Type t = simple(Base::Enum);
        t.enum_id = enum_named("element_kind");
        return t;
      }
      case Computed::Boundary:
        return element_type(kind_bit(Kind::Boundary));
      case Computed::Inbound:
      case Computed::Outbound:
      case Computed::CarriedBy:
      case Computed::RelayedFrom:
        return element_type(kind_bit(Kind::Flow), true);
      case Computed::HeldBy:
        return element_type(kind_bit(Kind::Store), true);
      case Computed::Source:
      case Computed::Target:
        return element_type(kNodeKinds);
      case Computed::Opens:
      case Computed::CalledBy:
        return element_type(kNodeKinds, true);
      case Computed::Exits:
      case Computed::Enters:
        return element_type(kind_bit(Kind::Boundary), true);
      case Computed::CrossesBoundary:
      case Computed::Encrypted:
        return simple(Base::Bool);
    }
    return {};
  }

  std::vector<std::string_view> names_for(KindMask kinds) const {
    std::vector<std::string_view> names;
    for (const ComputedProp* p = computed_props_begin(); p != computed_props_end(); ++p) {
      if (p->kinds & kinds) names.push_back(p->name);
    }
    for (int k = 0; k < kKindCount; ++k) {
      if (!(kinds & (1u << k))) continue;
      for (const Field& f : g_.schema.of(static_cast<DeclKind>(k)).fields) names.push_back(f.name);
    }
    return names;
  }

  /// True when `e` is a single name that no scope defines: an enum member to be typed by context.
  bool is_bare_member(const ast::Expr& e) {
    if (e.kind != ast::ExprKind::Name || e.path.size() != 1) return false;
    const std::string& n = e.path[0].name;
    if (n == "self") return false;
    for (KindMask scope : scopes_) {
      for (const auto& name : names_for(scope)) {
        if (name == n) return false;
      }
    }
    return true;
  }

  int name(const ast::Expr& e, const Type* hint) {
    const ast::Ident& head = e.path[0];
    // Compared with an enum, a bare member of that enum is the member, even where a property
    // has the same spelling: `type == boundary` in a boundary rule.
    if (hint && hint->base == Base::Enum && e.path.size() == 1 &&
        g_.schema.enums[hint->enum_id].member_index(head.name) >= 0) {
      return enum_constant(head, hint);
    }
    int cur = -1;
    if (head.name == "self") {
      ExprNode n;
      n.op = Op::Prop;
      n.prop = Computed::Self;
      n.span = head.span;
      n.type = element_type(scopes_[0]);
      cur = add(n);
    } else {
      for (int s = static_cast<int>(scopes_.size()) - 1; s >= 0 && cur < 0; --s) {
        member(head.name, scopes_[s], -1, static_cast<std::uint8_t>(s), head.span, cur);
      }
      if (cur < 0 && e.path.size() == 1) return enum_constant(head, hint);
      if (cur < 0) {
        error(DiagKind::UnknownName, head.span,
              "unknown name '" + head.name + "' in rule '" + rule_ + "'");
        DiagnosticSink::suggest(*last_,
                                closest_match(head.name, names_for(scopes_.back() | scopes_[0])));
        return -1;
      }
    }
    for (std::size_t i = 1; i < e.path.size(); ++i) {
      const Type t = node(cur).type;
      const ast::Ident& part = e.path[i];
      if (t.base != Base::Element || t.list) {
        error(DiagKind::ExprTypeError, part.span,
              "'" + part.name + "' is read from " + describe(t) + ", which has no properties");
        return -1;
      }
      int next = -1;
      if (!member(part.name, t.kinds, cur, 0, {head.span.file, head.span.begin, part.span.end},
                  next)) {
        error(DiagKind::UnknownName, part.span,
              "'" + g_.schema.describe(t) + "' has no attribute or property '" + part.name + "'");
        DiagnosticSink::suggest(*last_, closest_match(part.name, names_for(t.kinds)));
        return -1;
      }
      cur = next;
    }
    return cur;
  }

  int enum_constant(const ast::Ident& id, const Type* hint) {
    if (hint && hint->base == Base::Enum) {
      const EnumDef& e = g_.schema.enums[hint->enum_id];
      const int m = e.member_index(id.name);
      if (m >= 0) return constant(Val::of(m), hint->element_type(), id.span);
      // A near member is a typo of the value; a near attribute is a typo of the name.
      std::vector<std::string_view> members(e.members.begin(), e.members.end());
      const std::string member = closest_match(id.name, members);
      const std::string attribute = closest_match(id.name, names_for(scopes_.back() | scopes_[0]));
      if (member.empty() && !attribute.empty()) {
        error(DiagKind::UnknownName, id.span,
              "unknown name '" + id.name + "' in rule '" + rule_ + "'");
        DiagnosticSink::suggest(*last_, attribute);
        return -1;
      }
      error(DiagKind::UnknownName, id.span,
            "'" + id.name + "' is not a member of enum '" + e.name + "'");
      DiagnosticSink::suggest(*last_, member);
      return -1;
    }
    // Without a type from context, a member of exactly one enum is still unambiguous.
    int found = -1;
    Type t = simple(Base::Enum);
    for (EnumId i = 0; i < g_.schema.enums.size(); ++i) {
      const int m = g_.schema.enums[i].member_index(id.name);
      if (m < 0) continue;
      if (found >= 0) {
        found = -2;
        break;
      }
      found = m;
      t.enum_id = i;
    }
    if (found >= 0) return constant(Val::of(found), t, id.span);
    error(DiagKind::UnknownName, id.span, "unknown name '" + id.name + "' in rule '" + rule_ + "'");
    DiagnosticSink::suggest(*last_, closest_match(id.name, names_for(scopes_.back() | scopes_[0])));
    return -1;
  }

  int constant(Val v, Type t, Span span) {
    ExprNode n;
    n.op = Op::Const;
    n.value = v;
    n.type = t;
    n.span = span;
    return add(n);
  }

  // ------------------------------------------------------------ literals
  int literal(const ast::Value& v, const Type* hint) {
    using VK = ast::ValueKind;
    switch (v.kind) {
      case VK::Bool:
        return constant(Val::of(v.boolean), simple(Base::Bool), v.span);
      case VK::Number:
        return constant(Val::number(v.number), simple(Base::Number), v.span);
      case VK::Date:
        return constant(Val::of(v.integer), simple(Base::Date), v.span);
      case VK::Duration:
        return constant(Val::of(v.integer), simple(Base::Duration), v.span);
      case VK::String: {
        // Strings are kept in the expression's own pool: the graph is read-only here.
        out_.strings.push_back(v.text);
        const auto local = -static_cast<std::int64_t>(out_.strings.size());
        return constant(Val::of(local), simple(Base::String), v.span);
      }
      case VK::Control: {
        auto it = g_.criterion_ids.find(v.text);
        if (it == g_.criterion_ids.end()) {
          error(DiagKind::UnknownControl, v.span, "unknown control '" + v.text + "'");
          return -1;
        }
        return constant(Val::of(it->second), simple(Base::Control), v.span);
      }
      case VK::Ref: {
        ast::Ident id{v.text, v.span};
        return enum_constant(id, hint);
      }
      case VK::List:
        return list_literal(v, hint);
    }
    return -1;
  }

  int list_literal(const ast::Value& v, const Type* hint) {
    Type item = hint ? hint->element_type() : Type{};
    const auto offset = static_cast<std::uint32_t>(out_.constants.size());
    std::vector<Val> vals;
    for (const ast::Value& it : v.items) {
      const int c = literal(it, item.base == Base::Invalid ? nullptr : &item);
      if (c < 0) return -1;
      if (item.base == Base::Invalid) item = node(c).type;
      if (!(node(c).type == item)) {
        error(DiagKind::ExprTypeError, it.span, "list items must all have the same type");
        return -1;
      }
      vals.push_back(node(c).value);
      out_.nodes.pop_back();  // the item lives in the constant pool, not as a node
    }
    out_.constants.insert(out_.constants.end(), vals.begin(), vals.end());
    item.list = true;
    return constant(Val::list(offset, static_cast<std::uint32_t>(vals.size())), item, v.span);
  }

  // ------------------------------------------------------------ operators
  int logical(const ast::Expr& e, Op op) {
    ExprNode n;
    n.op = op;
    n.span = e.span;
    n.type = simple(Base::Bool);
    n.a = compile(e.operands[0], nullptr);
    if (op != Op::Not) n.b = compile(e.operands[1], nullptr);
    if (n.a < 0 || (op != Op::Not && n.b < 0)) return -1;
    const char* word = op == Op::Not ? "not" : op == Op::And ? "and" : "or";
    for (std::size_t i = 0; i < e.operands.size(); ++i) {
      const Type& t = node(i == 0 ? n.a : n.b).type;
      if (!is_bool(t)) {
        error(DiagKind::ExprTypeError, e.operands[i].span,
              std::string("'") + word + "' needs true or false, but this is " + describe(t));
        return -1;
      }
    }
    return add(n);
  }

  /// Compiles both sides of a binary operator; a bare enum member takes its type from the other.
  bool operands(const ast::Expr& e, int& a, int& b, bool rhs_is_list) {
    // When both sides are bare unknown names, the left one is reported, with no guessing.
    const bool bare_a = is_bare_member(e.operands[0]) && !is_bare_member(e.operands[1]);
    if (!bare_a) {
      a = compile(e.operands[0], nullptr);
      if (a < 0) return false;
      Type hint = node(a).type;
      hint.list = rhs_is_list;
      b = compile(e.operands[1], &hint);
      return b >= 0;
    }
    b = compile(e.operands[1], nullptr);
    if (b < 0) return false;
    Type hint = node(b).type.element_type();
    a = compile(e.operands[0], &hint);
    return a >= 0;
  }

  /// `protocol == "https"`: a string literal where an enum member was meant; say to unquote it.
  void quoted_member_note(const ExprNode& a, const ExprNode& b) {
    const Type& t = a.type;
    if (t.base != Base::Enum || b.op != Op::Const || b.type.base != Base::String) return;
    const std::string& text = out_.strings[static_cast<std::size_t>(-b.value.bits - 1)];
    if (g_.schema.enums[t.enum_id].member_index(text) < 0) return;
    last_->notes.push_back({{},
                            "write " + text + " without quotes: it is a member of enum '" +
                                g_.schema.enums[t.enum_id].name + "'"});
  }

  int compare(const ast::Expr& e) {
    int a = -1, b = -1;
    if (!operands(e, a, b, false)) return -1;
    Type ta = node(a).type, tb = node(b).type;
    ta.optional = tb.optional = false;
    const bool same = ta == tb || (ta.base == Base::Element && tb.base == Base::Element &&
                                   !ta.list && !tb.list && (ta.kinds & tb.kinds));
    // `authn == none`: a list of enum members equals a member when it holds only that member.
    const bool only = ta.list && !tb.list && ta.base == Base::Enum && ta.element_type() == tb &&
                      (e.op == ast::CompareOp::Eq || e.op == ast::CompareOp::Ne);
    if (!only && (!same || ta.list)) {
      error(DiagKind::ExprTypeError, e.span,
            "cannot compare " + describe(node(a).type) + " with " + describe(node(b).type));
      quoted_member_note(node(a), node(b));
      return -1;
    }
    const bool ordering = e.op != ast::CompareOp::Eq && e.op != ast::CompareOp::Ne;
    const bool orderable = ta.base == Base::Number || ta.base == Base::Date ||
                           ta.base == Base::Duration ||
                           (ta.base == Base::Enum && g_.schema.enums[ta.enum_id].ordered);
    if (ordering && !orderable) {
      error(DiagKind::ExprTypeError, e.span,
            "'<', '<=', '>' and '>=' need numbers, dates, durations or an ordered enum; " +
                describe(ta) + " has no order");
      return -1;
    }
    ExprNode n;
    n.op = Op::Compare;
    n.cmp = e.op;
    n.a = a;
    n.b = b;
    n.operand_type = ta;
    n.type = simple(Base::Bool);
    n.span = e.span;
    return add(n);
  }

  int in(const ast::Expr& e) {
    int a = -1, b = -1;
    if (!operands(e, a, b, true)) return -1;
    Type ta = node(a).type, tb = node(b).type;
    ta.optional = false;
    Type tb_item = tb.element_type();
    tb_item.optional = false;
    // A list of enum members on the left is a subset test: `authn in [hmac, mtls]`.
    const bool subset = ta.list && ta.base == Base::Enum && ta.element_type() == tb_item;
    const bool fits =
        tb.list && (!ta.list || subset) &&
        (ta.element_type() == tb_item ||
         (ta.base == Base::Element && tb_item.base == Base::Element && (ta.kinds & tb_item.kinds)));
    if (!fits) {
      error(DiagKind::ExprTypeError, e.span,
            "'in' needs a value on the left and a list of the same type on the right, not " +
                describe(node(a).type) + " and " + describe(tb));
      return -1;
    }
    ExprNode n;
    n.op = Op::InList;
    n.a = a;
    n.b = b;
    n.operand_type = ta;
    n.type = simple(Base::Bool);
    n.span = e.span;
    return add(n);
  }

  int call(const ast::Expr& e) {
    const std::string& fn = e.path[0].name;
    static const std::vector<std::string_view> kFunctions = {"any",     "all",          "count",
                                                             "defined", "scan_results", "scanned"};
    if (fn == "defined") return defined(e);
    if (is_scan_function(fn)) return scan_call(e);
    const bool count = fn == "count";
    if (fn != "any" && fn != "all" && !count) {
      error(DiagKind::UnknownFunction, e.path[0].span, "unknown function '" + fn + "'");
      DiagnosticSink::suggest(*last_, closest_match(fn, kFunctions));
      return -1;
    }
    const std::size_t args = e.operands.size();
    if (args != 2 && !(count && args == 1)) {
      error(DiagKind::UnknownFunction, e.span,
            "'" + fn + "' takes a list and a condition" + (count ? " (or just a list)" : "") +
                ", not " + std::to_string(args) + " argument" + (args == 1 ? "" : "s"));
      return -1;
    }
    const int list = compile(e.operands[0], nullptr);
    if (list < 0) return -1;
    const Type lt = node(list).type;
    if (!lt.list) {
      error(DiagKind::ExprTypeError, e.operands[0].span,
            "'" + fn + "' needs a list, but this is " + describe(lt));
      return -1;
    }
    ExprNode n;
    n.op = fn == "any" ? Op::Any : fn == "all" ? Op::All : Op::Count;
    n.a = list;
    n.span = e.span;
    n.type = simple(count ? Base::Number : Base::Bool);
    if (args == 2) {
      if (lt.base != Base::Element) {
        error(
            DiagKind::ExprTypeError, e.operands[0].span,
            "'" + fn + "' with a condition needs a list of elements, but this is " + describe(lt));
        return -1;
      }
      if (scopes_.size() >= kMaxQuantifierScopes) return too_deep(e.path[0]);
      n.scope = static_cast<std::uint8_t>(scopes_.size());
      scopes_.push_back(lt.kinds);
      n.b = compile(e.operands[1], nullptr);
      scopes_.pop_back();
      if (n.b < 0) return -1;
      if (!is_bool(node(n.b).type)) {
        error(DiagKind::ExprTypeError, e.operands[1].span,
              "the condition of '" + fn + "' must be true or false, but this is " +
                  describe(node(n.b).type));
        return -1;
      }
    }
    return add(n);
  }

  /// `scan_results(...)` or `scanned(...)` on the element in the innermost scope.
  int scan_call(const ast::Expr& e) {
    ExprNode n;
    if (const auto bad = compile_scan_call(e, g_, n)) {
      error(bad->kind, bad->span, bad->message);
      if (!bad->suggestion.empty()) DiagnosticSink::suggest(*last_, bad->suggestion);
      return -1;
    }
    n.scope = static_cast<std::uint8_t>(scopes_.size() - 1);
    return add(n);
  }

  /// A quantifier that would need a scope beyond the evaluator's kMaxQuantifierScopes.
  int too_deep(const ast::Ident& fn) {
    const std::string most = std::to_string(kMaxQuantifierScopes - 1);
    error(DiagKind::NestingTooDeep, fn.span,
          "quantifiers are nested deeper than " + most + " levels in rule '" + rule_ + "'");
    last_->notes.push_back({{},
                            "a 'when' can nest at most " + most +
                                " 'any', 'all' and 'count' calls; split the rule into several "
                                "rules with shallower conditions"});
    return -1;
  }

  int defined(const ast::Expr& e) {
    if (e.operands.size() != 1 || e.operands[0].kind != ast::ExprKind::Name) {
      error(DiagKind::UnknownFunction, e.span, "'defined' takes one attribute name");
      return -1;
    }
    const int a = compile(e.operands[0], nullptr);
    if (a < 0) return -1;
    if (node(a).op != Op::Attr || !node(a).type.optional) {
      error(
          DiagKind::ExprTypeError, e.operands[0].span,
          "'defined' needs an optional attribute (declared with '?'); this one always has a value");
      return -1;
    }
    ExprNode n;
    n.op = Op::Defined;
    n.a = a;
    n.type = simple(Base::Bool);
    n.span = e.span;
    return add(n);
  }

  int compile(const ast::Expr& e, const Type* hint) {
    switch (e.kind) {
      case ast::ExprKind::Literal:
        return literal(e.literal, hint);
      case ast::ExprKind::Name:
        return name(e, hint);
      case ast::ExprKind::Not:
        return logical(e, Op::Not);
      case ast::ExprKind::And:
        return logical(e, Op::And);
      case ast::ExprKind::Or:
        return logical(e, Op::Or);
      case ast::ExprKind::Compare:
        return compare(e);
      case ast::ExprKind::In:
        return in(e);
      case ast::ExprKind::Call:
        return call(e);
    }
    return -1;
  }

  const ModelGraph& g_;
  const std::string& rule_;
  DiagnosticSink& diags_;
  CompiledExpr out_;
  std::vector<KindMask> scopes_;
  bool failed_ = false;
  Diagnostic* last_ = nullptr;  ///< the diagnostic a following suggest() amends
  Diagnostic scratch_;          ///< stands in for a suppressed diagnostic
};

}  // namespace

CompiledExpr compile_when(const ast::Expr& e, Kind kind, const ModelGraph& g,
                          const std::string& rule_id, DiagnosticSink& diags,
                          const std::string& what) {
  return Compiler(g, rule_id, diags).run(e, kind, what);
}

}  // namespace moat
