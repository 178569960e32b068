#pragma once
// "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough.
#include <string>
#include <string_view>
#include <vector>

namespace moat {

/// Levenshtein distance with adjacent transpositions counted as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `name` within a distance that scales with the name's length
/// (a third of it, at least 1, at most 3), or an empty string. Ties go to the first candidate.
std::string closest_match(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace moat
