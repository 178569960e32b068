#include "cli/model_side.hpp"

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/console.hpp"

namespace moat::cli {

int load_side(const ModelSource& source, const char* label, std::int64_t today, ModelSide& side) {
  CompileOptions options;
  options.reader = reader_for(source);
  side.compilation =
      compile_file(source.rev.empty() ? source.path : source.rev + ":" + source.path, options);
  Compilation& c = *side.compilation;
  if (c.load == LoadStatus::RootUnreadable) {
    std::cerr << label << error_line("cannot read '{}': {}", source.display, c.io_error);
    return kUsage;
  }
  if (c.ok()) side.analysis = analyze(c.graph, {today}, c.diags);
  return report_diagnostics(c, label);
}

ModelSource baseline_source(const std::string& arg, const std::string& model_path) {
  std::error_code ec;
  if (std::filesystem::exists(arg, ec) || arg.find(':') != std::string::npos)
    return parse_model_source(arg);
  // git reads `REV:./PATH` relative to the working folder: an absolute model path is made
  // relative to it first.
  std::string path = std::filesystem::proximate(model_path, ec).string();
  if (ec) path = model_path;
  return {arg, path, arg};
}

}  // namespace moat::cli
