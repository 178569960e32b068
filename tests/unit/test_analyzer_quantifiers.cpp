// Quantifiers in rules (docs/language.md "Quantifiers and functions"): any, all and count over
// inbound and outbound flows, carried data, crossings and list attributes; empty and absent
// lists; nesting, and names that fall through from an inner scope to an outer one. Each case is
// a rule whose threat is raised, or not, on the elements of one small model.
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::Analyzed;

namespace {

// user -> api (https, a secret), bank -> api (http), api -> db (sql, both data); lonely has no
// flow; a queue in a boundary is reached from api over tls.
const char* const kModel = R"moat(model "Quantifiers" { version = "1" }
attributes process { callers: list<process> = [], peers: list<process>? }
data card "Card" { classification = secret }
data menu "Menu" { classification = public }
data unused "Unused"
actor user "User"
external bank "Bank"
process api "API" { callers = [lonely] }
process lonely "Lonely" { authn = jwt }
store db "DB"
boundary zone "Zone" { trust = restricted
  store queue "Queue"
}
flow user -> api "Login" { protocol = https, carries = [card] }
flow bank -> api "Callback" { protocol = http }
flow api -> db { protocol = sql, carries = [card, menu] }
flow api -> queue { protocol = tls }
)moat";

/// The elements `when` raises a threat on, for a rule applying to `kinds`.
std::vector<std::string> fires(const std::string& kinds, const std::string& when) {
  const Analyzed m(moat::compile_text(
      "q.moat", std::string(kModel) + "rule q \"Q\" { applies = [" + kinds +
                    "], category = tampering, severity = low, when = " + when + " }\n"));
  std::vector<std::string> out;
  for (const Threat& t : m.analysis.threats) out.push_back(m.graph().elements[t.element].id);
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("any: some item satisfies the condition; never for an empty list") {
  CHECK(fires("process, store", "any(inbound, not encrypted)") == Ids{"api", "db"});
  CHECK(fires("process, store", "any(outbound, encrypted)") == Ids{"api"});
  CHECK(fires("process", "any(inbound, true)") == Ids{"api"});  // lonely: no inbound flow
}

TEST_CASE("all: every item satisfies the condition; always for an empty list") {
  CHECK(fires("process, store", "all(inbound, encrypted)") == Ids{"lonely", "queue"});
  CHECK(fires("process, store", "all(outbound, encrypted)") == Ids{"lonely", "db", "queue"});
  CHECK(fires("process", "all(inbound, false)") == Ids{"lonely"});
}

TEST_CASE("count: the length of a list, or how many items satisfy the condition") {
  CHECK(fires("process, store", "count(inbound) == 2") == Ids{"api"});
  CHECK(fires("process, store", "count(inbound) == 0") == Ids{"lonely"});
  CHECK(fires("process, store", "count(outbound) >= 1 and count(inbound) == 0").empty());
  CHECK(fires("process", "count(inbound, source.type == actor) == 1") == Ids{"api"});
  CHECK(fires("process", "count(inbound, source.type == process) == 0") == Ids{"api", "lonely"});
  CHECK(fires("flow", "count(carries) == 2") == Ids{"api_to_db"});
  CHECK(fires("flow", "count(carries, classification == secret) == 1") ==
        Ids{"user_to_api__login", "api_to_db"});
}

TEST_CASE("quantifiers over data, crossings and list attributes; an absent list is empty") {
  CHECK(fires("data", "any(carried_by, not encrypted)") == Ids{"card", "menu"});
  CHECK(fires("data", "all(carried_by, encrypted)") == Ids{"unused"});
  CHECK(fires("data", "count(carried_by) == 0") == Ids{"unused"});
  CHECK(fires("flow", "any(enters, trust == restricted)") == Ids{"api_to_queue"});
  CHECK(fires("flow", "count(exits) == 0 and count(enters) == 0") ==
        Ids{"user_to_api__login", "bank_to_api__callback", "api_to_db"});
  CHECK(fires("process", "any(callers, authn == jwt)") == Ids{"api"});
  // called_by: the distinct sources of the inbound flows (a user and a bank call the API)
  CHECK(fires("process, store", "count(called_by) == 2") == Ids{"api"});
  CHECK(fires("process, store", "any(called_by, type == external)") == Ids{"api"});
  CHECK(fires("store", "all(called_by, type == process) and count(called_by) == 1") ==
        Ids{"db", "queue"});
  CHECK(fires("process", "all(peers, false)") == Ids{"api", "lonely"});
  CHECK(fires("process", "count(peers) == 0") == Ids{"api", "lonely"});
}

TEST_CASE("nested quantifiers: the inner item's names win, others fall through outwards") {
  // `classification` is the data's; `source` is not a data property: it is the flow's.
  CHECK(fires("process, store",
              "any(inbound, any(carries, classification == secret and source.type == actor))") ==
        Ids{"api"});
  CHECK(fires("process, store", "any(outbound, any(carries, classification == secret))") ==
        Ids{"api"});
  CHECK(fires("process, store", "all(inbound, all(carries, classification == public))") ==
        Ids{"lonely", "queue"});
  CHECK(fires("process", "count(inbound, count(carries) > 0) == 1") == Ids{"api"});
  // After an inner quantifier, the outer item is still the one being tested.
  CHECK(fires("process",
              "any(inbound, count(carries, classification == secret) == 1 and "
              "source.type == actor)") == Ids{"api"});
  CHECK(fires("process", "any(inbound, count(carries) == 0 and source.type == actor)").empty());
  // Sibling quantifiers at the same depth each see their own items.
  CHECK(fires("process", "any(inbound, encrypted) and any(outbound, not encrypted)") == Ids{"api"});
}

TEST_CASE("inside a quantifier, `self` is still the rule's element") {
  // Everything but the queue is in the untrusted outside world.
  CHECK(fires("process, store", "any(inbound, source.trust < self.trust)") == Ids{"queue"});
  CHECK(fires("store", "any(inbound, target == self)") == Ids{"db", "queue"});
  CHECK(fires("process", "any(outbound, source == self and target.trust == restricted)") ==
        Ids{"api"});
}
