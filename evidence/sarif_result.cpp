// One SARIF result, read from its JsonTree into the result's record and a RawResult. The
// snippet, code flows, related locations, fixes and partial fingerprints (git provenance:
// authors, commit messages) are never read. The field helpers are templates: a rule's
// properties are read the same way from the run's nlohmann::json.
#include "evidence/sarif_fields.hpp"

#include <algorithm>
#include <string_view>

namespace moat::sarif {

const Json* member(const Json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

const JsonNode* member(const JsonNode& obj, std::string_view key) {
  const JsonNode* v = obj.find(key);
  return v && !v->is_null() ? v : nullptr;
}

bool wrong(SarifError& error, std::string pointer, std::string message) {
  error.pointer = std::move(pointer);
  error.message = std::move(message);
  return false;
}

namespace {

std::string_view text_of(const Json& v) {
  return v.get_ref<const std::string&>();
}
std::string_view text_of(const JsonNode& v) {
  return v.text();
}

/// Calls `f(element, index)` for each element of the array `list`.
template <class F>
void each(const Json& list, F&& f) {
  for (std::size_t i = 0; i < list.size(); ++i) f(list[i], i);
}
template <class F>
void each(const JsonNode& list, F&& f) {
  std::size_t i = 0;
  for (const JsonNode* e = list.first(); e; e = e->next()) f(*e, i++);
}

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

template <class J>
bool string_field(const J& obj, const char* key, const Ptr& at, std::string& out,
                  SarifError& error) {
  const J* v = member(obj, key);
  if (!v) return true;
  if (!v->is_string()) return wrong(error, (at / key).str(), "expected a string");
  out = text_of(*v);
  return true;
}

/// A string member shared through `texts`: results repeat the same few.
bool shared_field(const JsonNode& obj, const char* key, const Ptr& at, SharedText& out,
                  Interner& texts, SarifError& error) {
  const JsonNode* v = member(obj, key);
  if (!v) return true;
  if (!v->is_string()) return wrong(error, (at / key).str(), "expected a string");
  out = texts(v->text());
  return true;
}

template <class J>
bool object_field(const J& obj, const char* key, const Ptr& at, const J*& out, SarifError& error) {
  out = member(obj, key);
  if (out && !out->is_object()) return wrong(error, (at / key).str(), "expected an object");
  return true;
}

template <class J>
bool array_field(const J& obj, const char* key, const Ptr& at, const J*& out, SarifError& error) {
  out = member(obj, key);
  if (out && !out->is_array()) return wrong(error, (at / key).str(), "expected an array");
  return true;
}

bool read_level(const JsonNode& j, const Ptr& at, SarifResult& out, RawResult& raw,
                SarifError& error) {
  std::string level;
  if (!string_field(j, "level", at, level, error)) return false;
  if (level.empty()) return true;
  static constexpr const char* kLevels[] = {"none", "note", "warning", "error"};
  for (int i = 0; i < 4; ++i) {
    if (level == kLevels[i]) {
      out.level = static_cast<SarifLevel>(i);
      raw.level_given = true;
      return true;
    }
  }
  return wrong(error, (at / "level").str(), "expected one of none, note, warning, error");
}

bool read_rule_ref(const JsonNode& j, const Ptr& at, SarifResult& out, RawResult& raw,
                   Interner& texts, SarifError& error) {
  if (!shared_field(j, "ruleId", at, out.rule_id, texts, error)) return false;
  const JsonNode* index = member(j, "ruleIndex");
  const JsonNode* rule = nullptr;
  if (!object_field(j, "rule", at, rule, error)) return false;
  if (rule) {
    if (out.rule_id.empty() && !shared_field(*rule, "id", at / "rule", out.rule_id, texts, error))
      return false;
    if (!index) index = member(*rule, "index");
  }
  if (index && !index->is_number_integer())
    return wrong(error, (at / "ruleIndex").str(), "expected an integer");
  if (index) raw.rule_index = index->integer();
  return true;
}

/// A location's path is kept as written (shared through `texts`) and its uriBaseId in
/// `extras`, until the run's end resolves them.
bool read_location(const JsonNode& loc, const Ptr& at, SarifResult& out, RawExtras& extras,
                   Interner& texts, SarifError& error) {
  if (!loc.is_object()) return wrong(error, at.str(), "expected an object");
  const JsonNode *physical = nullptr, *artifact = nullptr, *region = nullptr;
  if (!object_field(loc, "physicalLocation", at, physical, error)) return false;
  if (!physical) return true;  // a logical location only: nowhere in the files
  const Ptr p = at / "physicalLocation";
  if (!object_field(*physical, "artifactLocation", p, artifact, error) ||
      !object_field(*physical, "region", p, region, error))
    return false;
  ScanLocation raw;
  std::string base;
  if (artifact) {
    const Ptr a = p / "artifactLocation";
    if (!shared_field(*artifact, "uri", a, raw.path, texts, error) ||
        !string_field(*artifact, "uriBaseId", a, base, error))
      return false;
  }
  if (region) {
    const JsonNode* line = member(*region, "startLine");
    if (line && (!line->is_number_integer() || line->integer() < 1))
      return wrong(error, (p / "region" / "startLine").str(), "expected a positive integer");
    if (line)
      raw.line = static_cast<std::uint32_t>(std::min<std::int64_t>(line->integer(), UINT32_MAX));
  }
  if (raw.path.empty()) return true;
  if (!base.empty() || !extras.bases.empty()) {
    extras.bases.resize(out.locations.size());
    extras.bases.push_back(std::move(base));
  }
  out.locations.push_back(std::move(raw));
  return true;
}

bool read_suppressions(const JsonNode& j, const Ptr& at, SarifResult& out, SarifError& error) {
  const JsonNode* list = nullptr;
  if (!array_field(j, "suppressions", at, list, error)) return false;
  if (!list) return true;
  const Ptr a = at / "suppressions";
  std::size_t i = 0;
  for (const JsonNode* e = list->first(); e; e = e->next(), ++i) {
    const JsonNode& s = *e;
    const Ptr si = a / i;
    if (!s.is_object()) return wrong(error, si.str(), "expected an object");
    ScanSuppression sup;
    std::string status;
    if (!string_field(s, "kind", si, sup.kind, error) ||
        !string_field(s, "justification", si, sup.justification, error) ||
        !string_field(s, "status", si, status, error))
      return false;
    // A rejected or pending suppression leaves the result open (SARIF 3.35.3).
    if (status.empty() || status == "accepted") out.suppressions.push_back(std::move(sup));
  }
  return true;
}

bool read_fingerprints(const JsonNode& j, const Ptr& at, SarifResult& out, SarifError& error) {
  const JsonNode* prints = nullptr;
  if (!object_field(j, "fingerprints", at, prints, error)) return false;
  if (!prints) return true;
  // nlohmann's object visits its keys sorted: the first wrong value is the same one here once
  // the names are sorted, and the message names no key anyway.
  for (const JsonNode* value = prints->first(); value; value = value->next()) {
    if (!value->is_string())
      return wrong(error, (at / "fingerprints").str(), "expected strings as values");
    out.fingerprints.emplace_back(value->key(), value->text());
  }
  std::sort(out.fingerprints.begin(), out.fingerprints.end());
  return true;
}

}  // namespace

template <class J>
bool read_properties(const J& owner, const std::string& at, std::vector<std::string>& tags,
                     std::string& security_severity, SarifError& error) {
  const Ptr owner_at{&at};
  const J* props = nullptr;
  if (!object_field(owner, "properties", owner_at, props, error)) return false;
  if (!props) return true;
  const Ptr p = owner_at / "properties";
  const J* list = nullptr;
  if (!array_field(*props, "tags", p, list, error)) return false;
  bool ok = true;
  if (list) {
    each(*list, [&](const J& tag, std::size_t i) {
      if (ok && !tag.is_string()) ok = wrong(error, (p / "tags" / i).str(), "expected a string");
      if (ok) tags.emplace_back(text_of(tag));
    });
  }
  if (!ok) return false;
  const J* sev = member(*props, "security-severity");
  if (sev && sev->is_string())
    security_severity = text_of(*sev);
  else if (sev && sev->is_number())
    security_severity = sev->dump();
  else if (sev)
    return wrong(error, (p / "security-severity").str(), "expected a string or a number");
  return true;
}

template bool read_properties(const Json&, const std::string&, std::vector<std::string>&,
                              std::string&, SarifError&);

bool read_result(const JsonNode& j, const std::string& at, SarifResult& out, RawResult& raw,
                 RawExtras& extras, Interner& texts, SarifError& error) {
  if (!j.is_object()) return wrong(error, at, "expected an object (a result)");
  const Ptr here{&at};
  const JsonNode *message = nullptr, *locations = nullptr;
  if (!read_rule_ref(j, here, out, raw, texts, error) || !read_level(j, here, out, raw, error) ||
      !object_field(j, "message", here, message, error) ||
      (message && !shared_field(*message, "text", here / "message", out.message, texts, error)) ||
      !array_field(j, "locations", here, locations, error) ||
      !read_suppressions(j, here, out, error) || !read_fingerprints(j, here, out, error) ||
      !shared_field(j, "baselineState", here, out.baseline_state, texts, error) ||
      !read_properties(j, at, extras.tags, extras.security_severity, error))
    return false;
  std::size_t i = 0;
  for (const JsonNode* l = locations ? locations->first() : nullptr; l; l = l->next(), ++i) {
    if (!read_location(*l, here / "locations" / i, out, extras, texts, error)) return false;
  }
  return true;
}

}  // namespace moat::sarif
