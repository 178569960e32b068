#include "compiler/classifications.hpp"

#include <algorithm>
#include <unordered_map>

#include "compiler/attrs.hpp"
#include "compiler/builtins.hpp"

namespace moat {

namespace {

/// -1 when the attribute is not given, else the enum member's ordinal.
std::int16_t optional_ordinal(const Attrs& f, const char* name) {
  return f.get(name).is_set() ? static_cast<std::int16_t>(f.ordinal(name)) : -1;
}

ClassifyRec lower(const ast::NamedDecl& d, ModelGraph& g, ValueConverter& values) {
  ClassifyRec rec;
  rec.id = d.id.name;
  rec.id_span = d.id.span;
  const Attrs f{g, DeclKind::Classify, values.fill(DeclKind::Classify, d.attrs, rec.id, d.id.span)};
  rec.tools = f.strings("tools");
  rec.rules = f.strings("rules");
  rec.tags = f.strings("tags");
  const Val cwes = f.get("cwes");
  for (std::uint32_t i = 0; cwes.is_set() && i < cwes.list_size(); ++i) {
    const double n = g.list_items[cwes.list_offset() + i].as_number();
    if (n > 0) rec.cwes.push_back(static_cast<std::uint32_t>(n));
  }
  rec.kind = optional_ordinal(f, "kind");
  rec.category = optional_ordinal(f, "category");
  rec.severity = optional_ordinal(f, "severity");
  rec.shows = f.flag("shows");
  return rec;
}

/// The row's `contradicts = "KIND.ATTRIBUTE"` into tests_kind and tests_attribute: a bool
/// attribute of stores, processes or flows. Anything else is an UnknownAttribute error.
void lower_contradicts(const ast::NamedDecl& d, ClassifyRec& rec, const ModelGraph& g,
                       DiagnosticSink& diags) {
  const ast::Attribute* written = nullptr;
  for (const ast::Attribute& a : d.attrs) {
    if (a.name.name == "contradicts") written = &a;
  }
  if (!written || written->value.kind != ast::ValueKind::String) return;
  const std::string& text = written->value.text;
  const std::size_t dot = text.find('.');
  const std::string kind = text.substr(0, dot),
                    attribute = dot == std::string::npos ? "" : text.substr(dot + 1);
  const Kind kinds[] = {Kind::Store, Kind::Process, Kind::Flow};
  for (const Kind k : kinds) {
    if (kind != decl_kind_name(decl_kind(k))) continue;
    const KindSchema& schema = g.schema.of(decl_kind(k));
    const int slot = schema.slot(attribute);
    if (slot >= 0 && schema.fields[slot].type.base == Base::Bool &&
        !schema.fields[slot].type.list) {
      rec.tests_kind = k;
      rec.tests_attribute = attribute;
      return;
    }
  }
  diags.report(DiagKind::UnknownAttribute, written->value.span,
               "'" + text +
                   "' is not a true-or-false attribute of stores, processes or flows; "
                   "expected KIND.ATTRIBUTE, e.g. \"store.encrypted_at_rest\"");
}

/// Where a row gives attribute `name`: its value, else the row's id.
Span attribute_span(const ast::NamedDecl& d, const char* name) {
  for (const ast::Attribute& a : d.attrs) {
    if (a.name.name == name) return a.value.span;
  }
  return d.id.span;
}

/// Where a row says its kind: the `kind` attribute's value, else the row's id.
Span kind_span(const ast::NamedDecl& d) {
  return attribute_span(d, "kind");
}

std::string lowered(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

/// How list `name` of a replacing row narrows the same list of the row it replaces ("" when it
/// does not). A row matches when each list it gives has a match (docs/evidence.md), so the new
/// list may be left out (it then tests nothing) or keep every pattern of the old one (globs are
/// case-insensitive), and a list the old row leaves out must stay out.
template <typename T, typename Text>
std::string narrows(const char* name, const std::vector<T>& old_list,
                    const std::vector<T>& new_list, Text text) {
  if (old_list.empty())
    return new_list.empty() ? ""
                            : std::string("adds '") + name +
                                  "', which the row it replaces "
                                  "does not test";
  if (new_list.empty()) return "";
  for (const T& kept : old_list) {
    const bool found = std::any_of(new_list.begin(), new_list.end(),
                                   [&](const T& n) { return text(n) == text(kept); });
    if (!found) return "leaves '" + text(kept) + "' out of '" + name + "'";
  }
  return "";
}

/// A row that replaces a secret row must keep it a secret, for at least every result the old
/// row matched: a secret's message, fingerprints and properties are dropped only because its
/// kind says so (docs/evidence.md, "A secret never travels"), so a row that made it anything
/// else, or matched fewer results, would let their values into every output. A model may widen
/// what is secret (its own rows), never narrow the rows it replaces.
bool keeps_secret(const ast::NamedDecl& d, const ClassifyRec& replaced, const ClassifyRec& rec,
                  DiagnosticSink& diags) {
  const auto secret = static_cast<std::int16_t>(builtin::kScanKindSecret.ordinal);
  if (replaced.kind != secret) return true;
  if (rec.kind != secret) {
    diags.report(DiagKind::SecretReclassified, kind_span(d),
                 "classify row '" + rec.id +
                     "' replaces a row that makes results secrets; it must keep 'kind = secret', "
                     "or their values would no longer be redacted");
    return false;
  }
  const auto same = [](const std::string& t) { return lowered(t); };
  const auto number = [](std::uint32_t n) { return std::to_string(n); };
  const std::pair<const char*, std::string> found[] = {
      {"tools", narrows("tools", replaced.tools, rec.tools, same)},
      {"rules", narrows("rules", replaced.rules, rec.rules, same)},
      {"tags", narrows("tags", replaced.tags, rec.tags, same)},
      {"cwes", narrows("cwes", replaced.cwes, rec.cwes, number)},
  };
  std::string why;
  Span at = d.id.span;
  for (const auto& [name, what] : found) {
    if (what.empty()) continue;
    why = what;
    at = attribute_span(d, name);
    break;
  }
  if (why.empty() && rec.tools.empty() && rec.rules.empty() && rec.tags.empty() && rec.cwes.empty())
    why = "names no tool, rule, tag or CWE, so it matches nothing";
  if (why.empty()) return true;
  diags
      .report(DiagKind::SecretReclassified, at,
              "classify row '" + rec.id + "' replaces a row that makes results secrets but " + why +
                  ": the results it no longer matches would not be redacted")
      .notes.push_back({replaced.id_span,
                        "the row it replaces is here; keep its patterns and add yours to widen "
                        "it, or treat more results as secrets with a row of another id"});
  return false;
}

}  // namespace

void build_classifications(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                           ValueConverter& values, DiagnosticSink& diags) {
  std::unordered_map<std::string, std::size_t> index;
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->classifications) {
      ClassifyRec rec = lower(d, g, values);
      lower_contradicts(d, rec, g, diags);
      auto [it, fresh] = index.emplace(rec.id, g.classifications.size());
      if (fresh)
        g.classifications.push_back(std::move(rec));
      else if (keeps_secret(d, g.classifications[it->second], rec, diags))
        g.classifications[it->second] = std::move(rec);
    }
  }
}

}  // namespace moat
