#include "compiler/types.hpp"

#include <bit>

#include "compiler/schema.hpp"

namespace moat {

const char* kind_name(Kind k) {
  return decl_kind_name(decl_kind(k));
}

std::string kind_with_article(Kind k) {
  switch (k) {
    case Kind::Actor:
      return "an actor";
    case Kind::External:
      return "an external";
    case Kind::Data:
      return "a data element";
    default:
      return std::string("a ") + kind_name(k);
  }
}

Val Val::number(double d) {
  if (d == 0) d = 0;  // -0.0 shares its bit pattern with kUnset
  return Val{std::bit_cast<std::int64_t>(d)};
}

double Val::as_number() const {
  return std::bit_cast<double>(bits);
}

int EnumDef::member_index(std::string_view m) const {
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i] == m) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace moat
