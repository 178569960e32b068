// The results of the SARIF log: one per open threat, located at the element's declaration in
// the model, then at the code the element names, with the mitigations as related locations.
#include <algorithm>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "analyzer/contradictions.hpp"
#include "analyzer/scan_facts.hpp"
#include "analyzer/scan_threats.hpp"
#include "backends/json_parallel.hpp"
#include "backends/sarif_log.hpp"
#include "backends/sarif_paths.hpp"
#include "compiler/attrs.hpp"
#include "compiler/literals.hpp"
#include "compiler/repositories.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

/// GitHub reads at most 10 locations per result: the declaration and 9 code locations.
constexpr std::size_t kMaxLocations = 10;

/// Turns spans and written code locations into SARIF physicalLocations, caching file URIs.
class Locator {
 public:
  explicit Locator(const RenderContext& ctx) : ctx_(ctx), uris_(ctx.sources.size()) {}

  /// The region of `span` in its model file.
  json declaration(Span span) {
    if (!span.valid()) {
      return {{"artifactLocation", {{"uri", fallback_uri(ctx_.model_path)}}},
              {"region", {{"startLine", 1}}}};
    }
    const LineCol begin = ctx_.sources.line_col(span.file, span.begin);
    const LineCol end = ctx_.sources.line_col(span.file, span.end);
    return {{"artifactLocation", {{"uri", source_uri(span.file)}}},
            {"region",
             {{"startLine", begin.line},
              {"startColumn", begin.column},
              {"endLine", end.line},
              {"endColumn", end.column}}}};
  }

  /// A written code location; nullopt for a URL or a path outside the repository.
  std::optional<json> code(std::string_view text) const {
    const CodeLocation loc = parse_code_location(std::string(text));
    if (loc.external || loc.glob || loc.other_repository) return std::nullopt;
    const std::optional<std::string> rel = code_path_in_repo(loc.path, ctx_.repo_root);
    if (!rel) return std::nullopt;
    std::error_code ec;
    const bool directory = loc.directory || std::filesystem::is_directory(
                                                std::filesystem::path(ctx_.repo_root) / *rel, ec);
    json j = {{"artifactLocation", {{"uri", uri_reference(*rel) + (directory ? "/" : "")}}}};
    if (loc.first_line > 0) {
      j["region"] = {{"startLine", loc.first_line}, {"endLine", loc.last_line}};
    } else if (!directory) {
      j["region"] = {{"startLine", 1}};
    }
    return j;
  }

  /// A `@moat` source annotation: the annotated id in its file; nullopt outside the root.
  std::optional<json> annotation(const Annotation& an) const {
    const std::optional<std::string> rel = code_path_in_repo(an.file, ctx_.repo_root);
    if (!rel || an.line == 0) return std::nullopt;
    json region = {{"startLine", an.line}, {"endLine", an.line}};
    if (an.span.valid() && an.span.file < ctx_.sources.size()) {
      const LineCol begin = ctx_.sources.line_col(an.span.file, an.span.begin);
      const LineCol end = ctx_.sources.line_col(an.span.file, an.span.end);
      region = {{"startLine", begin.line},
                {"startColumn", begin.column},
                {"endLine", end.line},
                {"endColumn", end.column}};
    }
    return json{{"artifactLocation", {{"uri", uri_reference(*rel)}}},
                {"region", std::move(region)}};
  }

 private:
  const std::string& source_uri(FileId file) {
    std::optional<std::string>& uri = uris_[file];
    if (!uri) {
      const std::string& path = ctx_.sources.file(file).path;
      const std::optional<std::string> rel = source_path_in_repo(path, ctx_.repo_root);
      uri = rel ? uri_reference(*rel) : fallback_uri(path);
    }
    return *uri;
  }

  /// A file outside the repository root: its path relative to the root, `..` and all.
  std::string fallback_uri(const std::string& path) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec).lexically_normal();
    const fs::path rel =
        abs.lexically_relative(fs::absolute(ctx_.repo_root, ec).lexically_normal());
    return uri_reference(rel.empty() ? fs::path(path).generic_string() : rel.generic_string());
  }

  const RenderContext& ctx_;
  std::vector<std::optional<std::string>> uris_;
};

/// The strings of element `e`'s `code` attribute, when its kind has one.
std::vector<std::string_view> code_locations(const ModelGraph& g, ElementId e) {
  std::vector<std::string_view> out;
  const KindSchema& schema = g.schema.of(decl_kind(g.elements[e].kind));
  const int slot = schema.slot("code");
  if (slot < 0) return out;
  const Type& type = schema.fields[static_cast<std::size_t>(slot)].type;
  const Val v = g.attr(e, slot);
  if (type.base != Base::Location || !type.list || !v.is_set()) return out;
  for (std::uint32_t i = 0; i < v.list_size(); ++i) {
    const Val item = g.list_items[v.list_offset() + i];
    if (item.is_set()) out.push_back(g.strings[item.id<StringId>()]);
  }
  return out;
}

std::string mitigation_status(const ModelGraph& g, const MitigationRec& m) {
  std::string s = member_name(g, "mitigation_status", m.status);
  if (s.empty()) return "unknown";
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

std::string element_phrase(const ElementRec& e) {
  const std::string quoted = "'" + sarif_message_text(e.title) + "'";
  if (e.title == e.id) return fmt::format("{} {}", kind_name(e.kind), quoted);
  return fmt::format("{} {} ({})", kind_name(e.kind), quoted, sarif_message_text(e.id));
}

std::string headline(const ModelGraph& g, const Threat& t) {
  std::string title = g.rules[t.rule].title;
  while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.pop_back();
  return fmt::format("{}: {}.", sarif_message_text(title), element_phrase(g.elements[t.element]));
}

/// A scanner result the threat rests on: its location as a related location, and a sentence
/// naming it ("Scanner evidence [Gitleaks aws-access-token at a.py:7](2) SUFFIX.").
void cite_scan_result(const ScanEvidence& scans, Locator& locator, std::uint32_t result,
                      const char* suffix, std::string& text, json& related) {
  const SarifResult& r = scans.results[result];
  const std::string cited = sarif_message_text(cite_result(scans, result));
  std::optional<json> where;
  if (!r.locations.empty()) where = locator.code(location_text(r.locations.front()));
  if (!where) {
    text += fmt::format(" Scanner evidence {}{}.", cited, suffix);
    return;
  }
  const int id = static_cast<int>(related.size()) + 1;
  text += fmt::format(" Scanner evidence [{}]({}){}.", cited, id, suffix);
  related.push_back({{"id", id},
                     {"physicalLocation", std::move(*where)},
                     {"message", {{"text", "Scanner evidence: " + cited + "."}}}});
}

/// A threat the evidence opened (a claim a scanner result disproves), or one raised from scanner
/// results: each result's location as a related location, and a sentence naming it.
void scanner_evidence(const RenderContext& ctx, Locator& locator, const Threat& t,
                      std::string& text, json& related) {
  const ScanEvidence& scans = ctx.analysis.scans;
  const ThreatId id = ctx.analysis.threats.id_of(t);
  for (const Contradiction& c : scans.contradictions) {
    if (std::find(c.threats.begin(), c.threats.end(), id) == c.threats.end()) continue;
    cite_scan_result(scans, locator, c.result, " contradicts the model's claim", text, related);
  }
  for (const std::uint32_t r : cited_scan_results(t)) {
    const bool open = result_open(scans.results[r]);
    cite_scan_result(scans, locator, r, open ? "" : " (suppressed in the scanner)", text, related);
  }
  if (t.scan_results.size() > kCitedScanResults)
    text +=
        " Scanner evidence: " + more_results_text(t.scan_results.size() - kCitedScanResults) + ".";
}

/// The message, and related locations for the mitigations it links to.
json result_message(const RenderContext& ctx, Locator& locator, const Threat& t, json& related) {
  const ModelGraph& g = ctx.graph;
  std::string text = headline(g, t);
  for (MitigationId mitigation : t.mitigations) {
    const MitigationRec& m = g.mitigations[mitigation];
    const int id = static_cast<int>(related.size()) + 1;
    const std::string status = mitigation_status(g, m);
    text += fmt::format(" Mitigation [{}]({}) is {}.", sarif_message_text(m.id), id, status);
    related.push_back(
        {{"id", id},
         {"physicalLocation", locator.declaration(m.id_span)},
         {"message",
          {{"text", fmt::format("Mitigation '{}' ({}).", sarif_message_text(m.id), status)}}}});
    std::vector<json> evidence;
    for (const std::string& e : m.evidence) {
      if (std::optional<json> where = locator.code(e)) evidence.push_back(std::move(*where));
    }
    if (ctx.analysis.mitigation_annotations.contains(mitigation)) {
      for (std::uint32_t an : ctx.analysis.mitigation_annotations[mitigation]) {
        if (std::optional<json> where = locator.annotation(ctx.analysis.annotations[an]))
          evidence.push_back(std::move(*where));
      }
    }
    for (json& where : evidence) {
      related.push_back(
          {{"id", static_cast<int>(related.size()) + 1},
           {"physicalLocation", std::move(where)},
           {"message",
            {{"text", fmt::format("Evidence for mitigation '{}'.", sarif_message_text(m.id))}}}});
    }
  }
  scanner_evidence(ctx, locator, t, text, related);
  if (!t.acceptance.is_none() && t.acceptance_expired) {
    const AcceptRec& a = g.accepts[t.acceptance];
    text += fmt::format(" Its acceptance by '{}' expired{}.", sarif_message_text(a.owner),
                        a.expires ? " on " + format_date(*a.expires) : "");
  }
  return {{"text", text}};
}

/// The declaration, then the code: `@moat threat` annotations naming the threat, the element's
/// `code` attribute, `@moat element` annotations naming the element.
json result_locations(const RenderContext& ctx, Locator& locator, const Threat& t) {
  const Analysis& a = ctx.analysis;
  json locations = json::array();
  locations.push_back(
      {{"physicalLocation", locator.declaration(ctx.graph.elements[t.element].id_span)}});
  auto add = [&](std::optional<json> where) {
    if (where && locations.size() < kMaxLocations)
      locations.push_back({{"physicalLocation", std::move(*where)}});
  };
  for (std::uint32_t an : t.annotations) add(locator.annotation(a.annotations[an]));
  for (std::string_view code : code_locations(ctx.graph, t.element)) add(locator.code(code));
  for (const auto& [element, an] : a.element_annotations) {
    if (element == t.element) add(locator.annotation(a.annotations[an]));
  }
  return locations;
}

/// The URLs among the element's `code` and its mitigations' `evidence`: a SARIF location must be
/// a file of the repository, so external references travel as a property.
json external_references(const ModelGraph& g, const Threat& t) {
  std::vector<std::string_view> urls;
  auto add = [&](std::string_view location) {
    if (is_url(location) && std::find(urls.begin(), urls.end(), location) == urls.end())
      urls.push_back(location);
  };
  for (std::string_view code : code_locations(g, t.element)) add(code);
  for (MitigationId m : t.mitigations) {
    for (const std::string& e : g.mitigations[m].evidence) add(e);
  }
  json out = json::array();
  for (std::string_view url : urls) out.push_back(sarif_message_text(url));
  return out;
}

json result_properties(const ModelGraph& g, const Threat& t, const std::string& id) {
  const RuleRec& r = g.rules[t.rule];
  const ElementRec& e = g.elements[t.element];
  json soc2 = json::array();
  for (CriterionId c : r.controls) {
    if (g.model.soc2_scope & (1u << g.criteria[c].category)) soc2.push_back(g.criteria[c].id);
  }
  json soc2_supports = json::array();
  for (CriterionId c : r.supports) {
    if (g.model.soc2_scope & (1u << g.criteria[c].category))
      soc2_supports.push_back(g.criteria[c].id);
  }
  json mitigations = json::array();
  for (MitigationId m : t.mitigations) mitigations.push_back(g.mitigations[m].id);
  json props = {{"stride", category_name(g, t.category)},
                {"severity", severity_name(g, t.severity)},
                {"soc2", std::move(soc2)},
                {"soc2Supports", std::move(soc2_supports)},
                {"element", e.id},
                {"elementKind", kind_name(e.kind)},
                {"threatId", id},
                {"status", threat_status_name(t.status)},
                {"mitigations", std::move(mitigations)}};
  if (json refs = external_references(g, t); !refs.empty()) props["references"] = std::move(refs);
  return props;
}

/// A dismissed threat is reported suppressed, the SARIF 2.1.0 way: an `external` suppression
/// (it lives in the model, not beside the code), accepted, with the dismissal as justification.
json dismissal_suppression(const ModelGraph& g, const Threat& t) {
  const DismissRec& d = g.dismissals[t.dismissal];
  const std::string as = dismissal_name(g, d.as);
  return {{"kind", "external"},
          {"status", "accepted"},
          {"justification",
           sarif_message_text(fmt::format("{} (dismissed by {} as {})", d.reason, d.by, as))},
          {"properties",
           {{"dismissedAs", as},
            {"dismissedBy", sarif_message_text(d.by)},
            {"dismissedThrough", d.target.text}}}};
}

/// A threat found over several hops: one code flow with a location per hop, the less trusted
/// origin first, each at the node's declaration in the model (docs/sarif.md).
json code_flows(const RenderContext& ctx, Locator& locator, const Threat& t) {
  const ModelGraph& g = ctx.graph;
  json hops = json::array();
  for (ElementId n : t.via) {
    const ElementRec& e = g.elements[n];
    hops.push_back({{"location",
                     {{"physicalLocation", locator.declaration(e.id_span)},
                      {"message", {{"text", element_phrase(e)}}}}}});
  }
  const std::string text = sarif_message_text("via " + path_text(g, t.via));
  return json::array({{{"message", {{"text", text}}}, {"threadFlows", {{{"locations", hops}}}}}});
}

json result(const RenderContext& ctx, Locator& locator, const Threat& t) {
  const ModelGraph& g = ctx.graph;
  const RuleRec& r = g.rules[t.rule];
  const std::string id = threat_id(g, t);
  json related = json::array();
  json j;
  j["ruleId"] = r.id;
  j["ruleIndex"] = t.rule.index();
  j["level"] = sarif_level(severity_name(g, t.severity));
  j["message"] = result_message(ctx, locator, t, related);
  j["locations"] = result_locations(ctx, locator, t);
  if (!related.empty()) j["relatedLocations"] = std::move(related);
  if (!t.via.empty()) {
    j["message"]["text"] = j["message"]["text"].get<std::string>() + " Via " +
                           sarif_message_text(path_text(g, t.via)) + ".";
    j["codeFlows"] = code_flows(ctx, locator, t);
  }
  j["partialFingerprints"] = {{"primaryLocationLineHash", fnv1a64_hex(id) + ":1"},
                              {"moatThreatId/v1", id}};
  j["properties"] = result_properties(g, t, id);
  if (!t.dismissal.is_none()) j["suppressions"] = json::array({dismissal_suppression(g, t)});
  // One result per threat keeps each alert's rule and history; the finding groups them.
  if (t.finding < ctx.analysis.findings.size()) {
    const Finding& f = ctx.analysis.findings[t.finding];
    j["properties"]["finding"] = f.id;
    j["properties"]["findingSeverity"] = severity_name(g, f.severity);
  }
  return j;
}

}  // namespace

void write_sarif_results(JsonWriter& w, const RenderContext& ctx) {
  const auto& threats = ctx.analysis.threats;
  auto chunk = [&](JsonWriter& cw, std::size_t begin, std::size_t end) {
    // A locator per chunk: it remembers the URIs it made, so it is no thread's to share.
    Locator locator(ctx);
    for (std::size_t i = begin; i < end; ++i) {
      const Threat& t = threats[ThreatId::at(i)];
      // Dismissed threats travel as suppressed results, so code scanning shows them closed.
      if (t.status == ThreatStatus::Open || t.status == ThreatStatus::Dismissed)
        cw.value(result(ctx, locator, t));
    }
  };
  // In chunks, on several threads for a large model (backends/json_parallel.hpp).
  write_array_in_chunks(w, threats.size(), chunk);
}

}  // namespace moat
