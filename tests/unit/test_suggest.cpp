#include <doctest/doctest.h>

#include "compiler/suggest.hpp"

using namespace moat;

TEST_CASE("edit distance counts insertions, deletions, substitutions and transpositions") {
  CHECK(edit_distance("stripe", "stripe") == 0);
  CHECK(edit_distance("stirpe", "stripe") == 1);
  CHECK(edit_distance("encrypted", "encrypted_at_rest") == 8);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest match proposes near names only") {
  CHECK(closest_match("stirpe", {"api", "stripe", "web"}) == "stripe");
  CHECK(closest_match("encrypted_at_rst", {"encrypted_at_rest", "backed_up"}) ==
        "encrypted_at_rest");
  CHECK(closest_match("zzz", {"api", "web"}).empty());
  CHECK(closest_match("api", {"api"}).empty());  // an exact match is not a suggestion
}
