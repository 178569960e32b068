// Quick fixes from "did you mean" suggestions, and accept/mitigation templates for open threats.
#include "lsp/code_actions.hpp"

#include <fmt/format.h>

#include "lsp/names.hpp"
#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

/// The most open threats of one element offered templates for.
constexpr std::size_t kMaxTemplates = 10;

const SourceFile& source_of(const ActionScope& scope) {
  return scope.model->compilation->program.sources.file(scope.file);
}

nlohmann::json action(const ActionScope& scope, const std::string& title, const char* kind,
                      std::uint32_t begin, std::uint32_t end, const std::string& text) {
  const SourceFile& source = source_of(scope);
  const nlohmann::json edit = {
      {"range", range_json(source.text, line_starts(source.text), begin, end)}, {"newText", text}};
  return {{"title", title},
          {"kind", kind},
          {"edit", {{"changes", {{path_to_uri(normal_path(source.path)), {edit}}}}}}};
}

/// A mitigation id not yet taken: `mitigate_ELEMENT_RULE`, numbered when needed.
std::string free_mitigation_id(const ModelGraph& g, const std::string& base) {
  auto taken = [&](const std::string& id) {
    if (g.find(id) != kNoElement) return true;
    for (const MitigationRec& m : g.mitigations) {
      if (m.id == id) return true;
    }
    return false;
  };
  std::string id = base;
  for (int n = 2; taken(id); ++n) id = fmt::format("{}_{}", base, n);
  return id;
}

/// `text` as the body of a string literal: quotes and backslashes escaped, line breaks and tabs
/// as escapes, other control characters dropped (a rule title must not break the template).
std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      out += c;
    }
  }
  return out;
}

/// Appends `block` at the end of the scope's file, after a blank line.
nlohmann::json append_block(const ActionScope& scope, const std::string& title,
                            const std::string& block) {
  const std::string& text = source_of(scope).text;
  const auto end = static_cast<std::uint32_t>(text.size());
  const std::string lead = text.empty() || text.back() == '\n' ? "\n" : "\n\n";
  return action(scope, title, "refactor", end, end, lead + block);
}

}  // namespace

void add_suggestion_fixes(const ActionScope& scope, nlohmann::json& actions) {
  const std::string& text = source_of(scope).text;
  for (const Diagnostic& d : scope.model->compilation->diags.sorted()) {
    if (d.suggestion.empty() || d.span.file != scope.file || !d.span.valid()) continue;
    if (d.span.end < scope.begin || d.span.begin > scope.end) continue;
    const std::string_view written(text.data() + d.span.begin, d.span.end - d.span.begin);
    if (written.find_first_of(" \t\n\"") != std::string_view::npos) continue;  // not one name
    nlohmann::json a =
        action(scope, "Change '" + std::string(written) + "' to '" + d.suggestion + "'", "quickfix",
               d.span.begin, d.span.end, d.suggestion);
    a["isPreferred"] = true;
    actions.push_back(std::move(a));
  }
}

void add_threat_templates(const ActionScope& scope, nlohmann::json& actions) {
  const Model& model = *scope.model;
  if (!model.analyzed) return;
  const ModelGraph& g = model.compilation->graph;
  const Named named = name_at(model, source_of(scope).text, scope.begin);
  if (named.kind != NameKind::Element) return;
  std::size_t offered = 0;
  for (const Threat& t : model.analysis.threats) {
    if (t.element != named.element || t.status != ThreatStatus::Open) continue;
    if (offered++ == kMaxTemplates) break;
    const std::string id = threat_id(g, t);
    const RuleRec& rule = g.rules[t.rule];
    actions.push_back(
        append_block(scope, "Accept this threat: " + id + "…",
                     fmt::format("accept {} {{\n  reason = \"\"\n  owner  = \"\"\n}}\n", id)));
    const std::string mitigation =
        free_mitigation_id(g, "mitigate_" + g.elements[t.element].id + "_" + rule.id);
    actions.push_back(append_block(
        scope, "Add a mitigation for this threat: " + id + "…",
        fmt::format("mitigation {} \"{}\" {{\n  mitigates = [{}]\n  status    = planned\n}}\n",
                    mitigation, escaped(rule.title), id)));
  }
}

}  // namespace moat::lsp
