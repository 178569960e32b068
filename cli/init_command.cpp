// `moat init [DIR]`: write a commented starter model and a CI workflow; never overwrite.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/atomic_write.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/init_templates.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_init_options(CLI::App* init, InitOptions& options) {
  init->add_option("dir", options.dir, "The folder (default: the current one)");
}

int run_init(const InitOptions& options) {
  const fs::path dir = options.dir.empty() ? fs::path(".") : fs::path(options.dir);
  const fs::path model = dir / "threatmodel.moat";
  const fs::path workflow = dir / ".github" / "workflows" / "threat-model.yml";
  std::error_code ec;
  for (const fs::path& p : {model, workflow}) {
    if (fs::exists(p, ec)) {
      print_error("'{}' exists; moat init does not overwrite files", p.string());
      return kUsage;
    }
  }
  fs::create_directories(workflow.parent_path(), ec);
  std::string error;
  if (ec || !write_file_atomically(model.string(), kStarterModel, error) ||
      !write_file_atomically(workflow.string(), kWorkflow, error)) {
    print_error("cannot write into '{}': {}", dir.string(), ec ? ec.message() : error);
    return kUsage;
  }
  std::cout << fmt::format("wrote {}\nwrote {}\nnext: moat check {}\n", model.string(),
                           workflow.string(), model.string());
  return kOk;
}

}  // namespace moat::cli
