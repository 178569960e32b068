#pragma once
// What `moat init` writes: a commented starter model and a GitHub Actions workflow. The
// workflow is the one docs/ci.md shows; tests/cli/test_ci_recipes.py runs its commands.
namespace moat::cli {

inline constexpr const char* kStarterModel =
    R"moat(// A starter threat model, written by `moat init`. Edit it to describe your system, then run
//   moat check threatmodel.moat          (diagnostics, threats, SOC 2 readiness)
//   moat build threatmodel.moat -o out   (diagram, report, SARIF, JSON, CSV)
// The language is documented in moat's docs/language.md.

model "My service" {
  version    = "0.1.0"
  owner      = "security@example.com"
  scope      = "What this model covers"
  soc2_scope = [security, availability, confidentiality]
}

use stride  // the STRIDE rules
use soc2    // the SOC 2 criteria

// What the system holds.
data credentials "User credentials" { classification = secret, pii = true, retention = 365d }
data records "Customer records" { classification = confidential, pii = true, retention = 730d }

// Who and what touches it. An element outside every boundary is in the untrusted outside world.
actor user "Customer"

boundary cloud "Production" {
  trust = internal
  process api "API" {
    authn = oidc, authz = rbac, validates_input = true, logs_access = true, rate_limited = true
    code = ["threatmodel.moat"]  // point this at the code that implements the element
  }
  store db "Database" { kind = database, holds = [records, credentials], encrypted_at_rest = true, backed_up = true }
}

// How data moves.
flow login: user -> api "Sign in and use the API" { carries = [credentials, records], protocol = https, authn = oidc }
flow api <-> db "Queries" { carries = [records, credentials], protocol = tls }

// What you do about the threats moat finds: `mitigation`, `accept` and `assumption`.
mitigation monitoring "Health checks, metrics and alerting on the API" {
  mitigates = [api.denial_of_service]  // an element and a STRIDE category
  controls  = [CC7.2, A1.1]
  status    = planned                  // planned work does not close a threat yet
  owner     = "platform"
}
)moat";

inline constexpr const char* kWorkflow =
    R"yaml(# Threat model checks, written by `moat init` (see moat's docs/ci.md).
# Needs the moat binary on PATH: the "Install moat" step builds it from your copy of the
# moat repository, named by the repository variable MOAT_REPO.
name: threat model
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write
  pull-requests: write
jobs:
  moat:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - name: Install moat
        env:
          MOAT_REPO: ${{ vars.MOAT_REPO }}
        run: |
          git clone --depth 1 "$MOAT_REPO" "$RUNNER_TEMP/moat"
          make -C "$RUNNER_TEMP/moat" build
          echo "$RUNNER_TEMP/moat/build" >> "$GITHUB_PATH"
      - name: Comment the threat model change on the pull request
        if: github.event_name == 'pull_request'
        env:
          GH_TOKEN: ${{ github.token }}
        run: |
          moat diff "origin/${{ github.base_ref }}:threatmodel.moat" threatmodel.moat --format markdown > moat-diff.md
          gh pr comment ${{ github.event.pull_request.number }} --body-file moat-diff.md
      - name: Build the SARIF, report and diagram
        run: |
          moat build threatmodel.moat -o moat-out --formats sarif,html,markdown,svg
      - name: Upload the SARIF to code scanning
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: moat-out/threatmodel.sarif
          category: moat
      - name: Fail on an unformatted model file or open high-severity threats
        run: |
          moat fmt --check threatmodel.moat    # the model and every file it imports
          moat check --fail-on high threatmodel.moat
)yaml";

}  // namespace moat::cli
