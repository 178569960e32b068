#include "compiler/graph.hpp"

namespace moat {

std::size_t ModelGraph::count(Kind k) const {
  std::size_t n = 0;
  for (const ElementId e : elements.ids_from(1)) n += elements[e].kind == k;
  return n;
}

}  // namespace moat
