#include "backends/diff_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "analyzer/summary.hpp"
#include "backends/markdown_escape.hpp"
#include "compiler/excerpt.hpp"

namespace moat {

namespace {

std::string id_list(const std::vector<ControlChange>& controls, bool fixed) {
  std::string out;
  for (const ControlChange& c : controls) {
    if (fixed ? c.fixed() : c.regressed()) out += (out.empty() ? "" : ", ") + c.id;
  }
  return out.empty() ? "none" : out;
}

nlohmann::ordered_json basis_json(ControlBasis b) {
  if (b == ControlBasis::None) return nullptr;
  return control_basis_name(b);
}

std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// "before -> after" when the status changed (always for '~'), else the status it has.
/// A threat mitigated by controlling attributes says which: "mitigated by encodes_output".
std::string status_text(const ThreatChange& t, char mark, const char* arrow) {
  std::string by;
  for (const std::string& a : t.mitigated_by) by += (by.empty() ? " by " : ", ") + a;
  if (mark == '~' || (mark == '=' && t.before != t.after))
    return fmt::format("{} {} {}{}", threat_status_name(t.before), arrow,
                       threat_status_name(t.after), by);
  return threat_status_name(mark == '-' ? t.before : t.after) + by;
}

/// Marks: '+' added, '-' removed, '~' changed status, '=' renamed (old id -> new id).
void text_threats(std::string& out, const char* heading, char mark,
                  const std::vector<ThreatChange>& ts) {
  if (ts.empty()) return;
  out += fmt::format("{} ({}):\n", heading, ts.size());
  for (const ThreatChange& t : ts) {
    const std::string id = t.previous_id.empty() ? t.id : t.previous_id + " -> " + t.id;
    out += fmt::format("  {} {:<8} {:<20} {}  {}\n", mark, t.severity, status_text(t, mark, "->"),
                       id, t.title);
  }
}

/// A finding's status: "before -> after" when it changed (always for '~'), else the one it has.
std::string finding_status(const FindingChange& f, char mark, const char* arrow) {
  if (mark == '~' || (mark == '=' && f.before != f.after))
    return fmt::format("{} {} {}", threat_status_name(f.before), arrow,
                       threat_status_name(f.after));
  return threat_status_name(mark == '-' ? f.before : f.after);
}

std::string finding_id(const FindingChange& f, const char* arrow) {
  return f.previous_id.empty() ? f.id : f.previous_id + " " + arrow + " " + f.id;
}

/// "2 threats: a.r, b.r" (or "1 threat: ...").
std::string members_text(const FindingChange& f) {
  std::string out = fmt::format("{} threat{}:", f.threats.size(), f.threats.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < f.threats.size(); ++i) out += (i ? ", " : " ") + f.threats[i];
  return out;
}

/// Same marks as threats; findings come first: they are what a reader acts on.
void text_findings(std::string& out, const char* heading, char mark,
                   const std::vector<FindingChange>& fs) {
  if (fs.empty()) return;
  out += fmt::format("{} ({}):\n", heading, fs.size());
  for (const FindingChange& f : fs) {
    out +=
        fmt::format("  {} {:<8} {:<20} {}  {} ({})\n", mark, f.severity,
                    finding_status(f, mark, "->"), finding_id(f, "->"), f.title, members_text(f));
  }
}

void markdown_findings(std::string& out, const char* heading, char mark,
                       const std::vector<FindingChange>& fs) {
  if (fs.empty()) return;
  out += fmt::format(
      "\n### {} ({})\n\n| severity | status | finding | title | threats |\n|---|---|---|---|---|\n",
      heading, fs.size());
  for (const FindingChange& f : fs) {
    // Ids are identifiers: safe in a code span.
    const std::string id =
        f.previous_id.empty() ? "`" + f.id + "`" : "`" + f.previous_id + "` → `" + f.id + "`";
    std::string members;
    for (const std::string& t : f.threats) members += (members.empty() ? "`" : ", `") + t + "`";
    out += fmt::format("| {} | {} | {} | {} | {} |\n", f.severity, finding_status(f, mark, "→"), id,
                       markdown_cell(f.title), members);
  }
}

nlohmann::ordered_json findings_json(const std::vector<FindingChange>& fs) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const FindingChange& f : fs) {
    a.push_back({{"id", f.id},
                 {"weakness", f.weakness},
                 {"element", f.anchor},
                 {"severity", f.severity},
                 {"title", f.title},
                 {"before", threat_status_name(f.before)},
                 {"after", threat_status_name(f.after)},
                 {"threats", f.threats}});
    if (!f.previous_id.empty()) a.back()["previous_id"] = f.previous_id;
  }
  return a;
}

std::string rename_list(const std::vector<Rename>& renames, const char* arrow) {
  std::string out;
  for (const Rename& r : renames)
    out += (out.empty() ? "" : ", ") + r.before + " " + arrow + " " + r.after;
  return out;
}

}  // namespace

std::string diff_text(const ModelDiff& d, const DiffLabels& labels) {
  std::string out = fmt::format("moat diff: {} -> {}\n", labels.before, labels.after);
  if (d.empty()) return out + "no changes in findings, threats, controls, elements or flows\n";
  out += "SOC 2 readiness:\n";
  for (const ReadinessChange& r : d.readiness) {
    out += fmt::format("  {:<21} {} -> {}  (not met {} -> {}, partially met {} -> {})\n",
                       soc2_category_title(r.category), readiness_text(r.before),
                       readiness_text(r.after), r.before.not_met, r.after.not_met,
                       r.before.partially_met, r.after.partially_met);
  }
  out += fmt::format("criteria fixed (not met before, not now): {}\n", id_list(d.controls, true));
  out +=
      fmt::format("criteria regressed (not met now, not before): {}\n", id_list(d.controls, false));
  if (!d.controls.empty()) {
    out += "criteria that changed status:\n";
    for (const ControlChange& c : d.controls) {
      out += fmt::format("  {:<6} {:<16} -> {:<16} {}\n", c.id,
                         control_label(c.before, c.before_basis),
                         control_label(c.after, c.after_basis), c.title);
    }
  }
  for (const ScanToolChange& s : d.scans)
    out += "scanner results: " + printable_message(s.text()) + "\n";
  text_findings(out, "findings added", '+', d.findings_added);
  text_findings(out, "findings removed", '-', d.findings_removed);
  text_findings(out, "findings that changed status", '~', d.findings_changed);
  text_findings(out, "findings renamed", '=', d.findings_renamed);
  text_threats(out, "threats added", '+', d.added);
  text_threats(out, "threats removed", '-', d.removed);
  text_threats(out, "threats that changed status", '~', d.changed);
  text_threats(out, "threats renamed", '=', d.renamed);
  if (!d.elements_renamed.empty())
    out += "elements renamed: " + rename_list(d.elements_renamed, "->") + "\n";
  if (!d.flows_renamed.empty())
    out += "flows renamed: " + rename_list(d.flows_renamed, "->") + "\n";
  if (!d.elements_added.empty()) out += "elements added: " + name_list(d.elements_added) + "\n";
  if (!d.elements_removed.empty())
    out += "elements removed: " + name_list(d.elements_removed) + "\n";
  if (!d.flows_added.empty()) out += "flows added: " + name_list(d.flows_added) + "\n";
  if (!d.flows_removed.empty()) out += "flows removed: " + name_list(d.flows_removed) + "\n";
  return out;
}

namespace {

void markdown_threats(std::string& out, const char* heading, const std::vector<ThreatChange>& ts,
                      char mark) {
  if (ts.empty()) return;
  out += fmt::format("\n### {} ({})\n\n| severity | status | threat | title |\n|---|---|---|---|\n",
                     heading, ts.size());
  for (const ThreatChange& t : ts) {
    // Ids are identifiers: safe in a code span.
    const std::string id =
        t.previous_id.empty() ? "`" + t.id + "`" : "`" + t.previous_id + "` → `" + t.id + "`";
    out += fmt::format("| {} | {} | {} | {} |\n", t.severity, status_text(t, mark, "→"), id,
                       markdown_cell(t.title));
  }
}

}  // namespace

std::string diff_markdown(const ModelDiff& d, const DiffLabels& labels) {
  std::string out = fmt::format("## Threat model changes\n\n`{}` → `{}`\n",
                                markdown_cell(labels.before), markdown_cell(labels.after));
  if (d.empty()) return out + "\nNo changes in findings, threats, controls, elements or flows.\n";
  out += "\n| SOC 2 category | before | after |\n|---|---|---|\n";
  for (const ReadinessChange& r : d.readiness) {
    out += fmt::format("| {} | {} | {} |\n", soc2_category_title(r.category),
                       readiness_text(r.before), readiness_text(r.after));
  }
  out += fmt::format("\n**Criteria fixed:** {}  \n**Criteria regressed:** {}\n",
                     id_list(d.controls, true), id_list(d.controls, false));
  if (!d.controls.empty()) {
    out += "\n| criterion | before | after | title |\n|---|---|---|---|\n";
    for (const ControlChange& c : d.controls) {
      out += fmt::format("| {} | {} | {} | {} |\n", c.id, control_label(c.before, c.before_basis),
                         control_label(c.after, c.after_basis), markdown_cell(c.title));
    }
  }
  if (!d.scans.empty()) {
    out += "\n**Scanner results:**";
    for (const ScanToolChange& s : d.scans) out += " " + markdown_cell(s.text()) + ";";
    out.back() = '\n';
  }
  // Removed threats show their old status; added ones their new status.
  markdown_findings(out, "Findings added", '+', d.findings_added);
  markdown_findings(out, "Findings removed", '-', d.findings_removed);
  markdown_findings(out, "Findings that changed status", '~', d.findings_changed);
  markdown_findings(out, "Findings renamed", '=', d.findings_renamed);
  markdown_threats(out, "Threats added", d.added, '+');
  markdown_threats(out, "Threats removed", d.removed, '-');
  markdown_threats(out, "Threats that changed status", d.changed, '~');
  markdown_threats(out, "Threats renamed", d.renamed, '=');
  auto names = [&](const char* heading, const std::vector<std::string>& v) {
    if (!v.empty()) out += fmt::format("\n**{}:** {}\n", heading, markdown_cell(name_list(v)));
  };
  auto renames = [&](const char* heading, const std::vector<Rename>& v) {
    if (!v.empty())
      out += fmt::format("\n**{}:** {}\n", heading, markdown_cell(rename_list(v, "→")));
  };
  renames("Elements renamed", d.elements_renamed);
  renames("Flows renamed", d.flows_renamed);
  names("Elements added", d.elements_added);
  names("Elements removed", d.elements_removed);
  names("Flows added", d.flows_added);
  names("Flows removed", d.flows_removed);
  return out;
}

std::string diff_json(const ModelDiff& d, const DiffLabels& labels) {
  using json = nlohmann::ordered_json;
  auto threats = [](const std::vector<ThreatChange>& ts) {
    json a = json::array();
    for (const ThreatChange& t : ts) {
      a.push_back({{"id", t.id},
                   {"rule", t.rule},
                   {"element", t.element},
                   {"category", t.category},
                   {"severity", t.severity},
                   {"title", t.title},
                   {"before", threat_status_name(t.before)},
                   {"after", threat_status_name(t.after)}});
      if (!t.previous_id.empty()) a.back()["previous_id"] = t.previous_id;
      if (!t.mitigated_by.empty()) a.back()["mitigated_by"] = t.mitigated_by;
    }
    return a;
  };
  auto renames = [](const std::vector<Rename>& v) {
    json a = json::array();
    for (const Rename& r : v) a.push_back({{"before", r.before}, {"after", r.after}});
    return a;
  };
  json doc;
  doc["before"] = labels.before;
  doc["after"] = labels.after;
  json r = json::array();
  for (const ReadinessChange& x : d.readiness) {
    auto side = [](const CategorySummary& s) {
      // passing, warning and failing keep their format_version 2 meaning (the same counts).
      return json{{"met", s.met},
                  {"met_evidenced", s.met_evidenced},
                  {"partially_met", s.partially_met},
                  {"not_met", s.not_met},
                  {"passing", s.met},
                  {"warning", s.partially_met},
                  {"failing", s.not_met},
                  {"not_assessed", s.not_assessed}};
    };
    r.push_back({{"category", soc2_category_title(x.category)},
                 {"before", side(x.before)},
                 {"after", side(x.after)}});
  }
  doc["readiness"] = std::move(r);
  json controls = json::array();
  for (const ControlChange& c : d.controls) {
    controls.push_back({{"id", c.id},
                        {"title", c.title},
                        {"before", legacy_control_status_name(c.before)},
                        {"after", legacy_control_status_name(c.after)},
                        {"before_readiness", control_status_name(c.before)},
                        {"after_readiness", control_status_name(c.after)},
                        {"before_basis", basis_json(c.before_basis)},
                        {"after_basis", basis_json(c.after_basis)},
                        {"fixed", c.fixed()},
                        {"regressed", c.regressed()}});
  }
  doc["controls"] = std::move(controls);
  doc["threats_added"] = threats(d.added);
  doc["threats_removed"] = threats(d.removed);
  doc["threats_changed"] = threats(d.changed);
  doc["threats_renamed"] = threats(d.renamed);
  doc["findings_added"] = findings_json(d.findings_added);
  doc["findings_removed"] = findings_json(d.findings_removed);
  doc["findings_changed"] = findings_json(d.findings_changed);
  doc["findings_renamed"] = findings_json(d.findings_renamed);
  doc["elements_added"] = d.elements_added;
  doc["elements_removed"] = d.elements_removed;
  doc["elements_renamed"] = renames(d.elements_renamed);
  doc["flows_added"] = d.flows_added;
  doc["flows_removed"] = d.flows_removed;
  doc["flows_renamed"] = renames(d.flows_renamed);
  json scans = json::array();
  for (const ScanToolChange& s : d.scans) {
    json fixed = json::object(), added = json::object();
    for (const auto& [kind, n] : s.fixed) fixed[kind] = n;
    for (const auto& [severity, n] : s.added) added[severity] = n;
    scans.push_back({{"tool", s.tool}, {"fixed", fixed}, {"new", added}, {"text", s.text()}});
  }
  doc["scan_results_changed"] = std::move(scans);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace moat
