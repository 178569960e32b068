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
