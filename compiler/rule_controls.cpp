#include "compiler/rule_controls.hpp"

#include "compiler/expr_compile.hpp"

namespace moat {

namespace {

/// `target.rate_limited` as the path expression a `when` would parse it to, each part with its
/// own span so an unknown name gets a caret under itself.
ast::Expr path_expr(const ast::Value& v) {
  ast::Expr e;
  e.kind = ast::ExprKind::Name;
  e.span = v.span;
  std::size_t start = 0;
  while (start <= v.text.size()) {
    std::size_t dot = v.text.find('.', start);
    if (dot == std::string::npos) dot = v.text.size();
    Span part = v.span;
    part.begin = v.span.begin + static_cast<std::uint32_t>(start);
    part.end = v.span.begin + static_cast<std::uint32_t>(dot);
    e.path.push_back({v.text.substr(start, dot - start), part});
    start = dot + 1;
  }
  return e;
}

void report_shape(const ast::Value& v, const std::string& rule, DiagnosticSink& diags) {
  diags
      .report(DiagKind::TypeMismatch, v.span,
              "'mitigated_by' in rule '" + rule + "' must list attribute names")
      .notes.push_back({{},
                        "name the boolean attributes that control the threat, as in "
                        "mitigated_by = [encodes_output, target.rate_limited]"});
}

void compile_entry(const ast::Value& v, RuleRec& rec, const ModelGraph& g, DiagnosticSink& diags) {
  if (v.kind != ast::ValueKind::Ref) {
    report_shape(v, rec.id, diags);
    return;
  }
  RuleControl control;
  control.text = v.text;
  control.span = v.span;
  const ast::Expr expr = path_expr(v);
  for (int k = 0; k < kKindCount; ++k) {
    if (!(rec.applies & (1u << k))) continue;
    control.expr[k] = compile_when(expr, static_cast<Kind>(k), g, rec.id, diags,
                                   "the 'mitigated_by' entry '" + v.text + "'");
    if (!control.expr[k].valid()) return;
  }
  rec.mitigated_by.push_back(std::move(control));
}

}  // namespace

std::vector<ast::Attribute> without_mitigated_by(const std::vector<ast::Attribute>& attrs) {
  std::vector<ast::Attribute> out;
  for (const ast::Attribute& a : attrs) {
    if (a.name.name != kMitigatedBy) out.push_back(a);
  }
  return out;
}

void compile_rule_controls(const ast::RuleDecl& decl, RuleRec& rec, const ModelGraph& g,
                           DiagnosticSink& diags) {
  for (const ast::Attribute& a : decl.attrs) {
    if (a.name.name != kMitigatedBy) continue;
    if (a.value.kind != ast::ValueKind::List) {
      compile_entry(a.value, rec, g, diags);
      continue;
    }
    for (const ast::Value& v : a.value.items) compile_entry(v, rec, g, diags);
  }
}

}  // namespace moat
