#pragma once
// The SARIF 2.1.0 log of an analyzed model, shaped for GitHub code scanning: one run, one
// reportingDescriptor per loaded rule, one result per open threat. The mapping is documented in
// docs/sarif.md.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "backends/json_writer.hpp"
#include "backends/render_context.hpp"

namespace moat {

inline constexpr const char* kSarifSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
inline constexpr const char* kMoatInformationUri = "https://example.invalid/moat";
inline constexpr const char* kMoatSemanticVersion = "0.1.0";

/// `error`, `warning` or `note` for a moat severity name (critical ... info).
const char* sarif_level(std::string_view severity);
/// GitHub's `security-severity` score for a moat severity name: "9.5" for critical ... "0.5".
const char* sarif_security_severity(std::string_view severity);
/// A rule id as a CamelCase name: "unencrypted_crossing" -> "UnencryptedCrossing".
std::string sarif_rule_name(std::string_view id);
/// User text for a SARIF plain-text message: control characters become spaces, and '\', '['
/// and ']' are escaped so the text can never form an embedded link.
std::string sarif_message_text(std::string_view text);

/// `tool.driver.rules`: one reportingDescriptor per rule of the graph, in rule order (the
/// index of a rule in ModelGraph::rules is its ruleIndex).
nlohmann::ordered_json sarif_rules(const ModelGraph& g);

/// `results`: one per open threat, in analysis order, each written as soon as it is built.
void write_sarif_results(JsonWriter& w, const RenderContext& ctx);

/// The whole log, written as the results are built (no tree of the whole log).
void write_sarif_log(JsonWriter& w, const RenderContext& ctx);
/// The whole log as a tree (what write_sarif_log writes, read back), for tests.
nlohmann::ordered_json sarif_log(const RenderContext& ctx);

}  // namespace moat
