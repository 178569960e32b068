#include "compiler/expr_scan.hpp"

#include "compiler/suggest.hpp"

namespace moat {

namespace {

/// The bare name `e` as a member of enum `id`: its ordinal, or -1 (with `error` filled in).
int member_of(const ast::Expr& e, const ModelGraph& g, EnumId id, const std::string& what,
              ScanCallError& error) {
  const EnumDef& def = g.schema.enums[id];
  if (e.kind == ast::ExprKind::Name && e.path.size() == 1) {
    const int m = def.member_index(e.path[0].name);
    if (m >= 0) return m;
    std::vector<std::string_view> names(def.members.begin(), def.members.end());
    error.suggestion = closest_match(e.path[0].name, names);
  }
  std::string list;
  for (const std::string& m : def.members) list += (list.empty() ? "" : ", ") + m;
  error.kind = DiagKind::ExprTypeError;
  error.span = e.span;
  error.message = what + " (one of " + list + ")";
  return -1;
}

/// `severity CMP MEMBER`: the comparison and the member's ordinal, into `n`.
bool severity_test(const ast::Expr& e, const ModelGraph& g, ExprNode& n, ScanCallError& error) {
  const bool shaped = e.kind == ast::ExprKind::Compare && e.operands.size() == 2 &&
                      e.operands[0].kind == ast::ExprKind::Name && e.operands[0].path.size() == 1 &&
                      e.operands[0].path[0].name == "severity";
  if (!shaped) {
    error.kind = DiagKind::ExprTypeError;
    error.span = e.span;
    error.message =
        "the second argument of 'scan_results' is a severity test, as in "
        "'severity >= high'";
    return false;
  }
  const int s = member_of(e.operands[1], g, g.builtins.severity,
                          "'severity' is compared with a severity", error);
  if (s < 0) return false;
  n.cmp = e.op;
  n.arg = static_cast<std::int16_t>(s);
  return true;
}

}  // namespace

bool is_scan_function(const std::string& name) {
  return name == "scan_results" || name == "scanned";
}

std::optional<ScanCallError> compile_scan_call(const ast::Expr& e, const ModelGraph& g,
                                               ExprNode& n) {
  ScanCallError error;
  error.span = e.span;
  const bool results = e.path[0].name == "scan_results";
  const std::size_t args = e.operands.size();
  if (args < 1 || args > (results ? 2u : 1u)) {
    error.message = results ? "'scan_results' takes a kind of scanner result and, optionally, a "
                              "severity test: scan_results(secret), "
                              "scan_results(vulnerable_dependency, severity >= high)"
                            : "'scanned' takes a kind of scan: scanned(dependency)";
    return error;
  }
  const int kind = results ? member_of(e.operands[0], g, g.builtins.scan_kind,
                                       "'scan_results' needs a kind of scanner result", error)
                           : member_of(e.operands[0], g, g.builtins.scan_type,
                                       "'scanned' needs a kind of scan", error);
  if (kind < 0) return error;
  n.op = results ? Op::ScanResults : Op::Scanned;
  n.value = Val::of(kind);
  n.span = e.span;
  n.type.base = results ? Base::Number : Base::Bool;
  if (args == 2 && !severity_test(e.operands[1], g, n, error)) return error;
  return std::nullopt;
}

}  // namespace moat
