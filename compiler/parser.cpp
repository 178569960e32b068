// The parser: runs the PEGTL grammar one top-level statement at a time, recording the matched
// rules on a reused tape (compiler/parse_tape.hpp), then lowers each statement's records into the
// typed AST. This is the only file that includes the grammar.
#include "compiler/parser.hpp"

#include <tao/pegtl/contrib/limit_depth.hpp>

#include "compiler/flow_ids.hpp"
#include "compiler/literals.hpp"
#include "compiler/parse_tape.hpp"
#include "compiler/schema.hpp"
#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"

namespace moat {

namespace pegtl = tao::pegtl;
namespace g = moat::grammar;
namespace {

using tape::Node;

/// Depth limits on every recursive construct, so hostile nesting is an error, not a crash.
template <typename Rule>
struct depth_action : pegtl::nothing<Rule> {};
template <>
struct depth_action<g::boundary_decl> : g::limit_depth<kMaxNesting> {};
template <>
struct depth_action<g::value> : g::limit_depth<kMaxNesting> {};
template <>
struct depth_action<g::operand> : g::limit_depth<kMaxNesting> {};
template <>
struct depth_action<g::negation> : g::limit_depth<kMaxNesting> {};
template <>
struct depth_action<g::type_expr> : g::limit_depth<kMaxNesting> {};

/// Lowers the tape records of one file's statements into AST declarations.
class Lowering {
 public:
  Lowering(FileId file, const char* base, DiagnosticSink& diags)
      : file_(file), base_(base), diags_(diags) {}

  void statement(const Node& n, ast::Module& m, std::int32_t parent = -1);
  bool ok() const { return ok_; }

 private:
  Span span(const Node& n) const {
    return {file_, static_cast<std::uint32_t>(n.begin - base_),
            static_cast<std::uint32_t>(n.end - base_)};
  }
  Span keyword_span(const Node& n, std::size_t length) const {
    const Span s = span(n);
    return {file_, s.begin, static_cast<std::uint32_t>(s.begin + length)};
  }
  Span keyword_span(const Node& n, g::Keyword k) const {
    return keyword_span(n, g::keyword_text(k).size());
  }
  ast::Ident ident(const Node& n) const { return {std::string(n.string_view()), span(n)}; }
  // The read_* forms fill a node of the AST in place: a declaration's attributes are most of a
  // large model, and building each piece apart and moving it in cost a tenth of the parse.
  static void copy_text(const Node& n, std::string& out) {
    // clear() and append(), not assign(): libstdc++'s assign takes the generic replace path,
    // which was a twentieth of the parse.
    out.clear();
    out.append(n.begin, static_cast<std::size_t>(n.end - n.begin));
  }
  void read_ident(const Node& n, ast::Ident& out) const {
    copy_text(n, out.name);
    out.span = span(n);
  }
  void read_string(const Node& n, std::string& out);
  std::string string_body(const Node& n) {
    std::string out;
    read_string(n, out);
    return out;
  }
  void read_value(const Node& n, ast::Value& v);
  ast::Value value(const Node& n) {
    ast::Value v;
    read_value(n, v);
    return v;
  }
  std::vector<ast::Attribute> attributes(const Node& n, std::size_t from);
  std::size_t optional_title(const Node& n, std::size_t at, std::optional<std::string>& title);
  std::size_t element_body(const Node& n, std::int32_t parent, ast::ElementDecl& d);
  void literal_error(const Node& n, const LiteralError& e, DiagKind kind);

  void element(const Node& n, ast::Module& m, std::int32_t parent);
  void boundary(const Node& n, ast::Module& m, std::int32_t parent);
  void flow(const Node& n, ast::Module& m, std::int32_t parent);
  void enumeration(const Node& n, ast::Module& m);
  void schema(const Node& n, ast::Module& m);
  ast::TypeExpr type(const Node& n);
  void rule(const Node& n, ast::Module& m);
  ast::Expr expr(const Node& n);
  ast::Expr join(std::vector<ast::Expr>& terms, std::size_t begin, std::size_t end,
                 ast::ExprKind kind);
  ast::NamedDecl named(const Node& n, g::Keyword keyword);
  ast::ControlDecl control_decl(const Node& n, g::Keyword keyword);
  ast::AcceptDecl targeted(const Node& n, g::Keyword keyword);
  void test(const Node& n, ast::Module& m);

  FileId file_;
  const char* base_;
  DiagnosticSink& diags_;
  bool ok_ = true;
};

void Lowering::literal_error(const Node& n, const LiteralError& e, DiagKind kind) {
  const Span s = span(n);
  diags_.report(kind, {file_, s.begin + e.offset, s.begin + e.offset + e.length}, e.message);
  ok_ = false;
}

void Lowering::read_string(const Node& n, std::string& out) {
  const std::string_view text = n.string_view();
  LiteralError err;
  if (!decode_string(text.substr(1, text.size() - 2), out, err)) {
    err.offset += 1;  // past the opening quote
    literal_error(n, err, DiagKind::InvalidEscape);
  }
}

void Lowering::read_value(const Node& n, ast::Value& v) {
  v.span = span(n);
  LiteralError err;
  if (n.is_type<g::string_lit>()) {
    v.kind = ast::ValueKind::String;
    read_string(n, v.text);
  } else if (n.is_type<g::date_lit>()) {
    v.kind = ast::ValueKind::Date;
    copy_text(n, v.text);
    if (!decode_date(n.string_view(), v.integer, err))
      literal_error(n, err, DiagKind::InvalidLiteral);
  } else if (n.is_type<g::duration_lit>()) {
    v.kind = ast::ValueKind::Duration;
    copy_text(n, v.text);
    if (!decode_duration(n.string_view(), v.integer, err)) {
      literal_error(n, err, DiagKind::InvalidLiteral);
    }
  } else if (n.is_type<g::number_lit>()) {
    v.kind = ast::ValueKind::Number;
    copy_text(n, v.text);
    if (!decode_number(n.string_view(), v.number, err))
      literal_error(n, err, DiagKind::InvalidLiteral);
  } else if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
    v.kind = ast::ValueKind::Bool;
    v.boolean = n.is_type<g::true_lit>();
    v.text = v.boolean ? "true" : "false";
  } else if (n.is_type<g::control_lit>()) {
    v.kind = ast::ValueKind::Control;
    copy_text(n, v.text);
  } else if (n.is_type<g::list_lit>()) {
    v.kind = ast::ValueKind::List;
    v.items.resize(n.children.size());
    for (std::size_t i = 0; i < n.children.size(); ++i) read_value(*n.children[i], v.items[i]);
  } else {
    v.kind = ast::ValueKind::Ref;
    copy_text(n, v.text);
  }
}

std::vector<ast::Attribute> Lowering::attributes(const Node& n, std::size_t from) {
  std::vector<ast::Attribute> attrs;
  // Reserved exactly: a boundary's children are mostly declarations, not attributes.
  std::size_t count = 0;
  for (std::size_t i = from; i < n.children.size(); ++i)
    count += n.children[i]->is_type<g::attribute>();
  attrs.reserve(count);
  for (std::size_t i = from; i < n.children.size(); ++i) {
    const Node& a = *n.children[i];
    if (!a.is_type<g::attribute>()) continue;
    ast::Attribute& attr = attrs.emplace_back();
    read_ident(*a.children[0], attr.name);
    read_value(*a.children[1], attr.value);
  }
  return attrs;
}

/// Reads the title at child `at`, if there is one there; returns the index of the next child.
std::size_t Lowering::optional_title(const Node& n, std::size_t at,
                                     std::optional<std::string>& title) {
  if (at < n.children.size() && n.children[at]->is_type<g::title>())
    read_string(*n.children[at++], title.emplace());
  return at;
}

/// The id, title and attributes of an element or boundary; returns the index of the first child
/// after the title.
std::size_t Lowering::element_body(const Node& n, std::int32_t parent, ast::ElementDecl& d) {
  read_ident(*n.children[0], d.id);
  const std::size_t next = optional_title(n, 1, d.title);
  d.attrs = attributes(n, next);
  d.parent = parent;
  return next;
}

void Lowering::element(const Node& n, ast::Module& m, std::int32_t parent) {
  // Built in place: declarations are the bulk of a large model, and moving each one in costs.
  ast::ElementDecl& d = m.elements.emplace_back();
  // The keyword is not a node of its own: read it from the declaration's first letters.
  const std::string_view text = n.string_view();
  for (int k = 0; k <= static_cast<int>(DeclKind::Data); ++k) {
    const g::Keyword keyword = kDeclKeywords[k];
    if (text.starts_with(g::keyword_text(keyword))) {
      d.kind = static_cast<ast::ElementKind>(k);
      d.keyword = keyword_span(n, keyword);
      break;
    }
  }
  element_body(n, parent, d);
}

void Lowering::boundary(const Node& n, ast::Module& m, std::int32_t parent) {
  const auto self = static_cast<std::int32_t>(m.elements.size());
  // In place, as elements are; `d` is not used once the children below are added.
  ast::ElementDecl& d = m.elements.emplace_back();
  d.kind = ast::ElementKind::Boundary;
  d.keyword = keyword_span(n, g::Keyword::Boundary);
  const std::size_t next = element_body(n, parent, d);
  for (std::size_t i = next; i < n.children.size(); ++i) {
    if (!n.children[i]->is_type<g::attribute>()) statement(*n.children[i], m, self);
  }
}

void Lowering::flow(const Node& n, ast::Module& m, std::int32_t parent) {
  ast::FlowDecl& f = m.flows.emplace_back();  // in place, as elements are
  f.keyword = keyword_span(n, g::Keyword::Flow);
  f.parent = parent;
  std::size_t i = 0;
  if (n.children[i]->is_type<g::flow_name_id>()) read_ident(*n.children[i++], f.name.emplace());
  read_ident(*n.children[i++], f.source);
  f.bidirectional = n.children[i]->is_type<g::bidi_arrow>();
  f.arrow = span(*n.children[i++]);
  read_ident(*n.children[i++], f.target);
  f.attrs = attributes(n, optional_title(n, i, f.title));
}

void Lowering::enumeration(const Node& n, ast::Module& m) {
  ast::EnumDecl e;
  e.name = ident(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    if (n.children[i]->is_type<g::kw_ordered>())
      e.ordered = true;
    else
      e.members.push_back(ident(*n.children[i]));
  }
  m.enums.push_back(std::move(e));
}

ast::TypeExpr Lowering::type(const Node& n) {
  ast::TypeExpr t;
  t.span = span(n);
  const Node& form = *n.children[0];
  if (form.is_type<g::list_type>()) {
    t.form = ast::TypeExpr::Form::List;
    t.element.push_back(type(*form.children[0]));
  } else if (form.is_type<g::inline_enum>()) {
    t.form = ast::TypeExpr::Form::InlineEnum;
    for (const auto& c : form.children) {
      if (c->is_type<g::kw_ordered>())
        t.ordered = true;
      else
        t.members.push_back(ident(*c));
    }
  } else {
    t.name = ident(form);
  }
  t.optional = n.children.size() > 1 && n.children[1]->is_type<g::optional_mark>();
  return t;
}

void Lowering::schema(const Node& n, ast::Module& m) {
  ast::SchemaDecl s;
  s.kind = ident(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& f = *n.children[i];
    ast::FieldDecl fd;
    fd.name = ident(*f.children[0]);
    fd.type = type(*f.children[1]);
    if (f.children.size() > 2) fd.default_value = value(*f.children[2]);
    s.fields.push_back(std::move(fd));
  }
  m.schemas.push_back(std::move(s));
}

ast::Expr Lowering::expr(const Node& n) {
  ast::Expr e;
  e.span = span(n);
  if (n.is_type<g::paren_expr>()) {
    // The parentheses belong to the operand: an operator's span runs from its first operand's
    // start, and without them `(a or b) and c` would be quoted as `a or b) and c`.
    ast::Expr inner = expr(*n.children[0]);
    inner.span = e.span;
    return inner;
  }
  if (n.is_type<g::negation>()) {
    e.kind = ast::ExprKind::Not;
    e.operands.push_back(expr(*n.children[0]));
  } else if (n.is_type<g::or_expr>() || n.is_type<g::expr>() || n.is_type<g::or_rhs>() ||
             n.is_type<g::and_expr>() || n.is_type<g::and_rhs>()) {
    // A chain `a or b or c` (or `and`). An `or_rhs` is an and-chain (the right operand of
    // `or`), so `a or b and c` is `a or (b and c)`.
    const bool is_or = n.is_type<g::or_expr>() || n.is_type<g::expr>();
    std::vector<ast::Expr> terms;
    terms.reserve(n.children.size());
    for (const auto& child : n.children) terms.push_back(expr(*child));
    e = join(terms, 0, terms.size(), is_or ? ast::ExprKind::Or : ast::ExprKind::And);
  } else if (n.is_type<g::compare_expr>() || n.is_type<g::compare_rhs>()) {
    const Node& op = *n.children[1];
    e.kind = op.is_type<g::op_in>() ? ast::ExprKind::In : ast::ExprKind::Compare;
    e.op = op.is_type<g::op_eq>()   ? ast::CompareOp::Eq
           : op.is_type<g::op_ne>() ? ast::CompareOp::Ne
           : op.is_type<g::op_lt>() ? ast::CompareOp::Lt
           : op.is_type<g::op_le>() ? ast::CompareOp::Le
           : op.is_type<g::op_gt>() ? ast::CompareOp::Gt
                                    : ast::CompareOp::Ge;
    e.operands.push_back(expr(*n.children[0]));
    e.operands.push_back(expr(*n.children[2]));
    e.span = {file_, e.operands[0].span.begin, e.operands[1].span.end};
  } else if (n.is_type<g::call_expr>()) {
    e.kind = ast::ExprKind::Call;
    e.path.push_back(ident(*n.children[0]));
    for (std::size_t i = 1; i < n.children.size(); ++i) e.operands.push_back(expr(*n.children[i]));
  } else if (n.is_type<g::path_expr>()) {
    e.kind = ast::ExprKind::Name;
    const std::string_view text = n.string_view();
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t dot = std::min(text.find('.', start), text.size());
      const auto b = static_cast<std::uint32_t>(e.span.begin + start);
      e.path.push_back({std::string(text.substr(start, dot - start)),
                        {file_, b, static_cast<std::uint32_t>(b + dot - start)}});
      start = dot + 1;
    }
  } else {
    e.kind = ast::ExprKind::Literal;
    read_value(n, e.literal);
  }
  return e;
}

/// Joins `terms[begin, end)` with `kind`, each half on one side, so that a chain of n terms is
/// log2(n) deep, not n: the stages after the parser walk expressions recursively, and a
/// left-deep 100,000-term `and` chain (800 KB of model) overflowed the stack. `and` and `or` are
/// associative and have no side effects, so the grouping does not change a value; chains of up
/// to three terms group as a left fold does (`(a and b) and c`).
ast::Expr Lowering::join(std::vector<ast::Expr>& terms, std::size_t begin, std::size_t end,
                         ast::ExprKind kind) {
  if (end - begin == 1) return std::move(terms[begin]);
  const std::size_t middle = begin + (end - begin + 1) / 2;
  ast::Expr e;
  e.kind = kind;
  e.operands.push_back(join(terms, begin, middle, kind));
  e.operands.push_back(join(terms, middle, end, kind));
  e.span = {file_, e.operands[0].span.begin, e.operands[1].span.end};
  return e;
}

void Lowering::rule(const Node& n, ast::Module& m) {
  ast::RuleDecl r;
  r.id = ident(*n.children[0]);
  const std::size_t next = optional_title(n, 1, r.title);
  r.attrs = attributes(n, next);
  for (std::size_t i = next; i < n.children.size(); ++i) {
    const Node& c = *n.children[i];
    if (!c.is_type<g::when_attr>()) continue;
    if (r.when) {
      diags_.report(DiagKind::DuplicateAttribute, keyword_span(c, 4), "'when' is given twice")
          .notes.push_back({r.when_keyword, "first given here"});
      ok_ = false;
    }
    r.when_keyword = keyword_span(c, 4);
    r.when = expr(*c.children[0]);
  }
  m.rules.push_back(std::move(r));
}

ast::NamedDecl Lowering::named(const Node& n, g::Keyword keyword) {
  ast::NamedDecl d;
  d.keyword = keyword_span(n, keyword);
  d.id = ident(*n.children[0]);
  d.attrs = attributes(n, optional_title(n, 1, d.title));
  return d;
}

ast::ControlDecl Lowering::control_decl(const Node& n, g::Keyword keyword) {
  ast::ControlDecl d;
  d.keyword = keyword_span(n, keyword);
  d.id.kind = ast::ValueKind::Control;  // control_id is a control_lit; it has no child node
  d.id.span = span(*n.children[0]);
  d.id.text = n.children[0]->string();
  d.attrs = attributes(n, optional_title(n, 1, d.title));
  return d;
}

ast::AcceptDecl Lowering::targeted(const Node& n, g::Keyword keyword) {
  ast::Value target;  // the target is a ref_value; it has no child node
  target.kind = ast::ValueKind::Ref;
  target.span = span(*n.children[0]);
  target.text = n.children[0]->string();
  return {std::move(target), keyword_span(n, keyword), attributes(n, 1)};
}

void Lowering::test(const Node& n, ast::Module& m) {
  ast::TestDecl t;
  t.keyword = keyword_span(n, g::Keyword::Test);
  t.title = string_body(*n.children[0]);
  t.body = std::make_unique<ast::Module>();
  t.body->file = file_;
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& c = *n.children[i];
    if (!c.is_type<g::expect_stmt>()) {
      statement(c, *t.body);
      continue;
    }
    ast::Expectation x;
    x.span = span(c);
    std::size_t j = 0;
    if (c.children[j]->is_type<g::expect_negated>()) {
      x.negated = true;
      ++j;
    }
    x.rule = ident(*c.children[j++]);
    if (j < c.children.size()) x.element = ident(*c.children[j]);
    t.expectations.push_back(std::move(x));
  }
  m.tests.push_back(std::move(t));
}

void Lowering::statement(const Node& n, ast::Module& m, std::int32_t parent) {
  if (n.is_type<g::element_decl>()) {
    element(n, m, parent);
  } else if (n.is_type<g::boundary_decl>()) {
    boundary(n, m, parent);
  } else if (n.is_type<g::flow_decl>()) {
    flow(n, m, parent);
  } else if (n.is_type<g::model_decl>()) {
    m.models.push_back(
        {string_body(*n.children[0]), keyword_span(n, g::Keyword::Model), attributes(n, 1)});
  } else if (n.is_type<g::use_decl>()) {
    m.uses.push_back({ident(*n.children[0])});
  } else if (n.is_type<g::import_decl>()) {
    m.imports.push_back({string_body(*n.children[0]), span(*n.children[0])});
  } else if (n.is_type<g::repositories_decl>()) {
    m.repositories.push_back({keyword_span(n, g::Keyword::Repositories), attributes(n, 0)});
  } else if (n.is_type<g::enum_decl>()) {
    enumeration(n, m);
  } else if (n.is_type<g::schema_decl>()) {
    schema(n, m);
  } else if (n.is_type<g::rule_decl>()) {
    rule(n, m);
  } else if (n.is_type<g::threat_decl>()) {
    m.threats.push_back(named(n, g::Keyword::Threat));
  } else if (n.is_type<g::mitigation_decl>()) {
    m.mitigations.push_back(named(n, g::Keyword::Mitigation));
  } else if (n.is_type<g::assumption_decl>()) {
    m.assumptions.push_back(named(n, g::Keyword::Assumption));
  } else if (n.is_type<g::accept_decl>()) {
    m.accepts.push_back(targeted(n, g::Keyword::Accept));
  } else if (n.is_type<g::dismiss_decl>()) {
    m.dismissals.push_back(targeted(n, g::Keyword::Dismiss));
  } else if (n.is_type<g::criterion_decl>()) {
    m.criteria.push_back(control_decl(n, g::Keyword::Criterion));
  } else if (n.is_type<g::attest_decl>()) {
    m.attestations.push_back(control_decl(n, g::Keyword::Attest));
  } else if (n.is_type<g::classify_decl>()) {
    m.classifications.push_back(named(n, g::Keyword::Classify));
  } else if (n.is_type<g::scan_decl>()) {
    m.scans.push_back(named(n, g::Keyword::Scan));
  } else if (n.is_type<g::test_decl>()) {
    test(n, m);
  }
}

// ---------------------------------------------------------------- the statement loop

/// Skips whitespace and comments; returns false (with a diagnostic) on an unterminated comment.
std::size_t skip_blank(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos;
    } else if (text.compare(pos, 2, "//") == 0) {
      pos = text.find('\n', pos);
      if (pos == std::string_view::npos) return text.size();
    } else if (text.compare(pos, 2, "/*") == 0) {
      const std::size_t end = text.find("*/", pos + 2);
      if (end == std::string_view::npos) return pos;  // let the grammar report it
      pos = end + 2;
    } else {
      break;
    }
  }
  return pos;
}

/// Whether `line` starts with a top-level keyword and a space or tab (or ends after it).
bool starts_statement(std::string_view line) {
  for (const g::KeywordInfo& k : g::kKeywords) {
    if ((k.flags & g::kTopLevel) != 0 && line.substr(0, k.text.size()) == k.text &&
        (line.size() == k.text.size() || line[k.text.size()] == ' ' ||
         line[k.text.size()] == '\t')) {
      return true;
    }
  }
  return false;
}

/// After a syntax error: the start of the next line that begins with a declaration keyword.
std::size_t recovery_point(std::string_view text, std::size_t error_pos) {
  std::size_t pos = text.find('\n', error_pos);
  while (pos != std::string_view::npos) {
    std::size_t start = pos + 1;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
    if (starts_statement(text.substr(start))) return start;
    pos = text.find('\n', start);
  }
  return text.size();
}

/// After nesting that is too deep: the end of the statement that starts at `start`, where its
/// brackets close again (or the end of the text). Resuming at the next declaration keyword
/// instead would re-enter the same nesting: 10,000 nested boundaries gave 77 errors.
std::size_t statement_end(std::string_view text, std::size_t start) {
  std::size_t depth = 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (text.compare(i, 2, "//") == 0) {
      i = std::min(text.find('\n', i), text.size());
    } else if (text.compare(i, 2, "/*") == 0) {
      i = std::min(text.find("*/", i + 2), text.size()) + 1;
    } else if (c == '{' || c == '[' || c == '(') {
      ++depth;
    } else if ((c == '}' || c == ']' || c == ')') && depth > 0 && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

/// The extent of the token at `pos`, so the caret underlines a word, not a single byte.
Span token_span(FileId file, std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  while (end < text.size() && word(text[end])) ++end;
  if (end == pos && pos < text.size() && text[pos] != '\n' && text[pos] != '\r') ++end;
  return {file, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
}

/// Where the caret of a syntax error at `at` goes.
Span error_span(FileId file, std::string_view text, std::size_t at, g::SyntaxFault fault) {
  if (fault == g::SyntaxFault::BadEscape) {
    return {file, static_cast<std::uint32_t>(at - 1), static_cast<std::uint32_t>(at + 1)};  // `\q`
  }
  if (skip_blank(text, at) >= text.size()) {
    // At the end of the file: point just after the last text, not at an empty last line.
    std::size_t last = at;
    while (last > 0 && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
    return {file, static_cast<std::uint32_t>(last), static_cast<std::uint32_t>(last)};
  }
  return token_span(file, text, at);
}

/// The message of a syntax error at `at`: the grammar's, but a named acceptance
/// (`accept risk1: api.spoofing`) is answered with the user's own target, so the fix can be copied.
std::string syntax_message(const g::syntax_error& e, std::string_view text, std::size_t at) {
  std::string msg(e.message());
  if (e.fault() != g::SyntaxFault::NamedAcceptance) return msg;
  std::size_t begin = at + 1;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  std::size_t end = begin;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                               text[end] == '_' || text[end] == '-' || text[end] == '.')) {
    ++end;
  }
  if (end == begin) return msg;
  return "an acceptance has no name: write the threat it accepts right after 'accept', as in "
         "'accept " +
         std::string(text.substr(begin, end - begin)) + " { reason = \"...\", owner = \"...\" }'";
}

}  // namespace

StatementsResult parse_statements(const SourceManager& sources, FileId file, std::size_t begin,
                                  std::size_t end, ast::Module& out, DiagnosticSink& diags) {
  const std::string& source = sources.file(file).text;
  const std::string_view text(source);
  Lowering lower(file, source.data(), diags);
  tape::Tape tape;
  bool ok = true;
  bool recovering = false;
  if (begin == 0) begin = byte_order_mark_size(text);  // not part of the first statement
  std::size_t pos = skip_blank(text, begin);
  while (pos < end) {
    // After an error, lines that cannot start a declaration (the rest of the broken block, a
    // stray `}`) are skipped silently: they would only repeat the first error.
    if (recovering && !starts_statement(text.substr(pos))) {
      pos = skip_blank(text, recovery_point(text, pos));
      continue;
    }
    if (text.compare(pos, 2, "/*") == 0) {  // skip_blank stops only at an unterminated comment
      diags.report(DiagKind::SyntaxError,
                   {file, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + 2)},
                   g::error_message<g::block_comment_body>);
      return {false, text.size()};
    }
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(source.data() + pos,
                                                       source.data() + source.size(), "");
    try {
      tape.clear();
      pegtl::parse<g::any_statement, depth_action, tape::control>(in, tape);
      tape.index();
      lower.statement(tape.root(), out);
      pos = skip_blank(text, static_cast<std::size_t>(in.current() - source.data()));
    } catch (const g::syntax_error& e) {
      ok = false;
      recovering = true;
      const std::size_t at = pos + e.positions().front().byte;
      const Span where = error_span(file, text, at, e.fault());
      if (e.fault() == g::SyntaxFault::TooDeep) {
        diags.report(DiagKind::NestingTooDeep, where,
                     "nesting is deeper than " + std::to_string(kMaxNesting) + " levels");
        pos = skip_blank(text, statement_end(text, pos));
      } else {
        Diagnostic& d = diags.report(DiagKind::SyntaxError, where, syntax_message(e, text, at));
        if (std::string note = old_flow_id_note(text, at); !note.empty())
          d.notes.push_back({{}, std::move(note)});
        pos = skip_blank(text, recovery_point(text, at));
      }
    }
  }
  return {ok && lower.ok(), pos};
}

}  // namespace moat
