// The reportingDescriptors of the SARIF log, and the small mappings shared with its results.
#include <algorithm>

#include <fmt/format.h>

#include "analyzer/summary.hpp"
#include "backends/markdown_escape.hpp"
#include "backends/sarif_log.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

/// The SARIF level and GitHub's security-severity score of each severity, by ordinal.
struct SarifSeverity {
  const char* level;
  const char* score;
};
constexpr std::array<SarifSeverity, kSeverityCount> kSarifSeverities = {
    {{"note", "0.5"}, {"note", "2.5"}, {"warning", "5.0"}, {"error", "7.5"}, {"error", "9.5"}}};

/// The ordinal of a severity name; an unknown name counts as medium.
std::size_t sarif_severity_index(std::string_view severity) {
  return severity_rank(severity).value_or(*severity_rank("medium"));
}

/// GitHub shows at most 10 tags per rule; the SOC 2 tags are cut to fit.
constexpr std::size_t kMaxTags = 10;
/// GitHub's limit on shortDescription and fullDescription, in characters.
constexpr std::size_t kMaxDescription = 1024;

/// `text` cut to at most `limit` code points, ending in an ellipsis when cut.
std::string truncated(std::string_view text, std::size_t limit) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++points == limit) {
      // The text is longer than the limit only if another code point follows this one.
      std::size_t next = i + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      if (next == text.size()) return std::string(text);
      return std::string(text.substr(0, i)) + "\u2026";
    }
  }
  return std::string(text);
}

/// `name` with each '_' replaced by `by`: "information_disclosure" -> "information-disclosure".
std::string replaced(std::string_view name, char by) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = by;
  }
  return out;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

std::string cwe_url(int cwe) {
  return fmt::format("https://cwe.mitre.org/data/definitions/{}.html", cwe);
}

json rule_tags(const ModelGraph& g, const RuleRec& r) {
  json tags = json::array({"security", "stride/" + replaced(category_name(g, r.category), '-')});
  const std::size_t reserved = r.cwe ? 1 : 0;
  for (CriterionId c : r.controls) {
    if (tags.size() + reserved >= kMaxTags) break;
    tags.push_back("soc2/" + g.criteria[c].id);
  }
  if (r.cwe) tags.push_back(fmt::format("external/cwe/cwe-{}", *r.cwe));
  return tags;
}

json rule_help(const ModelGraph& g, const RuleRec& r) {
  const std::string& advice = r.advice.empty() ? r.title : r.advice;
  std::string text = advice;
  std::string markdown = markdown_cell(advice);
  if (!r.description.empty()) {
    text += "\n\n" + r.description;
    markdown += "\n\n" + markdown_cell(r.description);
  }
  std::string controls;
  for (CriterionId c : r.controls) controls += (controls.empty() ? "" : ", ") + g.criteria[c].id;
  const std::string category = category_name(g, r.category);
  text += fmt::format("\n\nSTRIDE: {}. Severity: {}.", replaced(category, ' '),
                      severity_name(g, r.severity));
  markdown +=
      fmt::format("\n\n- STRIDE: {}\n- Severity: {}", markdown_cell(replaced(category, ' ')),
                  markdown_cell(severity_name(g, r.severity)));
  std::string supports;
  for (CriterionId c : r.supports) supports += (supports.empty() ? "" : ", ") + g.criteria[c].id;
  if (!controls.empty()) {
    text += " SOC 2: " + controls + ".";
    markdown += "\n- SOC 2: " + markdown_cell(controls);
  }
  if (!supports.empty()) {
    text += " SOC 2, as support: " + supports + ".";
    markdown += "\n- SOC 2, as support: " + markdown_cell(supports);
  }
  if (r.cwe) {
    text += fmt::format(" CWE-{}: {}", *r.cwe, cwe_url(*r.cwe));
    markdown += fmt::format("\n- CWE: [CWE-{}]({})", *r.cwe, cwe_url(*r.cwe));
  }
  return {{"text", text}, {"markdown", markdown}};
}

json rule_descriptor(const ModelGraph& g, const RuleRec& r) {
  const std::string& severity = severity_name(g, r.severity);
  json soc2 = json::array();
  for (CriterionId c : r.controls) soc2.push_back(g.criteria[c].id);
  json j;
  j["id"] = r.id;
  // SARIF1001: a name that differs from the id only in case must be left out.
  const std::string name = sarif_rule_name(r.id);
  if (!same_ignoring_case(name, r.id)) j["name"] = name;
  j["shortDescription"] = {{"text", truncated(r.title, kMaxDescription)}};
  j["fullDescription"] = {
      {"text", truncated(r.description.empty() ? r.title : r.description, kMaxDescription)}};
  j["help"] = rule_help(g, r);
  j["defaultConfiguration"] = {{"level", sarif_level(severity)}};
  j["properties"] = {{"tags", rule_tags(g, r)},
                     {"precision", "high"},
                     {"security-severity", sarif_security_severity(severity)},
                     {"stride", category_name(g, r.category)},
                     {"severity", severity},
                     {"soc2", std::move(soc2)},
                     {"cwe", r.cwe ? json(*r.cwe) : json(nullptr)}};
  return j;
}

}  // namespace

const char* sarif_level(std::string_view severity) {
  return kSarifSeverities[sarif_severity_index(severity)].level;
}

const char* sarif_security_severity(std::string_view severity) {
  return kSarifSeverities[sarif_severity_index(severity)].score;
}

std::string sarif_rule_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string sarif_message_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += ' ';
    } else if (c == '\\' || c == '[' || c == ']') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

json sarif_rules(const ModelGraph& g) {
  json rules = json::array();
  for (const RuleRec& r : g.rules) rules.push_back(rule_descriptor(g, r));
  return rules;
}

}  // namespace moat
