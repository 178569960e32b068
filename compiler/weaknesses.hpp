#pragma once
// The weaknesses rules detect: the second half of a finding id (`ANCHOR.WEAKNESS`). Indexed once
// after the rules are built, so a target can name a finding before any rule has run.
#include <cstdint>
#include <string_view>

#include "compiler/graph.hpp"

namespace moat {

/// Fills `g.weaknesses` and `g.rule_weakness`: a rule's `weakness` attribute, or its id when it
/// names none (an expert-written threat is its own weakness), in rule order, each name once.
/// `rule_count`: how many of `g.rules` are rules; the rest are expert-written threats (read by
/// position, since a threat whose `on` failed to resolve does not say it is one).
void index_weaknesses(ModelGraph& g, std::size_t rule_count);

/// Weakness `name` of `g.weaknesses`, or none.
WeaknessId find_weakness(const ModelGraph& g, std::string_view name);

/// True when rule `r` can raise a threat on element `e`: an expert-written threat on `e`, or a
/// rule that applies to `e`'s kind. A target `ELEMENT.NAME` naming such a rule is a threat target.
bool rule_can_raise_on(const ModelGraph& g, RuleId r, ElementId e);

}  // namespace moat
