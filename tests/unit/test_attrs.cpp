// Reading attributes by name (compiler/attrs.hpp): values as written, the schema's defaults,
// unset optional attributes, and names the kind does not declare.
#include <doctest/doctest.h>

#include "compiler/attrs.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

constexpr const char* kModel = R"(model "Shop" { version = "2.1", soc2_scope = [security, privacy] }
data card "Card" { classification = secret, pii = true, retention = 30d }
data email "Email"
process api "API" { owner = "team-api", code = ["src/api.cc", "src/auth.cc:10"] }
store db "DB"
flow write: api -> db "Write" { carries = [card, email], protocol = tls }
)";

struct Compiled {
  std::unique_ptr<Compilation> c = moat_test::compile_ok("attrs.moat", kModel);
  Attrs of(const char* id) const { return attrs_of(c->graph, c->graph.find(id)); }
};

}  // namespace

TEST_CASE("attributes read as written") {
  const Compiled m;
  CHECK(m.of("card").member("classification") == "secret");
  CHECK(m.of("card").flag("pii"));
  CHECK(m.of("card").opt_int("retention") == std::optional<std::int64_t>(30 * 86400));
  CHECK(m.of("api").str("owner") == "team-api");
  CHECK(m.of("api").strings("code") == std::vector<std::string>{"src/api.cc", "src/auth.cc:10"});
  const std::vector<ElementId> carried = m.of("write").elements("carries");
  REQUIRE(carried.size() == 2);
  CHECK(m.c->graph.elements[carried[0]].id == "card");
  CHECK(m.c->graph.elements[carried[1]].id == "email");
  CHECK(m.of("write").member("protocol") == "tls");
  CHECK(model_attrs(m.c->graph).str("version") == "2.1");
  CHECK(model_attrs(m.c->graph).list<std::uint8_t>("soc2_scope") ==
        std::vector<std::uint8_t>{0, 4});
}

TEST_CASE("attributes left out read as the schema's defaults, or unset when optional") {
  const Compiled m;
  CHECK(m.of("email").member("classification") == "internal");
  CHECK_FALSE(m.of("email").flag("pii"));
  CHECK_FALSE(m.of("email").opt_int("retention").has_value());
  CHECK_FALSE(m.of("email").get("retention").is_set());
  CHECK(m.of("db").str("owner").empty());
  CHECK(m.of("db").strings("code").empty());
  CHECK(m.of("db").ordinal("owner") == 0);
  CHECK(model_attrs(m.c->graph).str("owner").empty());
}

TEST_CASE("a name the kind does not declare reads as unset") {
  const Compiled m;
  CHECK_FALSE(m.of("card").get("authn").is_set());
  CHECK(m.of("card").member("authn").empty());
  CHECK(m.of("card").str("no_such_attribute").empty());
  CHECK(m.of("card").elements("carries").empty());
  // `pii` is a bool, not an enum: it has no member name.
  CHECK(m.of("card").member("pii").empty());
}

TEST_CASE("member_name names enum members by ordinal") {
  const Compiled m;
  CHECK(member_name(m.c->graph, "mitigation_status", 0) == "planned");
  CHECK(member_name(m.c->graph, "mitigation_status", 200).empty());
  CHECK(member_name(m.c->graph, "no_such_enum", 0).empty());
}
