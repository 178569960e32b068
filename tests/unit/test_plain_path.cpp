// A plain relative path is exactly one that lexically_normal leaves as written: the evidence
// reader and the code index skip std::filesystem for it, so the two must agree.
#include <doctest/doctest.h>

#include <filesystem>

#include "compiler/plain_path.hpp"

namespace {

using moat::is_plain_relative;

TEST_CASE("plain_path: a plain relative path is its own normal form") {
  for (const char* p : {"a", "a/b.py", "src/app/main.py", "a.b/c..d/.e", "x y/%41"}) {
    CHECK(is_plain_relative(p));
    CHECK(std::filesystem::path(p).lexically_normal().generic_string() == p);
  }
  for (const char* p : {"", "/a", "./a", "a/./b", "a/../b", "..", "a//b", "a/", "a/."}) {
    CHECK_FALSE(is_plain_relative(p));
  }
}

TEST_CASE("plain_path: a folder's trailing slash is allowed only when asked") {
  CHECK(is_plain_relative("services/s1/", true));
  CHECK_FALSE(is_plain_relative("services/s1/"));
  CHECK_FALSE(is_plain_relative("services//", true));
  CHECK_FALSE(is_plain_relative("/", true));
}

}  // namespace
