#pragma once
// The output formats `moat build` can write. Each backend file registers itself with a
// static BackendRegistration, so adding a format touches no shared list. (moat_backends is an
// OBJECT library, so every registration is linked in.)
#include <string>
#include <vector>

#include "backends/render_context.hpp"

namespace moat {

/// A further file of a format that writes several (the sheets): written as STEM.`name`.
struct RenderPart {
  std::string name;
  std::string bytes;
};

struct RenderResult {
  std::string bytes;
  std::string error;                   ///< non-empty: the format could not be rendered (and why)
  std::vector<RenderPart> parts = {};  ///< more files, written beside the format's own
};

using RenderFn = RenderResult (*)(const RenderContext&);

struct Backend {
  std::string format;     ///< the name `--formats` takes: "svg", "html", ...
  std::string extension;  ///< of the written file: "svg", "report.html", ...
  std::string title;      ///< one line for `moat build --help` and the docs
  RenderFn render = nullptr;
  int order = 0;          ///< position in the default list (and the progress lines)
  bool graphviz = false;  ///< uses Graphviz, which runs one caller at a time
  bool laid_out = false;  ///< draws the laid-out diagram (the build shares one layout among these)
  bool printed = false;   ///< the bytes are print-ready HTML that `moat build` prints to PDF
};

/// Every registered backend, by `order` then name.
std::vector<Backend> backends();

struct BackendRegistration {
  explicit BackendRegistration(Backend backend);
};

}  // namespace moat
