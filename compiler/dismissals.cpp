#include "compiler/dismissals.hpp"

#include "compiler/attrs.hpp"
#include "compiler/decls.hpp"

namespace moat {

namespace {

/// The written `reason` attribute, if any.
const ast::Attribute* reason_attribute(const std::vector<ast::Attribute>& attrs) {
  for (const ast::Attribute& a : attrs) {
    if (a.name.name == "reason") return &a;
  }
  return nullptr;
}

/// A dismissal without a reason is a claim nobody can review: `reason = ""` is an error, and so
/// is one of only spaces.
void check_reason(const ast::AcceptDecl& d, const DismissRec& rec, DiagnosticSink& diags) {
  const ast::Attribute* a = reason_attribute(d.attrs);
  if (!a || a->value.kind != ast::ValueKind::String) return;  // missing or mistyped: reported
  if (rec.reason.find_first_not_of(" \t\r\n") != std::string::npos) return;
  Diagnostic& diag = diags.report(DiagKind::EmptyReason, a->value.span,
                                  "the dismissal of '" + d.target.text + "' gives no reason");
  diag.notes.push_back(
      {{},
       "say why the threat does not apply, as in reason = \"the store holds only public data\""});
}

}  // namespace

void build_dismissals(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      ValueConverter& values, DiagnosticSink& diags) {
  for (const ast::Module* m : modules) {
    for (const ast::AcceptDecl& d : m->dismissals) {
      DismissRec rec;
      rec.keyword = d.keyword;
      rec.target = decision_target(values, d.target, "dismiss");
      rec.attrs = values.fill(DeclKind::Dismiss, d.attrs, d.target.text, d.target.span);
      const Attrs f{g, DeclKind::Dismiss, rec.attrs};
      rec.reason = f.str("reason");
      rec.by = f.str("by");
      rec.ticket = f.str("ticket");
      rec.as = f.ordinal("as");
      check_reason(d, rec, diags);
      g.dismissals.push_back(std::move(rec));
    }
  }
}

}  // namespace moat
