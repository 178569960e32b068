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
  std::string bytes;
  {
    JsonWriter w(bytes);
    write_sarif_log(w, ctx);
  }
  bytes += '\n';
  return {std::move(bytes), {}};
}

const BackendRegistration registration(
    {"sarif", "sarif", "open threats as SARIF 2.1.0 for code scanning (docs/sarif.md)",
     &render_sarif, 75});

}  // namespace

void write_sarif_log(JsonWriter& w, const RenderContext& ctx) {
  w.begin_object();
  w.member("$schema", kSarifSchemaUri);
  w.member("version", "2.1.0");
  w.key("runs");
  w.begin_array();
  w.begin_object();
  w.key("tool");
  w.begin_object();
  w.key("driver");
  w.begin_object();
  w.member("name", "moat");
  w.member("semanticVersion", kMoatSemanticVersion);
  w.member("informationUri", kMoatInformationUri);
  w.member("rules", sarif_rules(ctx.graph));
  w.end_object();
  w.end_object();
  w.key("automationDetails");
  w.begin_object();
  w.member("id", automation_id(ctx));
  w.end_object();
  w.member("columnKind", "unicodeCodePoints");
  w.key("results");
  write_sarif_results(w, ctx);
  w.end_object();
  w.end_array();
  w.end_object();
}

json sarif_log(const RenderContext& ctx) {
  return written_tree([&](JsonWriter& w) { write_sarif_log(w, ctx); });
}

}  // namespace moat
