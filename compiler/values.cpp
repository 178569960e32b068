#include "compiler/values.hpp"

#include <algorithm>
#include <cassert>

#include "compiler/flow_ids.hpp"
#include "compiler/literals.hpp"
#include "compiler/repositories.hpp"
#include "compiler/suggest.hpp"
#include "compiler/weaknesses.hpp"

namespace moat {

const char* describe_value(const ast::Value& v) {
  switch (v.kind) {
    case ast::ValueKind::String:
      return "a string";
    case ast::ValueKind::Number:
      return "a number";
    case ast::ValueKind::Bool:
      return "true or false";
    case ast::ValueKind::Date:
      return "a date";
    case ast::ValueKind::Duration:
      return "a duration";
    case ast::ValueKind::Ref:
      return "a name";
    case ast::ValueKind::Control:
      return "a control id";
    case ast::ValueKind::List:
      return "a list";
  }
  return "a value";
}

namespace {
const char* expected_text(Base b) {
  switch (b) {
    case Base::Bool:
      return "true or false";
    case Base::Number:
      return "a number";
    case Base::String:
      return "a string";
    case Base::Date:
      return "a date (YYYY-MM-DD)";
    case Base::Duration:
      return "a duration such as 90d, 12h, 6mo or 7y";
    case Base::Location:
      return "a code location string (\"path\", \"path:line\" or \"path:from-to\")";
    case Base::Control:
      return "a control id such as CC6.1";
    case Base::Name:
      return "an identifier";
    case Base::Enum:
      return "a member of the enum";
    case Base::Element:
      return "an element identifier";
    case Base::Target:
      return "a threat target (ELEMENT, ELEMENT.CATEGORY, ELEMENT.RULE or a finding "
             "ANCHOR.WEAKNESS)";
    case Base::Assumption:
      return "an assumption identifier";
    case Base::Invalid:
      return "a value";
  }
  return "a value";
}
/// A date, duration, number or boolean written in quotes: the note that says to drop them, or
/// "" when the string would not be a valid value of that type without its quotes either.
std::string unquote_note(const std::string& text, Base base) {
  std::int64_t integer = 0;
  double number = 0;
  LiteralError ignored;
  switch (base) {
    case Base::Date:
      if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
          text.find_first_not_of("-0123456789") == std::string::npos &&
          decode_date(text, integer, ignored))
        return "write dates without quotes: " + text;
      break;
    case Base::Duration:
      if (is_duration_token(text) && decode_duration(text, integer, ignored))
        return "write durations without quotes: " + text;
      break;
    case Base::Number:
      if (!text.empty() && text.find_first_not_of("-.0123456789") == std::string::npos &&
          decode_number(text, number, ignored))
        return "write numbers without quotes: " + text;
      break;
    case Base::Bool:
      if (text == "true" || text == "false") return "write " + text + " without quotes";
      break;
    default:
      break;
  }
  return "";
}

/// The one member that has `word` as a whole `_`-separated part: `token` is a short spelling of
/// `personal_token`, `ssh` of `ssh_key`, `registry` of `container_registry`. "" when none or
/// several do.
std::string member_with_part(std::string_view word, const std::vector<std::string_view>& names) {
  std::string found;
  for (std::string_view m : names) {
    for (std::size_t at = m.find(word); at != std::string_view::npos; at = m.find(word, at + 1)) {
      const bool starts = at == 0 || m[at - 1] == '_';
      const bool ends = at + word.size() == m.size() || m[at + word.size()] == '_';
      if (!starts || !ends) continue;
      if (!found.empty()) return "";
      found = m;
      break;
    }
  }
  return found;
}

}  // namespace

void ValueConverter::mismatch(const ast::Value& v, const Type& type, const std::string& attr) {
  const std::string expected = type.base == Base::Enum
                                   ? "a member of enum '" + g_.schema.enums[type.enum_id].name + "'"
                                   : expected_text(type.base);
  auto& d = diags_.report(DiagKind::TypeMismatch, v.span,
                          "'" + attr + "' expects " + expected + ", not " + describe_value(v));
  // A quoted enum member or element name: the fix is to drop the quotes.
  if (v.kind == ast::ValueKind::String &&
      ((type.base == Base::Enum && g_.schema.enums[type.enum_id].member_index(v.text) >= 0) ||
       (type.base == Base::Element && g_.find(v.text) != kNoElement))) {
    d.notes.push_back({{}, "write " + v.text + " without quotes"});
  } else if (v.kind == ast::ValueKind::String) {
    const std::string note = unquote_note(v.text, type.base);
    if (!note.empty()) d.notes.push_back({{}, note});
  }
}

Val ValueConverter::convert(const ast::Value& v, const Type& type, const std::string& attr) {
  if (type.base == Base::Invalid) return {};
  if (!type.list) {
    if (v.kind == ast::ValueKind::List) {
      mismatch(v, type, attr);
      return {};
    }
    return scalar(v, type, attr);
  }
  // A single value where a list is expected is a list of one. The items go straight to the
  // pool (scalar() never adds list items itself): no vector, and no copy of `v`, per list.
  const Type item = type.element_type();
  const auto offset = static_cast<std::uint32_t>(g_.list_items.size());
  if (v.kind != ast::ValueKind::List) {
    if (const Val x = scalar(v, item, attr); x.is_set()) g_.list_items.push_back(x);
  } else {
    for (const ast::Value& it : v.items) {
      if (it.kind == ast::ValueKind::List) {
        mismatch(it, item, attr);
        continue;
      }
      if (const Val x = scalar(it, item, attr); x.is_set()) g_.list_items.push_back(x);
    }
  }
  return Val::list(offset, static_cast<std::uint32_t>(g_.list_items.size() - offset));
}

Val ValueConverter::scalar(const ast::Value& v, const Type& type, const std::string& attr) {
  using VK = ast::ValueKind;
  switch (type.base) {
    case Base::Bool:
      if (v.kind == VK::Bool) return Val::of(v.boolean);
      break;
    case Base::Number:
      if (v.kind == VK::Number) return Val::number(v.number);
      break;
    case Base::Date:
      if (v.kind == VK::Date) return Val::of(v.integer);
      break;
    case Base::Duration:
      if (v.kind == VK::Duration) return Val::of(v.integer);
      break;
    case Base::String:
    case Base::Location:
      if (v.kind == VK::String) {
        const StringId index = g_.strings.next_id();
        g_.strings.push_back(v.text);
        if (type.base == Base::Location) {
          if (!check_location_repository(v.text, v.span, g_, diags_)) return {};
          g_.locations.push_back({index, v.span});
        }
        return Val::of(index);
      }
      break;
    case Base::Name:
      if (v.kind == VK::Ref) {
        const StringId index = g_.strings.next_id();
        g_.strings.push_back(v.text);
        return Val::of(index);
      }
      break;
    case Base::Control:
      if (v.kind == VK::Control) return control(v);
      break;
    case Base::Enum:
      if (v.kind == VK::Ref) return enum_member(v, type, attr);
      break;
    case Base::Element:
      if (v.kind == VK::Ref) return element_ref(v, type);
      break;
    case Base::Target:
      if (v.kind == VK::Ref) return target(v);
      break;
    case Base::Assumption:
      if (v.kind == VK::Ref) {
        for (const AssumptionId i : g_.assumptions.ids()) {
          if (g_.assumptions[i].id == v.text) return Val::of(i);
        }
        std::vector<std::string_view> names;
        for (const auto& a : g_.assumptions) names.push_back(a.id);
        auto& d =
            diags_.report(DiagKind::UnknownElement, v.span, "unknown assumption '" + v.text + "'");
        DiagnosticSink::suggest(d, closest_match(v.text, names));
        return {};
      }
      break;
    case Base::Invalid:
      return {};
  }
  mismatch(v, type, attr);
  return {};
}

Val ValueConverter::enum_member(const ast::Value& v, const Type& type, const std::string& attr) {
  const EnumDef& e = g_.schema.enums[type.enum_id];
  const int index = e.member_index(v.text);
  if (index >= 0) return Val::of(index);
  std::vector<std::string_view> names(e.members.begin(), e.members.end());
  std::string list;
  for (const auto& m : e.members) list += (list.empty() ? "" : ", ") + m;
  auto& d = diags_.report(
      DiagKind::UnknownEnumMember, v.span,
      "'" + v.text + "' is not a valid value for '" + attr + "' (one of: " + list + ")");
  std::string near = closest_match(v.text, names);
  if (near.empty()) near = member_with_part(v.text, names);
  DiagnosticSink::suggest(d, near);
  return {};
}

namespace {

/// When `text` reads as a derived flow id between two nodes of the model (current or old form),
/// proposes the id of a flow between them and advises naming the flow; false when it does not.
bool flow_id_help(const ModelGraph& g, const std::string& text, Diagnostic& d) {
  for (const FlowIdParts& parts : read_flow_id(text)) {
    const ElementId s = g.find(parts.source), t = g.find(parts.target);
    if (s == kNoElement || t == kNoElement) continue;
    std::vector<std::string_view> ids;
    for (const FlowRec& f : g.flows) {
      if (f.source == s && f.target == t) ids.push_back(g.elements[f.element].id);
    }
    const std::string current = current_form(text);
    std::string best = std::find(ids.begin(), ids.end(), current) != ids.end()
                           ? current
                           : closest_match(text, ids);
    if (best.empty() && ids.size() == 1) best = ids[0];
    if (!best.empty()) {
      DiagnosticSink::suggest(d, best, g.elements[g.find(best)].id_span);
    } else if (!ids.empty()) {
      std::string list;
      for (std::string_view id : ids) list += (list.empty() ? "" : ", ") + std::string(id);
      d.notes.push_back(
          {{}, "the flows from '" + parts.source + "' to '" + parts.target + "' are: " + list});
    }
    d.notes.push_back({{}, name_the_flow({g.elements[s].id, g.elements[t].id})});
    return true;
  }
  return false;
}

}  // namespace

Val ValueConverter::element_ref(const ast::Value& v, const Type& type) {
  const ElementId found = g_.find(v.text);
  if (found == kNoElement) {
    auto& d = diags_.report(DiagKind::UnknownElement, v.span, "unknown element '" + v.text + "'");
    if ((type.kinds & kind_bit(Kind::Flow)) && flow_id_help(g_, v.text, d)) return {};
    std::vector<std::string_view> names;
    for (const ElementId i : g_.elements.ids_from(1)) {
      if (type.kinds & kind_bit(g_.elements[i].kind)) names.push_back(g_.elements[i].id);
    }
    const std::string best = closest_match(v.text, names);
    if (!best.empty()) DiagnosticSink::suggest(d, best, g_.elements[g_.find(best)].id_span);
    return {};
  }
  const ElementRec& e = g_.elements[found];
  if (!(type.kinds & kind_bit(e.kind))) {
    diags_
        .report(DiagKind::WrongElementKind, v.span,
                "'" + v.text + "' is " + kind_with_article(e.kind) + ", but a " +
                    g_.schema.describe(type.element_type()) + " is expected here")
        .notes.push_back({e.id_span, "'" + v.text + "' is declared here"});
    return {};
  }
  return Val::of(found);
}

Val ValueConverter::control(const ast::Value& v) {
  auto it = g_.criterion_ids.find(v.text);
  if (it != g_.criterion_ids.end()) return Val::of(it->second);
  if (g_.criteria.empty()) {
    diags_
        .report(DiagKind::UnknownControl, v.span,
                "unknown control '" + v.text + "': no control catalog is loaded")
        .notes.push_back({{}, "add 'use soc2' to load the SOC 2 criteria"});
    return {};
  }
  std::vector<std::string_view> names;
  for (const auto& c : g_.criteria) names.push_back(c.id);
  auto& d = diags_.report(DiagKind::UnknownControl, v.span,
                          "unknown control '" + v.text + "': not in the loaded catalog");
  const std::string best = closest_match(v.text, names);
  if (!best.empty())
    DiagnosticSink::suggest(d, best, g_.criteria[g_.criterion_ids.at(best)].id_span);
  return {};
}

// A target packs the element (32 bits), the form (2 bits) and a category, rule or weakness index.
// The part after the dot is a STRIDE category, then a rule that can raise a threat on the
// element (a threat id keeps naming the threat), then a weakness: the finding ANCHOR.WEAKNESS.
Val ValueConverter::target(const ast::Value& v) {
  const std::size_t dot = v.text.find('.');
  const std::string head = v.text.substr(0, dot);
  ast::Value element_part = v;
  element_part.text = head;
  element_part.span.end = v.span.begin + static_cast<std::uint32_t>(head.size());
  const Val e = element_ref(element_part, Type{Base::Element, false, false, 0, kAllKinds});
  if (!e.is_set()) return {};
  if (dot == std::string::npos) return Val::of(e.bits);
  const std::string tail = v.text.substr(dot + 1);
  const Span tail_span{v.span.file, v.span.begin + static_cast<std::uint32_t>(dot + 1), v.span.end};
  const EnumDef& stride = g_.schema.enums[g_.builtins.stride];
  auto packed = [&](std::int64_t form, std::int64_t index) {
    return Val::of(e.bits | (form << 32) | (index << 34));
  };
  if (const int c = stride.member_index(tail); c >= 0) return packed(1, c);
  const auto element = e.id<ElementId>();
  const WeaknessId weakness = find_weakness(g_, tail);
  std::vector<std::string_view> names(stride.members.begin(), stride.members.end());
  for (const RuleId r : g_.rules.ids()) {
    if (g_.rules[r].id != tail) continue;
    if (weakness.is_none() || rule_can_raise_on(g_, r, element)) return packed(2, r.index());
  }
  if (!weakness.is_none()) return packed(3, weakness.index());
  // ELEMENT.RULE.SCANNER_RULE: one threat of a `from_scans` rule (analyzer/scan_threats.hpp).
  if (const std::size_t key = tail.find('.'); key != std::string::npos) {
    const std::string rule = tail.substr(0, key);
    for (const RuleId r : g_.rules.ids()) {
      if (g_.rules[r].id != rule) continue;
      if (g_.rules[r].from_scans >= 0) return packed(2, r.index());
      diags_.report(DiagKind::UnknownTarget, tail_span,
                    "rule '" + rule +
                        "' raises one threat per element: only a rule with "
                        "'from_scans' takes a scanner rule after its id");
      return {};
    }
  }
  for (const RuleRec& r : g_.rules) names.push_back(r.id);
  for (const std::string& w : g_.weaknesses) names.push_back(w);
  auto& d = diags_.report(DiagKind::UnknownTarget, tail_span,
                          "'" + tail + "' is neither a STRIDE category, a rule nor a weakness");
  DiagnosticSink::suggest(d, closest_match(tail, names));
  return {};
}

TargetRef ValueConverter::unpack_target(Val v) {
  TargetRef t;
  const auto bits = static_cast<std::uint64_t>(v.bits);
  t.element = ElementId(static_cast<std::uint32_t>(bits & 0xffffffff));
  t.form = static_cast<TargetRef::Form>((bits >> 32) & 3);
  const auto index = static_cast<std::uint32_t>(bits >> 34);
  // One packed index, typed by the form that gives it its meaning.
  switch (t.form) {
    case TargetRef::Form::Category:
      t.category = static_cast<std::uint8_t>(index);
      break;
    case TargetRef::Form::Rule:
      t.rule = RuleId(index);
      break;
    case TargetRef::Form::Finding:
      t.weakness = WeaknessId(index);
      break;
    case TargetRef::Form::Element:
      break;
  }
  return t;
}

bool ValueConverter::required(const Field& f) {
  return !f.type.optional && !f.default_value && f.type.base != Base::Invalid;
}

ValueConverter::KindDefaults& ValueConverter::defaults_of(DeclKind kind) {
  if (defaults_.empty()) defaults_.resize(kDeclKindCount);
  KindDefaults& d = defaults_[static_cast<int>(kind)];
  if (!d.ready) {
    const std::size_t n = g_.schema.of(kind).fields.size();
    d.row.assign(n, Val{});
    d.resolved.assign(n, 0);
    d.attention.resize(n);
    for (std::uint32_t s = 0; s < n; ++s) d.attention[s] = s;
    d.ready = true;
  }
  return d;
}

Val ValueConverter::default_value(DeclKind kind, int slot) {
  KindDefaults& d = defaults_of(kind);
  if (d.resolved[slot]) return d.row[slot];
  const Field& f = g_.schema.of(kind).fields[slot];
  Val v;
  if (f.default_value)
    v = convert(*f.default_value, f.type, f.name);
  else if (f.type.list && f.type.optional)
    v = Val::list(0, 0);
  d.row[slot] = v;
  d.resolved[slot] = 1;
  return v;
}

std::uint32_t ValueConverter::fill(DeclKind kind, const std::vector<ast::Attribute>& attrs,
                                   const std::string& owner, Span owner_span) {
  const KindSchema& ks = g_.schema.of(kind);
  KindDefaults& defaults = defaults_of(kind);
  // Every slot starts with its default when that is known; the slots given below are
  // overwritten, and the missing ones whose default is not known yet, or that are required, are
  // visited after them in slot order, as a walk over every slot would.
  // The schema is complete before any value is converted (analyze_modules), so the row of
  // defaults cached for a kind has a slot for each of its fields.
  assert(defaults.row.size() == ks.fields.size());
  const auto offset = static_cast<std::uint32_t>(g_.values.size());
  g_.values.insert(g_.values.end(), defaults.row.begin(), defaults.row.end());
  std::vector<const ast::Attribute*>& given = given_;
  given.assign(ks.fields.size(), nullptr);
  for (const ast::Attribute& a : attrs) {
    const int slot = ks.slot(a.name.name);
    if (slot < 0) {
      std::vector<std::string_view> names;
      for (const Field& f : ks.fields) names.push_back(f.name);
      auto& d = diags_.report(DiagKind::UnknownAttribute, a.name.span,
                              std::string("unknown attribute '") + a.name.name + "' for " +
                                  decl_kind_name(kind) + " '" + owner + "'");
      DiagnosticSink::suggest(d, closest_match(a.name.name, names));
      continue;
    }
    if (given[slot]) {
      diags_
          .report(DiagKind::DuplicateAttribute, a.name.span,
                  "attribute '" + a.name.name + "' is given twice")
          .notes.push_back({given[slot]->name.span, "first given here"});
      continue;
    }
    given[slot] = &a;
    g_.values[offset + slot] = convert(a.value, ks.fields[slot].type, a.name.name);
  }
  bool resolved_now = false;
  for (const std::uint32_t s : defaults.attention) {
    if (given[s]) continue;
    const Field& f = ks.fields[s];
    resolved_now |= !defaults.resolved[s];
    g_.values[offset + s] = default_value(kind, static_cast<int>(s));
    if (required(f)) {
      diags_.report(DiagKind::MissingAttribute, owner_span,
                    std::string(decl_kind_name(kind)) + " '" + owner + "' needs the attribute '" +
                        f.name + "'");
    }
  }
  if (resolved_now) {
    std::erase_if(defaults.attention,
                  [&](std::uint32_t s) { return defaults.resolved[s] && !required(ks.fields[s]); });
  }
  return offset;
}

}  // namespace moat
