#include "compiler/ast.hpp"

namespace moat::ast {

const char* element_kind_name(ElementKind kind) {
  switch (kind) {
    case ElementKind::Actor: return "actor";
    case ElementKind::External: return "external";
    case ElementKind::Process: return "process";
    case ElementKind::Store: return "store";
    case ElementKind::Data: return "data";
    case ElementKind::Boundary: return "boundary";
    case ElementKind::Flow: return "flow";
  }
  return "element";
}

}  // namespace moat::ast
