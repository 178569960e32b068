// Completion of names and values: attribute names of the block's kind, enum members, element
// ids, threat categories and rules after `element.`, SOC 2 criteria.
#include "lsp/completion.hpp"

#include "lsp/completion_internal.hpp"
#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

void add_members(const EnumDef& e, std::vector<Candidate>& out) {
  for (const std::string& m : e.members) {
    out.push_back({m, ItemKind::EnumMember, "enum " + e.name, {}});
  }
}

/// The STRIDE categories and the rules that apply to element `e`: `e.CATEGORY`, `e.RULE`.
void add_threat_names(const ModelGraph& g, ElementId e, std::vector<Candidate>& out) {
  if (auto it = g.schema.enum_ids.find("stride"); it != g.schema.enum_ids.end()) {
    add_members(g.schema.enums[it->second], out);
  }
  const KindMask bit = kind_bit(g.elements[e].kind);
  for (const RuleRec& r : g.rules) {
    if (r.expert() || !(r.applies & bit)) continue;
    out.push_back({r.id, ItemKind::Function, r.title, {}});
  }
}

void add_value(const ModelGraph& g, const Type& type, std::vector<Candidate>& out) {
  switch (type.base) {
    case Base::Enum:
      add_members(g.schema.enums[type.enum_id], out);
      break;
    case Base::Bool:
      out.push_back({"true", ItemKind::Keyword, "bool", {}});
      out.push_back({"false", ItemKind::Keyword, "bool", {}});
      break;
    case Base::Element:
      add_elements(g, type.kinds, out);
      break;
    case Base::Target:
    case Base::Name:  // `was`: earlier ids, often those of elements still in the model
      add_elements(g, kAllKinds, out);
      break;
    case Base::Control:
      for (const CriterionRec& c : g.criteria) {
        out.push_back({c.id, ItemKind::Constant, c.title, {}});
      }
      break;
    case Base::Assumption:
      for (const AssumptionRec& a : g.assumptions) {
        out.push_back({a.id, ItemKind::Reference, a.title, {}});
      }
      break;
    default:
      break;
  }
}

void add_attributes(const Compilation& basis, DeclKind kind, const CursorContext& ctx,
                    std::vector<Candidate>& out) {
  const Schema& schema = basis.graph.schema;
  for (const Field& f : schema.of(kind).fields) {
    if (ctx.written.count(f.name)) continue;
    std::string detail = schema.describe(f.type);
    if (f.default_value) {
      detail += " = " + std::string(basis.program.sources.text(f.default_value->span));
    } else if (f.type.optional) {
      detail += " (optional)";
    } else {
      detail += " (required)";
    }
    out.push_back({f.name, ItemKind::Property, detail, {}});
  }
}

bool statement_block(const std::string& block) {
  return block.empty() || block == "boundary" || block == "test";
}

/// The element named before the last dot of a dotted prefix (`api.` -> api), else kNoElement.
ElementId dotted_element(const ModelGraph& g, const std::string& prefix) {
  const std::size_t dot = prefix.find('.');
  if (dot == std::string::npos) return kNoElement;
  const ElementId e = g.find(std::string_view(prefix).substr(0, dot));
  return e == ModelGraph::kOutside ? kNoElement : e;
}

/// The candidates for `ctx`; `whole_word` is set when they replace the whole prefix rather than
/// its last dotted segment.
std::vector<Candidate> candidates(const Compilation& basis, const CursorContext& ctx,
                                  bool& whole_word) {
  const ModelGraph& g = basis.graph;
  std::vector<Candidate> out;
  const std::optional<DeclKind> kind = decl_kind_of(ctx.block);
  const std::string attr = ctx.value_of();
  const Field* field = nullptr;
  if (kind && !attr.empty()) {
    const int slot = g.schema.of(*kind).slot(attr);
    if (slot >= 0) field = &g.schema.of(*kind).fields[slot];
  }
  whole_word = field && field->type.base == Base::Control;
  if (whole_word) {
    add_value(g, field->type, out);
    return out;
  }
  if (const ElementId e = dotted_element(g, ctx.prefix); e != kNoElement) {
    add_threat_names(g, e, out);
    return out;
  }
  if (field) {
    add_value(g, field->type, out);
  } else if (!ctx.entry.empty() && !statement_block(ctx.block)) {
    // In an expression or an unknown attribute: nothing sensible to offer.
  } else if (!ctx.entry.empty()) {
    const std::string& first = ctx.entry.front();
    const std::string& last = ctx.entry.back();
    if (first == "flow" && (last == ":" || last == "->" || ctx.entry.size() == 1)) {
      add_elements(g, kNodeKinds, out);
    } else if ((first == "accept" || first == "dismiss") && ctx.entry.size() == 1) {
      add_elements(g, kAllKinds, out);
    }
  } else {
    if (kind && !ctx.block.empty()) add_attributes(basis, *kind, ctx, out);
    if (statement_block(ctx.block)) add_statements(basis, ctx, out);
  }
  return out;
}

}  // namespace

std::optional<DeclKind> decl_kind_of(std::string_view keyword) {
  for (int k = 0; k < kDeclKindCount; ++k) {
    if (grammar::keyword_text(kDeclKeywords[k]) == keyword) return static_cast<DeclKind>(k);
  }
  return std::nullopt;
}

void add_elements(const ModelGraph& g, KindMask kinds, std::vector<Candidate>& out) {
  for (const ElementId e : g.elements.ids_from(1)) {
    const ElementRec& rec = g.elements[e];
    if (!(kinds & kind_bit(rec.kind))) continue;
    out.push_back(
        {rec.id, ItemKind::Reference, std::string(kind_name(rec.kind)) + " " + rec.title, {}});
  }
}

nlohmann::json completion_items(const Compilation& basis, std::string_view text,
                                std::uint32_t offset) {
  nlohmann::json items = nlohmann::json::array();
  const CursorContext ctx = cursor_context(text, offset);
  if (!ctx.completable) return items;
  bool whole_word = false;
  const std::vector<Candidate> found = candidates(basis, ctx, whole_word);
  std::uint32_t begin = ctx.prefix_begin;
  if (const std::size_t dot = ctx.prefix.rfind('.'); !whole_word && dot != std::string::npos) {
    begin += static_cast<std::uint32_t>(dot + 1);
  }
  const nlohmann::json range = range_json(text, line_starts(text), begin, offset);
  for (const Candidate& c : found) {
    nlohmann::json item = {{"label", c.label}, {"kind", static_cast<int>(c.kind)}};
    if (!c.detail.empty()) item["detail"] = c.detail;
    item["textEdit"] = {{"range", range}, {"newText", c.snippet.empty() ? c.label : c.snippet}};
    if (!c.snippet.empty()) item["insertTextFormat"] = 2;
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace moat::lsp
