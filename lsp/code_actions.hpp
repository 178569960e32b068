#pragma once
// textDocument/codeAction: quick fixes for every "did you mean" note, templates that accept or
// mitigate an open threat of the element at the cursor, and keeping an element's old id in
// `was = [...]` after a rename.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace moat::lsp {

/// Where a code action applies: file `file` of `model`, bytes [begin, end].
struct ActionScope {
  const Model* model = nullptr;
  FileId file = kNoFile;
  std::uint32_t begin = 0, end = 0;
};

/// The quick fixes of the diagnostics of the file that overlap the scope: each replaces the
/// unknown name with the suggested one.
void add_suggestion_fixes(const ActionScope& scope, nlohmann::json& actions);

/// For the element named at the scope's start: per open threat, "Accept threat X…" and "Add a
/// mitigation for threat X…", each appending a template block to the file.
void add_threat_templates(const ActionScope& scope, nlohmann::json& actions);

/// For the element named at the scope's start whose id a rename gave it (`renamed`: new id ->
/// old id): "Keep the old id 'x' in was = [...]".
void add_keep_old_id(const ActionScope& scope, const std::map<std::string, std::string>& renamed,
                     nlohmann::json& actions);

}  // namespace moat::lsp
