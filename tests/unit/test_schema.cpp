// The schema (compiler/schema.hpp): the prelude's attributes, a model's own extensions, and
// how values and rules are checked against them.
#include <doctest/doctest.h>

#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

std::unique_ptr<Compilation> compile(const std::string& body) {
  return compile_text("schema.moat", "model \"S\" { version = \"1\" }\n" + body);
}

std::unique_ptr<Compilation> compile_ok(const std::string& body) {
  return moat_test::require_ok(compile(body));
}

/// Kinds and messages of the diagnostics of a model that must not compile.
std::vector<std::pair<DiagKind, std::string>> errors(const std::string& body) {
  auto c = compile(body);
  CHECK_FALSE(c->ok());
  std::vector<std::pair<DiagKind, std::string>> out;
  for (const Diagnostic& d : c->diags.sorted()) out.push_back({d.kind, d.message});
  return out;
}

int slot(const ModelGraph& g, DeclKind k, const char* name) {
  return g.schema.of(k).slot(name);
}

}  // namespace

TEST_CASE("the prelude declares the attributes the examples use") {
  auto c = compile_ok("");
  const Schema& s = c->graph.schema;
  for (const char* name : {"authn", "authz", "validates_input", "rate_limited", "runs_as_root",
                           "logs_access", "owner", "code", "description", "tags", "boundary"}) {
    CAPTURE(name);
    CHECK(s.of(DeclKind::Process).slot(name) >= 0);
  }
  for (const char* name : {"kind", "encrypted_at_rest", "backed_up", "append_only", "holds"}) {
    CAPTURE(name);
    CHECK(s.of(DeclKind::Store).slot(name) >= 0);
  }
  for (const char* name : {"protocol", "encrypted", "authn", "carries"})
    CHECK(s.of(DeclKind::Flow).slot(name) >= 0);
  for (const char* name : {"classification", "pii", "retention"})
    CHECK(s.of(DeclKind::Data).slot(name) >= 0);
  CHECK(s.of(DeclKind::Boundary).slot("trust") >= 0);
  CHECK(s.of(DeclKind::Actor).slot("trust") >= 0);
  CHECK(s.of(DeclKind::External).slot("trust") >= 0);
  CHECK(s.of(DeclKind::Data).slot("boundary") < 0);  // `attributes node` is not for data
  CHECK(s.enums[s.enum_id("classification")].ordered);
  CHECK(s.enums[s.enum_id("trust")].ordered);
  CHECK_FALSE(s.enums[s.enum_id("auth")].ordered);
  const Field& holds = s.of(DeclKind::Store).fields[s.of(DeclKind::Store).slot("holds")];
  CHECK(s.describe(holds.type) == "list<data>");
  const Field& retention = s.of(DeclKind::Data).fields[s.of(DeclKind::Data).slot("retention")];
  CHECK(retention.type.base == Base::Duration);
  CHECK(retention.type.optional);
}

TEST_CASE("a model extends a kind's schema and uses the new attribute") {
  auto c = compile_ok(R"(attributes store { pci_scope: bool = false }
store cards "Card vault" { pci_scope = true }
store cache "Cache"
rule pci "PCI store without encryption" {
  applies  = store
  category = information_disclosure
  severity = high
  when     = pci_scope and not encrypted_at_rest
}
)");
  const ModelGraph& g = c->graph;
  const int s = slot(g, DeclKind::Store, "pci_scope");
  REQUIRE(s >= 0);
  const Field& f = g.schema.of(DeclKind::Store).fields[s];
  CHECK(f.type.base == Base::Bool);
  CHECK_FALSE(f.type.list);
  CHECK(g.attr(g.find("cards"), s).bits == 1);
  CHECK(g.attr(g.find("cache"), s).bits == 0);         // the declared default
  CHECK(slot(g, DeclKind::Process, "pci_scope") < 0);  // only stores have it
  const RuleRec& rule = g.rules.back();
  CHECK(rule.id == "pci");
  CHECK(rule.when[static_cast<int>(Kind::Store)].valid());
  CHECK_FALSE(rule.when[static_cast<int>(Kind::Process)].valid());
}

TEST_CASE("extensions with enum, list, optional and inline enum types") {
  auto c = compile_ok(R"(enum tier ordered { bronze, silver, gold }
attributes store { tier: tier = bronze, regions: list<string> = [], sla: duration?,
                   zone: enum { eu, us } = eu }
attributes node { team: string? }
store s { tier = gold, regions = ["eu-west-1", "us-east-1"], sla = 4h, zone = us, team = "data" }
store t
actor u { team = "people" }
rule tiered "Gold store without backups" {
  applies = store
  category = denial_of_service
  severity = medium
  when = tier >= silver and not backed_up and zone == us and defined(sla)
}
)");
  const ModelGraph& g = c->graph;
  const Schema& schema = g.schema;
  const ElementId s = g.find("s"), t = g.find("t");
  const int tier = slot(g, DeclKind::Store, "tier");
  CHECK(g.attr(s, tier).bits == 2);
  CHECK(g.attr(t, tier).bits == 0);
  const int regions = slot(g, DeclKind::Store, "regions");
  CHECK(g.attr(s, regions).list_size() == 2);
  CHECK(g.strings[g.list_items[g.attr(s, regions).list_offset() + 1].id<StringId>()] ==
        "us-east-1");
  CHECK(g.attr(t, regions).list_size() == 0);
  const int sla = slot(g, DeclKind::Store, "sla");
  CHECK(g.attr(s, sla).bits == 4 * 3600);
  CHECK_FALSE(g.attr(t, sla).is_set());
  const int zone = slot(g, DeclKind::Store, "zone");
  const Field& zf = schema.of(DeclKind::Store).fields[zone];
  CHECK(schema.describe(zf.type) == "enum store.zone");
  CHECK(g.attr(s, zone).bits == 1);
  // `attributes node` extends actors, externals, processes and stores alike.
  for (DeclKind k : {DeclKind::Actor, DeclKind::External, DeclKind::Process, DeclKind::Store}) {
    CHECK(slot(g, k, "team") >= 0);
  }
  CHECK(slot(g, DeclKind::Flow, "team") < 0);
  CHECK(g.rules.back().when[static_cast<int>(Kind::Store)].valid());
}

TEST_CASE("declaring an attribute again with the same type is allowed") {
  auto c = compile_ok(
      "attributes store { pci_scope: bool = false }\nattributes store { pci_scope: bool = true "
      "}\n");
  // The first declaration (and its default) wins.
  const int s = slot(c->graph, DeclKind::Store, "pci_scope");
  REQUIRE(s >= 0);
  CHECK_FALSE(c->graph.schema.of(DeclKind::Store).fields[s].default_value->boolean);
}

TEST_CASE("a model's attribute defaults outlive its syntax trees") {
  // `moat check` frees the trees before the analysis; the schema keeps its own copy of each
  // default (a pointer into the tree was read after free, which the sanitizer build reports).
  auto c = compile_ok("attributes store { audited_on: list<string> = [\"q1\", \"q2\"] }\n");
  c->program.drop_syntax();
  CHECK(c->program.modules.empty());
  const int s = slot(c->graph, DeclKind::Store, "audited_on");
  REQUIRE(s >= 0);
  const std::optional<ast::Value>& d = c->graph.schema.of(DeclKind::Store).fields[s].default_value;
  REQUIRE(d.has_value());
  REQUIRE(d->items.size() == 2);
  CHECK(d->items[1].text == "q2");
}

TEST_CASE("schema errors: unknown kind, unknown type, conflicting type, duplicate member") {
  using E = std::vector<std::pair<DiagKind, std::string>>;
  CHECK(errors("attributes stor { x: bool = false }\n") ==
        E{{DiagKind::UnknownKind, "unknown kind 'stor' in an attributes declaration"}});
  CHECK(errors("attributes store { x: tiers = gold }\nenum tier { gold }\n") ==
        E{{DiagKind::UnknownType, "unknown type 'tiers'"}});
  CHECK(errors("attributes store { x: bool = false }\nattributes store { x: number = 1 }\n") ==
        E{{DiagKind::ConflictingAttribute,
           "attribute 'x' of store is already declared with type 'bool'"}});
  CHECK(errors("attributes store { x: bool = false }\nattributes store { x: bool? }\n") ==
        E{{DiagKind::ConflictingAttribute,
           "attribute 'x' of store is already declared with type 'bool'"}});
  CHECK(errors("attributes store { kind: string? }\n") ==
        E{{DiagKind::ConflictingAttribute,
           "attribute 'kind' of store is already declared with type 'enum store.kind'"}});
  CHECK(errors("enum e { a, b, a }\n") ==
        E{{DiagKind::DuplicateEnumMember, "'a' is listed twice in enum 'e'"}});
  CHECK(errors("enum auth { x }\n") ==
        E{{DiagKind::DuplicateId, "enum 'auth' is already declared"}});
}

TEST_CASE("an enum may be used before it is declared") {
  auto c = compile_ok(
      "attributes store { tier: tier = gold }\nenum tier { gold, silver }\nstore s { tier = silver "
      "}\n");
  CHECK(c->graph.attr(c->graph.find("s"), slot(c->graph, DeclKind::Store, "tier")).bits == 1);
}

TEST_CASE("values are checked against the extended schema") {
  using E = std::vector<std::pair<DiagKind, std::string>>;
  const std::string ext =
      "attributes store { pci_scope: bool = false, tier: enum ordered { low, high } = low }\n";
  CHECK(errors(ext + "store s { pci_scope = \"yes\" }\n") ==
        E{{DiagKind::TypeMismatch, "'pci_scope' expects true or false, not a string"}});
  CHECK(errors(ext + "store s { tier = hihg }\n") ==
        E{{DiagKind::UnknownEnumMember,
           "'hihg' is not a valid value for 'tier' (one of: low, high)"}});
  CHECK(errors(ext + "store s { pci_scop = true }\n") ==
        E{{DiagKind::UnknownAttribute, "unknown attribute 'pci_scop' for store 's'"}});
  CHECK(errors(ext + "process p { pci_scope = true }\n") ==
        E{{DiagKind::UnknownAttribute, "unknown attribute 'pci_scope' for process 'p'"}});
  auto c = compile(ext + "store s { pci_scop = true }\n");
  const auto d = c->diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].suggestion == "pci_scope");
}

TEST_CASE("a required attribute without a default must be given") {
  using E = std::vector<std::pair<DiagKind, std::string>>;
  CHECK(errors("attributes process { team: string }\nprocess p\n") ==
        E{{DiagKind::MissingAttribute, "process 'p' needs the attribute 'team'"}});
  compile_ok("attributes process { team: string }\nprocess p { team = \"x\" }\n");
}

TEST_CASE("rules type-check against the extended schema") {
  using E = std::vector<std::pair<DiagKind, std::string>>;
  const std::string ext =
      "attributes store { pci_scope: bool = false, tier: enum ordered { low, high } = low }\n";
  const std::string head =
      "rule r \"R\" { applies = store, category = tampering, severity = low, when = ";
  compile_ok(ext + head + "pci_scope and tier > low }\n");
  CHECK(errors(ext + head + "pci_scop }\n") ==
        E{{DiagKind::UnknownName, "unknown name 'pci_scop' in rule 'r'"}});
  CHECK(errors(ext + head + "tier == pci_scope }\n") ==
        E{{DiagKind::ExprTypeError,
           "cannot compare a value of type 'enum store.tier' with true or false"}});
  CHECK(errors(head + "pci_scope }\n") ==
        E{{DiagKind::UnknownName, "unknown name 'pci_scope' in rule 'r'"}});
}
