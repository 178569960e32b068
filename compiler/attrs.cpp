#include "compiler/attrs.hpp"

namespace moat {

Val Attrs::get(const char* name) const {
  const int slot = g.schema.of(kind).slot(name);
  return slot < 0 ? Val{} : g.values[offset + slot];
}

std::string Attrs::str(const char* name) const {
  const Val v = get(name);
  return v.is_set() ? g.strings[v.id<StringId>()] : std::string();
}

bool Attrs::flag(const char* name) const {
  const Val v = get(name);
  return v.is_set() && v.bits != 0;
}

std::uint8_t Attrs::ordinal(const char* name) const {
  const Val v = get(name);
  return v.is_set() ? static_cast<std::uint8_t>(v.bits) : 0;
}

std::string Attrs::member(const char* name) const {
  const int slot = g.schema.of(kind).slot(name);
  if (slot < 0) return {};
  const Val v = g.values[offset + slot];
  const Type& type = g.schema.of(kind).fields[slot].type;
  if (!v.is_set() || type.base != Base::Enum) return {};
  const auto& members = g.schema.enums[type.enum_id].members;
  auto member_of = [&](std::int64_t bits) {
    return bits >= 0 && static_cast<std::size_t>(bits) < members.size() ? members[bits]
                                                                        : std::string();
  };
  if (!type.list) return member_of(v.bits);
  std::string joined;
  for (std::uint32_t i = 0; i < v.list_size(); ++i)
    joined += (i ? ", " : "") + member_of(g.list_items[v.list_offset() + i].bits);
  return joined;
}

std::optional<std::int64_t> Attrs::opt_int(const char* name) const {
  const Val v = get(name);
  return v.is_set() ? std::optional<std::int64_t>(v.bits) : std::nullopt;
}

std::vector<std::string> Attrs::strings(const char* name) const {
  std::vector<std::string> out;
  for (const StringId i : list<StringId>(name)) out.push_back(g.strings[i]);
  return out;
}

std::string member_name(const ModelGraph& g, const char* enum_name, std::uint8_t ordinal) {
  auto it = g.schema.enum_ids.find(enum_name);
  if (it == g.schema.enum_ids.end()) return {};
  const auto& members = g.schema.enums[it->second].members;
  return ordinal < members.size() ? members[ordinal] : std::string();
}

Attrs attrs_of(const ModelGraph& g, ElementId e) {
  return {g, decl_kind(g.elements[e].kind), g.elements[e].attrs};
}

Attrs model_attrs(const ModelGraph& g) {
  return {g, DeclKind::Model, g.model.attrs};
}

}  // namespace moat
