#include "compiler/graph.hpp"

namespace moat {

std::size_t ModelGraph::count(Kind k) const {
  std::size_t n = 0;
  for (std::size_t i = 1; i < elements.size(); ++i) n += elements[i].kind == k;
  return n;
}

}  // namespace moat
