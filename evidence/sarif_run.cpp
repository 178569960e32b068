// The end of a SARIF run: its rules give each result its name, default level, tags and
// security-severity; its base URIs give each location a path in the repository.
#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "compiler/literals.hpp"
#include "compiler/plain_path.hpp"
#include "evidence/interner.hpp"
#include "evidence/sarif_fields.hpp"

namespace moat::sarif {

namespace {

namespace fs = std::filesystem;

/// `YYYY-MM-DD` at the start of `text` (an ISO 8601 time, as SARIF writes them).
bool is_date_shape(const std::string& text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

/// A rule, its texts shared by every result of it.
struct RuleInfo {
  SharedText id, name;
  std::string level;  ///< defaultConfiguration.level; "" when absent
  SharedTexts tags;
  SharedNumbers cwes;  ///< of its tags
  SharedText security_severity;
};

/// The CWEs the tags name, each once, in the order of the tags.
std::vector<std::uint32_t> cwes_of(const std::vector<std::string>& tags) {
  std::vector<std::uint32_t> out;
  for (const std::string& t : tags) {
    const std::uint32_t cwe = cwe_of_tag(t);
    if (cwe && std::find(out.begin(), out.end(), cwe) == out.end()) out.push_back(cwe);
  }
  return out;
}

/// The string at `obj[a][b]` when both exist with the right types; "" otherwise.
std::string text_of(const Json& obj, const char* a, const char* b) {
  const Json* o = member(obj, a);
  const Json* t = o && o->is_object() ? member(*o, b) : nullptr;
  return t && t->is_string() ? t->get<std::string>() : "";
}

bool read_rule(const Json& j, const std::string& at, RuleInfo& rule, Interner& texts,
               SarifError& error) {
  if (!j.is_object()) return wrong(error, at, "expected an object (a rule)");
  const Json* id = member(j, "id");
  if (id && !id->is_string()) return wrong(error, at + "/id", "expected a string");
  if (id) rule.id = texts(id->get_ref<const std::string&>());
  std::string name = text_of(j, "shortDescription", "text");
  const Json* short_name = member(j, "name");
  if (name.empty() && short_name && short_name->is_string()) name = short_name->get<std::string>();
  rule.name = texts(name);
  rule.level = text_of(j, "defaultConfiguration", "level");
  std::vector<std::string> tags;
  std::string severity;
  if (!read_properties(j, at, tags, severity, error)) return false;
  rule.security_severity = texts(severity);
  if (!tags.empty()) rule.cwes = cwes_of(tags), rule.tags = std::move(tags);
  return true;
}

/// The driver's name and its rules (by index), and every rule of the tool by id.
struct ToolInfo {
  std::string name;
  std::vector<RuleInfo> rules;
  std::unordered_map<std::string, std::size_t> by_id;
};

bool read_component(const Json& c, const std::string& at, ToolInfo& tool, bool driver,
                    Interner& texts, SarifError& error) {
  if (!c.is_object()) return wrong(error, at, "expected an object (a tool component)");
  const Json* name = member(c, "name");
  if (name && !name->is_string()) return wrong(error, at + "/name", "expected a string");
  if (driver && name) tool.name = name->get<std::string>();
  const Json* rules = member(c, "rules");
  if (rules && !rules->is_array()) return wrong(error, at + "/rules", "expected an array");
  std::vector<RuleInfo> read(rules ? rules->size() : 0);
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (!read_rule((*rules)[i], at + "/rules/" + std::to_string(i), read[i], texts, error))
      return false;
  }
  for (RuleInfo& r : read) {
    tool.by_id.emplace(*r.id, tool.rules.size());
    tool.rules.push_back(std::move(r));
  }
  return true;
}

bool read_tool(const Json* j, const std::string& at, ToolInfo& tool, Interner& texts,
               SarifError& error) {
  if (!j) return true;
  if (!j->is_object()) return wrong(error, at, "expected an object (the tool)");
  const Json* driver = member(*j, "driver");
  if (driver && !read_component(*driver, at + "/driver", tool, true, texts, error)) return false;
  const std::size_t driver_rules = tool.rules.size();
  const Json* extensions = member(*j, "extensions");
  for (std::size_t i = 0; extensions && extensions->is_array() && i < extensions->size(); ++i) {
    if (!read_component((*extensions)[i], at + "/extensions/" + std::to_string(i), tool, false,
                        texts, error))
      return false;
  }
  // ruleIndex counts in the driver's rules only; extension rules are found by id.
  tool.rules.resize(std::max(driver_rules, tool.rules.size()));
  return true;
}

/// "file:///a%20b/c" -> "/a b/c"; other text unchanged but percent-decoded.
std::string decode_uri(std::string uri) {
  if (uri.rfind("file://", 0) == 0) uri.erase(0, 7);
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    const auto hex = [&](char c) {
      return c >= '0' && c <= '9'                 ? c - '0'
             : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10
                                                  : -1;
    };
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      out += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

/// A location as written: its uri and uriBaseId.
struct RawLocation {
  const std::string& uri;
  const std::string& base;
};

/// A plain relative path with no base and nothing to decode resolves to itself (most scanners
/// write such paths).
bool plain_relative(const RawLocation& loc) {
  return loc.base.empty() && loc.uri.find_first_of("%:") == std::string::npos &&
         is_plain_relative(loc.uri);
}

/// The location's path relative to `root` (absolute, normal) when it is inside it.
std::string resolve(const RawLocation& loc, const Json* bases, const fs::path& root) {
  if (plain_relative(loc)) return loc.uri;
  fs::path path = decode_uri(loc.uri);
  if (!path.is_absolute() && bases && !loc.base.empty()) {
    const std::string base = bases->is_object() ? text_of(*bases, loc.base.c_str(), "uri") : "";
    const fs::path b = decode_uri(base);
    // A base of "/" (Trivy's ROOTPATH) says nothing: the path is relative to the scanned tree.
    if (!base.empty() && b != "/") path = b / path;
  }
  path = path.lexically_normal();
  if (path.is_absolute()) {
    const fs::path rel = path.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") path = rel;
  }
  std::string out = path.generic_string();
  if (out.rfind("./", 0) == 0) out.erase(0, 2);
  return out;
}

const RuleInfo* find_rule(const ToolInfo& tool, const SarifResult& r, const RawResult& raw) {
  if (raw.rule_index >= 0 && static_cast<std::size_t>(raw.rule_index) < tool.rules.size()) {
    const RuleInfo& rule = tool.rules[static_cast<std::size_t>(raw.rule_index)];
    if (r.rule_id.empty() || *rule.id == *r.rule_id) return &rule;
  }
  const auto it = tool.by_id.find(*r.rule_id);
  return it == tool.by_id.end() ? nullptr : &tool.rules[it->second];
}

std::uint32_t tool_index(ScanEvidence& out, const std::string& name) {
  const auto it = std::find(out.tools.begin(), out.tools.end(), name);
  if (it != out.tools.end()) return static_cast<std::uint32_t>(it - out.tools.begin());
  out.tools.push_back(name);
  return static_cast<std::uint32_t>(out.tools.size() - 1);
}

SarifLevel level_of(const std::string& name) {
  return name == "error"  ? SarifLevel::Error
         : name == "note" ? SarifLevel::Note
         : name == "none" ? SarifLevel::None
                          : SarifLevel::Warning;
}

/// Fills what the rule says, classifies, and drops a secret's text. The rule's texts are
/// shared, not copied; only a result with tags of its own gets a tag list of its own.
void complete(SarifResult& r, const RawExtras* extras, bool level_given, const RuleInfo* rule,
              const ToolInfo& tool, const Classifier& classifier, Interner& texts) {
  if (r.rule_id.empty() && rule) r.rule_id = rule->id;
  if (rule) {
    r.rule_name = rule->name;
    r.tags = rule->tags;
    r.cwes = rule->cwes;
    if (!level_given && !rule->level.empty()) r.level = level_of(rule->level);
    r.security_severity = rule->security_severity;
  }
  if (extras && !extras->tags.empty()) {
    std::vector<std::string> tags = *r.tags;
    tags.insert(tags.end(), extras->tags.begin(), extras->tags.end());
    r.cwes = cwes_of(tags);
    r.tags = std::move(tags);
  }
  if (extras && !extras->security_severity.empty())
    r.security_severity = texts(extras->security_severity);
  classifier.classify(tool.name, r);
  if (!classifier.secret(r)) return;
  // A secret never travels: only what the rule says stays (docs/evidence.md).
  r.redacted = true;
  r.message = {};
  r.fingerprints.clear();
  r.tags = rule ? rule->tags : SharedTexts();
  r.cwes = rule ? rule->cwes : SharedNumbers();  // the result's own tags are gone too
  r.security_severity = rule ? rule->security_severity : SharedText();
  // A suppression's justification can quote the secret it excuses, and a hostile log can put
  // one into any string: only SARIF's own words stay.
  for (ScanSuppression& s : r.suppressions) {
    s.justification.clear();
    if (s.kind != "inSource" && s.kind != "external") s.kind.clear();
  }
  const std::string& state = *r.baseline_state;
  if (state != "new" && state != "unchanged" && state != "updated" && state != "absent")
    r.baseline_state = SharedText();
}

/// Why the run is shown to have failed, in our words ("" when it is not): an invocation says
/// `executionSuccessful: false`, or reports an error-level tool execution notification (Semgrep
/// says a run succeeded and lists the files it could not read as errors). A run that records no
/// invocation (Trivy, Checkov, Gitleaks) has not failed: it says nothing either way.
std::string run_failure(const Json* invocations, const std::string& at) {
  for (std::size_t i = 0; invocations && invocations->is_array() && i < invocations->size(); ++i) {
    const Json& inv = (*invocations)[i];
    if (!inv.is_object()) continue;
    const std::string where = at + "/invocations/" + std::to_string(i);
    const Json* ok = member(inv, "executionSuccessful");
    if (ok && ok->is_boolean() && !ok->get<bool>())
      return where + " says executionSuccessful: false";
    const Json* notes = member(inv, "toolExecutionNotifications");
    for (std::size_t n = 0; notes && notes->is_array() && n < notes->size(); ++n) {
      const Json* level = (*notes)[n].is_object() ? member((*notes)[n], "level") : nullptr;
      if (level && level->is_string() && level->get_ref<const std::string&>() == "error")
        return where + " reports an error (toolExecutionNotifications/" + std::to_string(n) + ")";
    }
  }
  return "";
}

/// The run's `artifacts[].location`, resolved as result locations are.
void read_artifacts(const Json* artifacts, const Json* bases, const fs::path& root,
                    std::vector<std::string>& out) {
  for (std::size_t i = 0; artifacts && artifacts->is_array() && i < artifacts->size(); ++i) {
    const Json& a = (*artifacts)[i];
    const Json* location = a.is_object() ? member(a, "location") : nullptr;
    if (!location || !location->is_object()) continue;
    const std::string uri = text_of(a, "location", "uri");
    const std::string base = text_of(a, "location", "uriBaseId");
    if (!uri.empty()) out.push_back(resolve({uri, base}, bases, root));
  }
}

}  // namespace

bool finish_run(const RunContext& run, PendingRun& pending, const Classifier& classifier,
                const SarifReadOptions& options, Interner& texts, ScanEvidence& out,
                SarifError& error) {
  ToolInfo tool;
  if (!read_tool(run.tool, run.at + "/tool", tool, texts, error)) return false;
  std::error_code ec;
  fs::path root = fs::absolute(options.root.empty() ? "." : options.root, ec).lexically_normal();
  if (!root.has_filename()) root = root.parent_path();  // "/repo/" -> "/repo"
  const std::uint32_t index = tool_index(out, tool.name);
  ScanLog& log = out.logs.back();
  ++log.runs;
  if (run.invocations) log.ended = std::max(log.ended, latest_end_day(*run.invocations));
  const std::string failure = run_failure(run.invocations, run.at);
  if (!failure.empty()) {
    if (log.failed++ == 0) log.failure = failure;
  } else {
    read_artifacts(run.artifacts, run.bases, root, log.artifacts);
  }
  const std::string no_base;
  for (std::size_t i = 0; i < pending.raw.size(); ++i) {
    SarifResult& r = out.results[pending.first + i];
    const RawResult& raw = pending.raw[i];
    const RawExtras* extras = raw.extras == UINT32_MAX ? nullptr : &pending.extras[raw.extras];
    r.shows_coverage = failure.empty();
    complete(r, extras, raw.level_given, find_rule(tool, r, raw), tool, classifier, texts);
    for (std::size_t l = 0; l < r.locations.size(); ++l) {
      const bool has_base = extras && l < extras->bases.size();
      const RawLocation loc{*r.locations[l].path, has_base ? extras->bases[l] : no_base};
      // Most paths are plain and relative: the path as written is the path.
      if (!plain_relative(loc)) r.locations[l].path = texts(resolve(loc, run.bases, root));
    }
    r.tool = index;
    r.file = static_cast<std::uint32_t>(out.files.size() - 1);
  }
  pending.raw.clear();
  pending.extras.clear();
  pending.first = out.results.size();
  return true;
}

std::int64_t latest_end_day(const Json& invocations) {
  std::int64_t latest = -1;
  for (std::size_t i = 0; invocations.is_array() && i < invocations.size(); ++i) {
    const Json* end = invocations[i].is_object() ? member(invocations[i], "endTimeUtc") : nullptr;
    if (!end || !end->is_string()) continue;
    const std::string& text = end->get_ref<const std::string&>();
    std::int64_t day = 0;
    LiteralError ignored;
    if (is_date_shape(text) && decode_date(std::string_view(text).substr(0, 10), day, ignored))
      latest = std::max(latest, day);
  }
  return latest;
}

}  // namespace moat::sarif
