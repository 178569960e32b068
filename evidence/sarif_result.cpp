// One SARIF result, read into a RawResult. The snippet, code flows, related locations, fixes
// and partial fingerprints (git provenance: authors, commit messages) are never read.
#include "evidence/sarif_fields.hpp"

#include <algorithm>
#include <string_view>

namespace moat::sarif {

const Json* member(const Json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

bool wrong(SarifError& error, std::string pointer, std::string message) {
  error.pointer = std::move(pointer);
  error.message = std::move(message);
  return false;
}

namespace {

/// A JSON pointer built only when an error names it: a result's fields are read without
/// writing a pointer for each of them. `base` is the pointer of the value being read; a child
/// adds an RFC 6901-escaped key or an index to its parent, which must outlive it.
struct Ptr {
  const std::string* base = nullptr;
  const Ptr* parent = nullptr;
  std::string_view key = {};
  std::size_t index = 0;

  Ptr operator/(std::string_view k) const { return {nullptr, this, k}; }
  Ptr operator/(std::size_t i) const { return {nullptr, this, {}, i}; }

  std::string str() const {
    if (base) return *base;
    std::string out = parent->str() + "/";
    if (key.data() == nullptr) return out + std::to_string(index);
    for (char c : key) {
      if (c == '~')
        out += "~0";
      else if (c == '/')
        out += "~1";
      else
        out += c;
    }
    return out;
  }
};

bool string_field(const Json& obj, const char* key, const Ptr& at, std::string& out,
                  SarifError& error) {
  const Json* v = member(obj, key);
  if (!v) return true;
  if (!v->is_string()) return wrong(error, (at / key).str(), "expected a string");
  out = v->get<std::string>();
  return true;
}

bool object_field(const Json& obj, const char* key, const Ptr& at, const Json*& out,
                  SarifError& error) {
  out = member(obj, key);
  if (out && !out->is_object()) return wrong(error, (at / key).str(), "expected an object");
  return true;
}

bool array_field(const Json& obj, const char* key, const Ptr& at, const Json*& out,
                 SarifError& error) {
  out = member(obj, key);
  if (out && !out->is_array()) return wrong(error, (at / key).str(), "expected an array");
  return true;
}

bool read_level(const Json& j, const Ptr& at, RawResult& out, SarifError& error) {
  std::string level;
  if (!string_field(j, "level", at, level, error)) return false;
  if (level.empty()) return true;
  static constexpr const char* kLevels[] = {"none", "note", "warning", "error"};
  for (int i = 0; i < 4; ++i) {
    if (level == kLevels[i]) {
      out.result.level = static_cast<SarifLevel>(i);
      out.level_given = true;
      return true;
    }
  }
  return wrong(error, (at / "level").str(), "expected one of none, note, warning, error");
}

bool read_rule_ref(const Json& j, const Ptr& at, RawResult& out, SarifError& error) {
  if (!string_field(j, "ruleId", at, out.rule_id, error)) return false;
  const Json* index = member(j, "ruleIndex");
  const Json* rule = nullptr;
  if (!object_field(j, "rule", at, rule, error)) return false;
  if (rule) {
    if (out.rule_id.empty() && !string_field(*rule, "id", at / "rule", out.rule_id, error))
      return false;
    if (!index) index = member(*rule, "index");
  }
  if (index && !index->is_number_integer())
    return wrong(error, (at / "ruleIndex").str(), "expected an integer");
  if (index) out.rule_index = index->get<std::int64_t>();
  return true;
}

bool read_location(const Json& loc, const Ptr& at, RawResult& out, SarifError& error) {
  if (!loc.is_object()) return wrong(error, at.str(), "expected an object");
  const Json *physical = nullptr, *artifact = nullptr, *region = nullptr;
  if (!object_field(loc, "physicalLocation", at, physical, error)) return false;
  if (!physical) return true;  // a logical location only: nowhere in the files
  const Ptr p = at / "physicalLocation";
  if (!object_field(*physical, "artifactLocation", p, artifact, error) ||
      !object_field(*physical, "region", p, region, error))
    return false;
  RawLocation raw;
  if (artifact) {
    const Ptr a = p / "artifactLocation";
    if (!string_field(*artifact, "uri", a, raw.uri, error) ||
        !string_field(*artifact, "uriBaseId", a, raw.base, error))
      return false;
  }
  if (region) {
    const Json* line = member(*region, "startLine");
    if (line && (!line->is_number_integer() || line->get<std::int64_t>() < 1))
      return wrong(error, (p / "region" / "startLine").str(), "expected a positive integer");
    if (line)
      raw.line =
          static_cast<std::uint32_t>(std::min<std::int64_t>(line->get<std::int64_t>(), UINT32_MAX));
  }
  if (!raw.uri.empty()) out.locations.push_back(std::move(raw));
  return true;
}

bool read_suppressions(const Json& j, const Ptr& at, RawResult& out, SarifError& error) {
  const Json* list = nullptr;
  if (!array_field(j, "suppressions", at, list, error)) return false;
  if (!list) return true;
  const Ptr a = at / "suppressions";
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& s = (*list)[i];
    const Ptr si = a / i;
    if (!s.is_object()) return wrong(error, si.str(), "expected an object");
    ScanSuppression sup;
    std::string status;
    if (!string_field(s, "kind", si, sup.kind, error) ||
        !string_field(s, "justification", si, sup.justification, error) ||
        !string_field(s, "status", si, status, error))
      return false;
    // A rejected or pending suppression leaves the result open (SARIF 3.35.3).
    if (status.empty() || status == "accepted") out.result.suppressions.push_back(std::move(sup));
  }
  return true;
}

bool read_fingerprints(const Json& j, const Ptr& at, RawResult& out, SarifError& error) {
  const Json* prints = nullptr;
  if (!object_field(j, "fingerprints", at, prints, error)) return false;
  if (!prints) return true;
  for (const auto& [name, value] : prints->items()) {
    if (!value.is_string())
      return wrong(error, (at / "fingerprints").str(), "expected strings as values");
    out.result.fingerprints.emplace_back(name, value.get<std::string>());
  }
  std::sort(out.result.fingerprints.begin(), out.result.fingerprints.end());
  return true;
}

}  // namespace

bool read_properties(const Json& owner, const std::string& at, std::vector<std::string>& tags,
                     std::string& security_severity, SarifError& error) {
  const Ptr owner_at{&at};
  const Json* props = nullptr;
  if (!object_field(owner, "properties", owner_at, props, error)) return false;
  if (!props) return true;
  const Ptr p = owner_at / "properties";
  const Json* list = nullptr;
  if (!array_field(*props, "tags", p, list, error)) return false;
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    if (!(*list)[i].is_string()) return wrong(error, (p / "tags" / i).str(), "expected a string");
    tags.push_back((*list)[i].get<std::string>());
  }
  const Json* sev = member(*props, "security-severity");
  if (sev && sev->is_string())
    security_severity = sev->get<std::string>();
  else if (sev && sev->is_number())
    security_severity = sev->dump();
  else if (sev)
    return wrong(error, (p / "security-severity").str(), "expected a string or a number");
  return true;
}

bool read_result(const Json& j, const std::string& at, RawResult& out, SarifError& error) {
  if (!j.is_object()) return wrong(error, at, "expected an object (a result)");
  const Ptr here{&at};
  const Json *message = nullptr, *locations = nullptr;
  if (!read_rule_ref(j, here, out, error) || !read_level(j, here, out, error) ||
      !object_field(j, "message", here, message, error) ||
      (message && !string_field(*message, "text", here / "message", out.result.message, error)) ||
      !array_field(j, "locations", here, locations, error) ||
      !read_suppressions(j, here, out, error) || !read_fingerprints(j, here, out, error) ||
      !string_field(j, "baselineState", here, out.result.baseline_state, error) ||
      !read_properties(j, at, out.tags, out.security_severity, error))
    return false;
  for (std::size_t i = 0; locations && i < locations->size(); ++i) {
    if (!read_location((*locations)[i], here / "locations" / i, out, error)) return false;
  }
  return true;
}

}  // namespace moat::sarif
