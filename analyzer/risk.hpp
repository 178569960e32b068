#pragma once
// Severity by risk: a threat's severity comes from the impact (the most sensitive data at stake
// on its element) and the likelihood (how exposed the element is to less trusted callers), read
// from a fixed matrix and kept within reach of the rule's own severity. docs/rules.md documents
// the levels, the matrix and the override.
#include <array>
#include <cstdint>
#include <string>

#include "compiler/graph.hpp"

namespace moat {

/// What a rule says about grouping and ranking its threats (its `weakness`, `root_cause_at`,
/// `hygiene` and `fixed_severity` attributes), read from the rule's attribute values.
struct RuleTraits {
  std::string weakness;            ///< the root cause it detects; its id when it names none
  std::uint8_t root_cause_at = 0;  ///< flow threats' anchor: 0 target, 1 source, 2 the flow
  bool hygiene = false;
  bool fixed_severity = false;
};
RuleTraits rule_traits(const ModelGraph& g, RuleId rule);

/// How much is at stake: the most sensitive data carried, held or reachable through an element.
enum class Impact : std::uint8_t { Low, Moderate, High, Severe };
/// How exposed the element is: the least trusted caller and whether it must authenticate.
enum class Likelihood : std::uint8_t { Unlikely, Possible, Likely, VeryLikely };

const char* impact_name(Impact i);
const char* likelihood_name(Likelihood l);

/// The severity ordinal (enum severity: info 0 ... critical 4) of each impact × likelihood cell.
inline constexpr std::array<std::array<std::uint8_t, 4>, 4> kRiskMatrix = {{
    {0, 1, 1, 2},  // low impact: info, low, low, medium
    {1, 1, 2, 3},  // moderate:   low, low, medium, high
    {1, 2, 3, 3},  // high:       low, medium, high, high
    {2, 3, 3, 4},  // severe:     medium, high, high, critical
}};

/// How a threat's severity was derived; `moat explain` prints it.
struct RiskAssessment {
  bool derived = false;  ///< false: the rule's severity as written (see `why_fixed`)
  std::string why_fixed;
  Impact impact = Impact::Low;
  ElementId impact_data = kNoElement;  ///< the data element that decided the impact, if any
  Likelihood likelihood = Likelihood::Unlikely;
  std::string exposure;       ///< why this likelihood, in words
  std::uint8_t cell = 0;      ///< the matrix severity
  std::uint8_t base = 0;      ///< the rule's severity
  std::uint8_t severity = 0;  ///< the result: the cell kept within [base - 2, base + 1]
};

/// The risk of rule `rule` holding on element `e`, with the reasons `moat explain` prints.
RiskAssessment assess_risk(const ModelGraph& g, RuleId rule, ElementId e);

/// The severities of many threats: the same as `assess_risk(...).severity`, but an element's
/// impact and likelihood (which do not depend on the rule) are weighed once per element, and
/// no reason is put into words. The analysis of a 1,000-element model raises about ten threats
/// per element: weighing each again was a tenth of an edit's time in `moat lsp`.
class RiskCache {
 public:
  explicit RiskCache(const ModelGraph& g);
  std::uint8_t severity(RuleId rule, ElementId e);

 private:
  const ModelGraph& g_;
  IdVector<ElementId, std::int8_t> cells_;  ///< per element: the matrix cell, -1 until weighed
};

/// `moat explain`'s account of the severity: impact, likelihood, matrix cell and the rule's
/// severity that bounds it, or why the rule's severity is used as written.
std::string explain_risk(const ModelGraph& g, RuleId rule, ElementId e);

}  // namespace moat
