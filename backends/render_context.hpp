#pragma once
// What every backend renders from: the sources, the model graph, the analysis and the options
// of the build. A backend is a pure function from a RenderContext to bytes: it writes no file
// and reads no clock, so the same model always renders to the same bytes.
#include <string>

#include "analyzer/analysis.hpp"
#include "analyzer/evidence_pack.hpp"

namespace moat {

class SharedWork;

/// Options of the data-flow diagram views (DOT, SVG, PNG, Mermaid).
struct DiagramOptions {
  std::string boundary;       ///< show only this boundary and what touches it; empty: everything
  bool threats = true;        ///< overlay open-threat counts and colours
  bool show_data = false;     ///< list the data each flow carries
  bool left_to_right = true;  ///< rankdir LR, else top-down
  int collapse_depth = 0;     ///< draw boundaries deeper than this as one box; 0: never
  bool legend = true;         ///< draw the (compact) legend
  bool overview = false;      ///< every top-level boundary as one box (the overview sheet)
  bool sheet = false;         ///< wall sizes: text and page for an A3 sheet (diagram_sheets.hpp)
  std::string note = {};      ///< one more line for the heading; empty: none
  bool group_neighbours = false;  ///< a boundary view draws its neighbours by their zone
  /// A boundary's sheet split in `parts` (diagram_sheets.cpp): this sheet draws part `part`
  /// (from 0) of the boundary's nodes, the other parts' neighbours faded; 1: not split.
  std::size_t part = 0;
  std::size_t parts = 1;
};

/// The model a report compares itself with (`moat build --baseline`): analyzed like the model.
struct BaselineModel {
  std::string label;  ///< as the user named it: a revision or a file
  const ModelGraph& graph;
  const Analysis& analysis;
};

struct RenderContext {
  const SourceManager& sources;
  const ModelGraph& graph;
  const Analysis& analysis;
  std::string model_path;  ///< the root model file, as given on the command line
  std::string repo_root;   ///< code and evidence locations are relative to this
  DiagramOptions diagram;
  SharedWork* shared = nullptr;  ///< work shared among the formats of one build; null: none
  std::string paper = "a4";      ///< the printed report's paper: "a4" or "letter"
  const BaselineModel* baseline = nullptr;  ///< adds "Readiness since the baseline"; null: none
  /// The evidence behind the criteria (hashes, revisions, excerpts): adds the evidence appendix
  /// and `evidence.json`; null or not collected: the criteria list their evidence as written.
  const EvidencePack* evidence = nullptr;
};

}  // namespace moat
