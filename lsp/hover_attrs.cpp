// Hover on an attribute name (its type, default and the schema's comment) and on an enum member
// (its enum and position), found through the syntax tree of the file.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lsp/hover_internal.hpp"

namespace moat::lsp {

namespace {

bool inside(Span s, std::uint32_t offset) {
  return offset >= s.begin && offset <= s.end;
}

/// The comment that documents a schema field: the rest of its line after `//`, else a comment
/// line just above it.
std::string field_doc(const SourceManager& sources, Span span) {
  const LineCol at = sources.line_col(span.file, span.begin);
  auto comment = [](std::string_view line) -> std::string {
    const std::size_t c = line.find("//");
    if (c == std::string_view::npos) return {};
    std::string_view rest = line.substr(c + 2);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return std::string(rest);
  };
  std::string doc = comment(sources.line_text(span.file, at.line));
  if (doc.empty() && at.line > 1) {
    const std::string_view above = sources.line_text(span.file, at.line - 1);
    if (above.find_first_not_of(" \t") == above.find("//")) doc = comment(above);
  }
  return doc;
}

struct AttrHit {
  DeclKind kind = DeclKind::Count;
  const ast::Attribute* attr = nullptr;
};

void find_in(const std::vector<ast::Attribute>& attrs, DeclKind kind, std::uint32_t offset,
             AttrHit& hit) {
  for (const ast::Attribute& a : attrs) {
    if (inside(a.name.span, offset) || inside(a.value.span, offset)) hit = {kind, &a};
  }
}

AttrHit attribute_at(const ast::Module& m, std::uint32_t offset) {
  AttrHit hit;
  for (const auto& e : m.elements) find_in(e.attrs, static_cast<DeclKind>(e.kind), offset, hit);
  for (const auto& f : m.flows) find_in(f.attrs, DeclKind::Flow, offset, hit);
  for (const auto& d : m.models) find_in(d.attrs, DeclKind::Model, offset, hit);
  for (const auto& d : m.rules) find_in(d.attrs, DeclKind::Rule, offset, hit);
  for (const auto& d : m.mitigations) find_in(d.attrs, DeclKind::Mitigation, offset, hit);
  for (const auto& d : m.threats) find_in(d.attrs, DeclKind::Threat, offset, hit);
  for (const auto& d : m.assumptions) find_in(d.attrs, DeclKind::Assumption, offset, hit);
  for (const auto& d : m.accepts) find_in(d.attrs, DeclKind::Accept, offset, hit);
  for (const auto& d : m.dismissals) find_in(d.attrs, DeclKind::Dismiss, offset, hit);
  for (const auto& d : m.attestations) find_in(d.attrs, DeclKind::Attest, offset, hit);
  return hit;
}

/// The enum member written at `offset` in `value` (a Ref, or a list of them), if any.
const ast::Value* member_at(const ast::Value& value, std::uint32_t offset) {
  if (value.kind == ast::ValueKind::List) {
    for (const ast::Value& item : value.items) {
      if (const ast::Value* v = member_at(item, offset)) return v;
    }
    return nullptr;
  }
  return value.kind == ast::ValueKind::Ref && inside(value.span, offset) ? &value : nullptr;
}

}  // namespace

std::optional<HoverText> hover_attribute(const Model& model, const ast::Module& module,
                                         std::uint32_t offset) {
  const AttrHit hit = attribute_at(module, offset);
  if (!hit.attr) return std::nullopt;
  const Compilation& c = *model.compilation;
  const Schema& schema = c.graph.schema;
  const KindSchema& ks = schema.of(hit.kind);
  const int slot = ks.slot(hit.attr->name.name);
  if (slot < 0) return std::nullopt;
  const Field& field = ks.fields[slot];
  if (inside(hit.attr->name.span, offset)) {
    std::string text = fmt::format("**{}** ({} attribute): `{}`", field.name,
                                   decl_kind_name(hit.kind), schema.describe(field.type));
    if (field.default_value) {
      text += fmt::format(", default `{}`", c.program.sources.text(field.default_value->span));
    } else if (field.type.optional) {
      text += ", optional";
    }
    if (const std::string doc = field_doc(c.program.sources, field.span); !doc.empty()) {
      text += "\n\n" + doc;
    }
    return HoverText{text, hit.attr->name.span.begin, hit.attr->name.span.end};
  }
  const ast::Value* member = member_at(hit.attr->value, offset);
  if (!member || field.type.base != Base::Enum) return std::nullopt;
  const EnumDef& e = schema.enums[field.type.enum_id];
  const int index = e.member_index(member->text);
  if (index < 0) return std::nullopt;
  std::string text = fmt::format("**{}**: member {} of {} of {}`enum {}`", member->text, index + 1,
                                 e.members.size(), e.ordered ? "the ordered " : "", e.name);
  if (e.ordered) text += fmt::format(" (lowest first: {})", fmt::join(e.members, ", "));
  return HoverText{text, member->span.begin, member->span.end};
}

}  // namespace moat::lsp
