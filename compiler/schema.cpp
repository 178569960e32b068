#include "compiler/schema.hpp"

#include "compiler/computed_props.hpp"
#include "compiler/source.hpp"
#include "compiler/suggest.hpp"

namespace moat {

const char* decl_kind_name(DeclKind k) {
  return grammar::keyword_text(kDeclKeywords[static_cast<int>(k)]).data();
}

std::string Schema::describe(const Type& t) const {
  std::string s;
  switch (t.base) {
    case Base::Bool:
      s = "bool";
      break;
    case Base::Number:
      s = "number";
      break;
    case Base::String:
      s = "string";
      break;
    case Base::Date:
      s = "date";
      break;
    case Base::Duration:
      s = "duration";
      break;
    case Base::Location:
      s = "location";
      break;
    case Base::Control:
      s = "control";
      break;
    case Base::Name:
      s = "name";
      break;
    case Base::Target:
      s = "target";
      break;
    case Base::Assumption:
      s = "assumption";
      break;
    case Base::Invalid:
      s = "invalid";
      break;
    case Base::Enum:
      s = "enum " + enums[t.enum_id].name;
      break;
    case Base::Element:
      if (t.kinds == kNodeKinds)
        s = "node";
      else if (t.kinds == kAllKinds)
        s = "element";
      else {
        for (int k = 0; k < kKindCount; ++k) {
          if (t.kinds & (1u << k)) s += (s.empty() ? "" : "|") + std::string(kind_name(Kind(k)));
        }
      }
      break;
  }
  return t.list ? "list<" + s + ">" : s;
}

namespace {

struct Builder {
  Schema& schema;
  DiagnosticSink& diags;

  void add_enum(const std::string& name, bool ordered, const std::vector<ast::Ident>& members,
                Span where) {
    EnumDef def{name, ordered, {}};
    for (const ast::Ident& m : members) {
      if (def.member_index(m.name) >= 0) {
        diags.report(DiagKind::DuplicateEnumMember, m.span,
                     "'" + m.name + "' is listed twice in enum '" + name + "'");
        continue;
      }
      def.members.push_back(m.name);
    }
    (void)where;
    schema.enum_ids.emplace(name, static_cast<EnumId>(schema.enums.size()));
    schema.enums.push_back(std::move(def));
  }

  std::vector<DeclKind> kinds_of(const ast::Ident& kind) {
    static const std::pair<const char*, std::vector<DeclKind>> kTable[] = {
        {"actor", {DeclKind::Actor}},
        {"external", {DeclKind::External}},
        {"process", {DeclKind::Process}},
        {"store", {DeclKind::Store}},
        {"data", {DeclKind::Data}},
        {"boundary", {DeclKind::Boundary}},
        {"flow", {DeclKind::Flow}},
        {"model", {DeclKind::Model}},
        {"rule", {DeclKind::Rule}},
        {"mitigation", {DeclKind::Mitigation}},
        {"accept", {DeclKind::Accept}},
        {"assumption", {DeclKind::Assumption}},
        {"criterion", {DeclKind::Criterion}},
        {"attest", {DeclKind::Attest}},
        {"dismiss", {DeclKind::Dismiss}},
        {"threat", {DeclKind::Threat}},
        {"classify", {DeclKind::Classify}},
        {"scan", {DeclKind::Scan}},
        {"node", {DeclKind::Actor, DeclKind::External, DeclKind::Process, DeclKind::Store}},
        {"any",
         {DeclKind::Actor, DeclKind::External, DeclKind::Process, DeclKind::Store, DeclKind::Data,
          DeclKind::Boundary, DeclKind::Flow}}};
    std::vector<std::string_view> names;
    for (const auto& [name, kinds] : kTable) {
      if (kind.name == name) return kinds;
      names.push_back(name);
    }
    auto& d = diags.report(DiagKind::UnknownKind, kind.span,
                           "unknown kind '" + kind.name + "' in an attributes declaration");
    DiagnosticSink::suggest(d, closest_match(kind.name, names));
    return {};
  }

  Type resolve(const ast::TypeExpr& t, const std::string& owner) {
    Type out;
    out.optional = t.optional;
    if (t.form == ast::TypeExpr::Form::List) {
      out = resolve(t.element.front(), owner);
      out.list = true;
      out.optional = t.optional;
      return out;
    }
    if (t.form == ast::TypeExpr::Form::InlineEnum) {
      out.base = Base::Enum;
      out.enum_id = static_cast<EnumId>(schema.enums.size());
      add_enum(owner, t.ordered, t.members, t.span);
      return out;
    }
    return named(t.name, out);
  }

  Type named(const ast::Ident& name, Type out) {
    static const std::pair<const char*, Base> kBases[] = {
        {"bool", Base::Bool},         {"number", Base::Number},
        {"string", Base::String},     {"date", Base::Date},
        {"duration", Base::Duration}, {"location", Base::Location},
        {"control", Base::Control},   {"name", Base::Name},
        {"target", Base::Target},     {"assumption", Base::Assumption}};
    static const std::pair<const char*, KindMask> kRefs[] = {{"actor", kind_bit(Kind::Actor)},
                                                             {"external", kind_bit(Kind::External)},
                                                             {"process", kind_bit(Kind::Process)},
                                                             {"store", kind_bit(Kind::Store)},
                                                             {"data", kind_bit(Kind::Data)},
                                                             {"boundary", kind_bit(Kind::Boundary)},
                                                             {"flow", kind_bit(Kind::Flow)},
                                                             {"node", kNodeKinds},
                                                             {"element", kAllKinds}};
    std::vector<std::string_view> names;
    for (const auto& [n, base] : kBases) {
      if (name.name == n) return out.base = base, out;
      names.push_back(n);
    }
    for (const auto& [n, mask] : kRefs) {
      if (name.name == n) return out.base = Base::Element, out.kinds = mask, out;
      names.push_back(n);
    }
    if (auto it = schema.enum_ids.find(name.name); it != schema.enum_ids.end()) {
      out.base = Base::Enum;
      out.enum_id = it->second;
      return out;
    }
    for (const auto& e : schema.enums) names.push_back(e.name);
    auto& d = diags.report(DiagKind::UnknownType, name.span, "unknown type '" + name.name + "'");
    DiagnosticSink::suggest(d, closest_match(name.name, names));
    return out;  // Base::Invalid: values of this attribute are not checked further
  }

  /// False (and an error) when a model's attribute for `kinds` (written `kind`) takes the name
  /// of a property moat computes for one of them.
  bool free_of_computed_name(const std::vector<DeclKind>& kinds, const ast::Ident& kind,
                             const ast::FieldDecl& f) {
    KindMask elements = 0;
    for (DeclKind k : kinds) {
      // The standard library's `trust` declared again: add_field judges the redeclaration.
      if (schema.kinds[static_cast<int>(k)].slot(f.name.name) >= 0) return true;
      if (static_cast<int>(k) < kKindCount) elements |= kind_bit(static_cast<Kind>(k));
    }
    const ComputedProp* p = find_computed_prop(f.name.name, elements);
    if (!p) return true;
    auto& d = diags.report(DiagKind::ConflictingAttribute, f.name.span,
                           "attribute '" + f.name.name + "' of " + kind.name +
                               " would be hidden by the property moat computes under that name (" +
                               p->meaning + ")");
    d.notes.push_back({{},
                       "give the attribute another name: a rule that reads '" + f.name.name +
                           "' gets the computed value"});
    return false;
  }

  void add_field(DeclKind kind, const ast::FieldDecl& f, const Type& type) {
    KindSchema& ks = schema.kinds[static_cast<int>(kind)];
    if (int slot = ks.slot(f.name.name); slot >= 0) {
      const Field& old = ks.fields[slot];
      if (!(old.type == type) || old.type.optional != type.optional) {
        diags
            .report(DiagKind::ConflictingAttribute, f.name.span,
                    "attribute '" + f.name.name + "' of " + decl_kind_name(kind) +
                        " is already declared with type '" + schema.describe(old.type) + "'")
            .notes.push_back({old.span, "first declared here"});
      }
      return;
    }
    ks.slots.emplace(f.name.name, static_cast<std::uint32_t>(ks.fields.size()));
    ks.fields.push_back({f.name.name, type, f.default_value, f.name.span});
  }
};

}  // namespace

Schema build_schema(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                    DiagnosticSink& diags) {
  Schema schema;
  Builder b{schema, diags};
  std::unordered_map<std::string, Span> enum_spans;
  for (const ast::Module* m : modules) {
    for (const ast::EnumDecl& e : m->enums) {
      if (auto [it, fresh] = enum_spans.emplace(e.name.name, e.name.span); !fresh) {
        diags.report_duplicate(e.name.span, "enum", e.name.name, it->second);
        continue;
      }
      b.add_enum(e.name.name, e.ordered, e.members, e.name.span);
    }
  }
  for (const ast::Module* m : modules) {
    for (const ast::SchemaDecl& s : m->schemas) {
      const std::vector<DeclKind> kinds = b.kinds_of(s.kind);
      const bool from_stdlib = sources.file(m->file).is_stdlib;
      for (const ast::FieldDecl& f : s.fields) {
        const Type type = b.resolve(f.type, s.kind.name + "." + f.name.name);
        if (!from_stdlib && !b.free_of_computed_name(kinds, s.kind, f)) continue;
        for (DeclKind k : kinds) b.add_field(k, f, type);
      }
    }
  }
  return schema;
}

}  // namespace moat
