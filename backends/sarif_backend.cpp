// The SARIF backend: open threats as a SARIF 2.1.0 log for GitHub code scanning (docs/sarif.md).
#include <filesystem>

#include "backends/registry.hpp"
#include "backends/sarif_log.hpp"
#include "backends/sarif_paths.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

/// A category per model file, so the logs of several models of one commit do not replace
/// each other on GitHub.
std::string automation_id(const RenderContext& ctx) {
  const std::optional<std::string> rel = source_path_in_repo(ctx.model_path, ctx.repo_root);
  return "moat/" +
         (rel ? *rel : std::filesystem::path(ctx.model_path).filename().generic_string()) + "/";
}

RenderResult render_sarif(const RenderContext& ctx) {
  return {sarif_log(ctx).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", {}};
}

const BackendRegistration registration(
    {"sarif", "sarif", "open threats as SARIF 2.1.0 for code scanning (docs/sarif.md)",
     &render_sarif, 75});

}  // namespace

json sarif_log(const RenderContext& ctx) {
  json driver;
  driver["name"] = "moat";
  driver["semanticVersion"] = kMoatSemanticVersion;
  driver["informationUri"] = kMoatInformationUri;
  driver["rules"] = sarif_rules(ctx.graph);
  json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["automationDetails"] = {{"id", automation_id(ctx)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = sarif_results(ctx);
  json log;
  log["$schema"] = kSarifSchemaUri;
  log["version"] = "2.1.0";
  log["runs"] = json::array({std::move(run)});
  return log;
}

}  // namespace moat
