// The precision of the standard rules (docs/analysis-quality.md, "Where the noise and duplicates
// come from"): each case shows on a small model that the noise is gone and the real case still
// fires.
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::analyze_text;

namespace {

moat_test::Analyzed std_model(const std::string& body) {
  return analyze_text("model \"P\" { version = \"1\" }\nuse stride\n" + body);
}

/// "open", "mitigated", "accepted", or "none" when the rules did not raise it.
std::string state(const moat_test::Analyzed& m, std::string_view id) {
  return m.find_threat(id) ? m.status(id) : "none";
}

}  // namespace

TEST_CASE("a less trusted source must be a party that can be hostile") {
  const auto m = std_model(R"moat(
data ev "Events" { classification = confidential }
boundary prod "Prod" { trust = internal
  process app "App" { logs_access = true }
}
boundary ops "Ops" { trust = restricted
  store logs "Audit log" { kind = log, holds = [ev], append_only = true, backed_up = true }
  process intake "Intake"
}
external vendor "Vendor" { trust = partner }
flow ship: app -> logs "Ship" { carries = [ev], protocol = https, authn = hmac }
flow hook: vendor -> intake "Webhook" { carries = [ev], protocol = https, authn = hmac }
)moat");
  // Our own log shipping into a more trusted account is not an attack...
  CHECK(state(m, "ship.replayable_machine_messages") == "none");
  CHECK(state(m, "logs.log_written_by_less_trusted") == "none");
  CHECK(state(m, "logs.unbounded_store_ingest") == "none");
  // ...a partner's signed webhook is.
  CHECK(state(m, "hook.replayable_machine_messages") == "open");
}

TEST_CASE("a store filled by hostile writers is raised once, on the store") {
  const auto m = std_model(R"moat(
boundary prod "Prod" { trust = internal
  store inbox "Inbox" { kind = object_storage }
  store quota "Quota'd" { kind = object_storage, capacity_monitored = true }
}
actor a "A"
actor b "B"
flow a -> inbox { protocol = https }
flow b -> inbox { protocol = https }
flow a -> quota { protocol = https }
)moat");
  CHECK(state(m, "inbox.unbounded_store_ingest") == "open");
  CHECK(state(m, "a_to_inbox.unbounded_store_ingest") == "none");
  CHECK(state(m, "quota.unbounded_store_ingest") == "mitigated");
}

TEST_CASE("a forwarding hop does not collect endpoint rules; the endpoint behind it does") {
  const auto m = std_model(R"moat(
actor user "User" { trust = untrusted }
boundary edge "Edge" { trust = partner
  process cdn "CDN" { forwards = true }
}
boundary prod "Prod" { trust = internal
  process app "App" { authn = password }
}
data d "D" { classification = confidential }
flow user -> cdn { protocol = https, carries = [d] }
flow cdn -> app { protocol = https, carries = [d] }
)moat");
  for (const char* rule : {"unvalidated_input", "missing_authorization",
                           "unlogged_sensitive_processing", "unscanned_dependencies"}) {
    INFO(rule);
    CHECK(state(m, std::string("cdn.") + rule) == "none");
    CHECK(state(m, std::string("app.") + rule) == "open");
  }
  // Reached from the internet and by people only through the hop.
  CHECK(state(m, "app.unhardened_internet_service") == "open");
  CHECK(state(m, "app.password_only_sign_in") == "open");
}

TEST_CASE("attribution needs a caller; the audit trail is the store declared or fed as one") {
  const auto m = std_model(R"moat(
data card "Card" { classification = secret }
data person "Person" { classification = confidential, pii = true, retention = 30d }
actor user "User"
process api "API"
process worker "Worker"
store queue "Queue" { kind = queue, holds = [card] }
store debug "Debug log" { kind = log, holds = [person] }
store trail "Audit trail" { kind = log, holds = [person], audit_trail = true }
flow user -> api { protocol = https, carries = [card] }
flow queue -> worker { protocol = tls, carries = [card] }
flow worker -> debug { protocol = tls, carries = [person] }
)moat");
  CHECK(state(m, "worker.unlogged_sensitive_processing") == "none");
  CHECK(state(m, "api.unlogged_sensitive_processing") == "open");
  CHECK(state(m, "debug.mutable_audit_log") == "none");
  CHECK(state(m, "debug.log_not_preserved") == "none");
  CHECK(state(m, "debug.sensitive_data_in_logs") == "open");
  CHECK(state(m, "trail.mutable_audit_log") == "open");
  CHECK(state(m, "trail.log_not_preserved") == "open");
  // An audit trail names people by purpose.
  CHECK(state(m, "trail.sensitive_data_in_logs") == "none");
}

TEST_CASE("egress rules read the receiver: assessed vendor, customer, mTLS, anonymous users") {
  const auto m = std_model(R"moat(
data pan "PAN" { classification = secret }
boundary cde "CDE" { trust = restricted
  process router "Router" { authn = mtls }
}
external acquirer "Acquirer" { trust = partner, vendor_assessed = true }
external broker "Broker" { trust = partner }
external merchant "Merchant server" { trust = partner, customer = true }
external bank "Bank" { trust = partner }
actor shopper "Shopper" { trust = untrusted, anonymous = true }
actor visitor "Visitor" { trust = untrusted }
boundary web "Web" { trust = internal
  process site "Site"
}
flow auth: router -> acquirer { carries = [pan], protocol = https }
flow leak: router -> broker { carries = [pan], protocol = https }
flow hook: router -> merchant { carries = [pan], protocol = https }
flow files: bank -> router { carries = [pan], protocol = https, authn = mtls }
flow shop: shopper -> site { protocol = https }
flow browse: visitor -> site { protocol = https }
)moat");
  CHECK(state(m, "auth.secret_data_to_less_trusted_zone") == "mitigated");
  CHECK(state(m, "leak.secret_data_to_less_trusted_zone") == "open");
  CHECK(state(m, "hook.sensitive_data_to_unassessed_vendor") == "none");
  CHECK(state(m, "leak.sensitive_data_to_unassessed_vendor") == "open");
  CHECK(state(m, "bank.unsigned_external_submissions") == "none");
  CHECK(state(m, "shop.unauthenticated_inbound") == "none");
  CHECK(state(m, "shopper.unattributable_caller") == "none");
  CHECK(state(m, "browse.unauthenticated_inbound") == "open");
  CHECK(state(m, "visitor.unattributable_caller") == "open");
}

TEST_CASE("backup, retention and SSRF rules read the attributes that answer them") {
  const auto m = std_model(R"moat(
data session "Session" { classification = confidential, retention = 1d }
data order "Order" { classification = confidential, retention = 365d }
actor user "User" { trust = untrusted }
external psp "PSP" { trust = partner, vendor_assessed = true }
external anywhere "Any URL" { trust = untrusted }
store cache "Cache" { kind = cache, holds = [session] }
store db "DB" { holds = [order] }
store vault "Vault" { kind = object_storage, holds = [order], versioned = true }
boundary prod "Prod" { trust = internal
  process pay "Pay"
  process fetch "Fetch"
}
flow user -> pay { protocol = https }
flow pay -> psp { protocol = https }
flow user -> fetch { protocol = https }
flow fetch -> anywhere { protocol = https }
)moat");
  CHECK(state(m, "db.store_not_backed_up") == "open");
  CHECK(state(m, "vault.store_not_backed_up") == "mitigated");
  CHECK(state(m, "session.retention_not_enforced") == "none");
  CHECK(state(m, "order.retention_not_enforced") == "open");
  CHECK(state(m, "pay.server_side_request_forgery") == "none");
  CHECK(state(m, "fetch.server_side_request_forgery") == "open");
}

TEST_CASE("through a forwarding hop, rules judge the party that sent the request") {
  const auto m = std_model(R"moat(
actor shopper "Shopper" { anonymous = true }
actor merchant "Merchant user"
data card "Card" { classification = secret }
data acct "Account" { classification = confidential }
boundary edge "Edge" { trust = partner
  process cdn "CDN" { forwards = true }
}
boundary cde "CDE" { trust = restricted
  process vault "Tokenizer" { authn = api_key, validates_input = true, logs_access = true }
}
boundary prod "Prod" { trust = internal
  process portal "Portal" { authn = password, validates_input = true, logs_access = true }
}
flow shopper -> cdn { carries = [card], protocol = https }
flow cdn -> vault { carries = [card], protocol = https, authn = api_key }
flow merchant -> cdn { carries = [acct], protocol = https, authn = password }
flow cdn -> portal { carries = [acct], protocol = https, authn = password }
)moat");
  // Anonymous shoppers have no roles to separate and nothing to replay that they could not
  // send afresh: the tokenizer they reach through the CDN raises neither.
  CHECK(state(m, "vault.missing_authorization") == "none");
  CHECK(state(m, "cdn_to_vault.replayable_machine_messages") == "none");
  // Signed-in merchants reaching the portal through the same CDN do have roles.
  CHECK(state(m, "portal.missing_authorization") == "open");
  // The password is checked by the portal, so the portal's rule raises it, once.
  CHECK(state(m, "portal.password_only_sign_in") == "open");
  CHECK(state(m, "merchant.password_only_from_outside") == "none");
}

TEST_CASE("relayed_from names the flows a hop passes on: same data, into its source") {
  const auto m = std_model(R"moat(
data a "A" { classification = internal }
data b "B" { classification = internal }
actor u "U"
process hop "Hop" { forwards = true }
process app "App"
flow one: u -> hop { carries = [a, b] }
flow two: u -> hop { carries = [a] }
flow out: hop -> app { carries = [b, a] }
flow bare: hop -> app
rule relays_one "Relays one" {
  applies = flow, category = tampering, severity = low
  when = count(relayed_from) == 1 and all(relayed_from, source.type == actor)
}
)moat");
  CHECK(state(m, "out.relays_one") == "open");   // `one` carries the same set, in any order
  CHECK(state(m, "one.relays_one") == "none");   // nothing flows into an actor
  CHECK(state(m, "bare.relays_one") == "none");  // a flow with no data relays nothing
}

TEST_CASE(
    "attribution: services that change records or serve people log access; machine-fed ones need "
    "not") {
  const auto m = std_model(R"moat(
data pay "Payment" { classification = confidential }
actor user "User"
boundary prod "Prod" { trust = internal
  process api "API"
  process scoring "Scoring"
  process ledger "Ledger"
  process portal "Portal"
  store db "DB" { kind = database, holds = [pay] }
  store cache "Cache" { kind = cache, holds = [pay] }
  store book "Books" { kind = database, holds = [pay], logs_access = true, append_only = true }
}
flow api <-> db { carries = [pay], protocol = sql, encrypted = true }
flow api -> scoring { carries = [pay], protocol = grpc, encrypted = true }
flow scoring <-> cache { carries = [pay], protocol = tcp }
flow db -> ledger { carries = [pay], protocol = sql, encrypted = true }
flow ledger -> book { carries = [pay], protocol = sql, encrypted = true }
flow user -> portal { carries = [pay], protocol = https }
)moat");
  CHECK(state(m, "api.unlogged_sensitive_processing") == "open");      // changes payment records
  CHECK(state(m, "portal.unlogged_sensitive_processing") == "open");   // people act through it
  CHECK(state(m, "scoring.unlogged_sensitive_processing") == "none");  // a cache is no record
  CHECK(state(m, "ledger.unlogged_sensitive_processing") == "none");   // its store keeps the record
  // One missing audit-logging practice in one zone is one finding.
  const Finding* f = m.find_finding("prod.missing_access_log");
  REQUIRE(f != nullptr);
  CHECK(f->members.size() == 2);
}

TEST_CASE("input from a privileged operator is not validated against an attacker") {
  const auto m = std_model(R"moat(
boundary corp "Corp" { trust = partner
  actor sre "SRE" { privileged = true, mfa = true }
  actor clerk "Clerk"
}
boundary ops "Ops" { trust = restricted
  process deploy "Deploy" { authn = oidc, authz = rbac, mfa = true }
  process tool "Tool" { authn = oidc, authz = rbac, mfa = true }
}
flow sre -> deploy { protocol = https, authn = oidc }
flow clerk -> tool { protocol = https, authn = oidc }
)moat");
  CHECK(state(m, "deploy.unvalidated_input") == "none");
  CHECK(state(m, "tool.unvalidated_input") == "open");
}
