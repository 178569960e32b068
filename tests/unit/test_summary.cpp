// The shared tables and tallies of analysis results (analyzer/summary.hpp): the severity names
// and SOC 2 category titles agree with the prelude's enums, and threats are counted by status
// and by the severity of the open ones.
#include <doctest/doctest.h>

#include "analyzer/summary.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

/// A model with nothing but the prelude, compiled once.
const ModelGraph& prelude() {
  static const std::unique_ptr<Compilation> c = moat_test::compile_ok("m.moat", "model \"M\" {}\n");
  return c->graph;
}

const EnumDef& prelude_enum(const char* name) {
  return prelude().schema.enums[prelude().schema.enum_id(name)];
}

/// A graph with one rule per severity (rule i has severity i) and nothing else.
ModelGraph rules_by_severity() {
  ModelGraph g;
  g.rules.resize(kSeverityCount);
  for (std::size_t s = 0; s < kSeverityCount; ++s)
    g.rules[RuleId::at(s)].severity = static_cast<std::uint8_t>(s);
  return g;
}

Threat threat(std::uint32_t rule, ThreatStatus status) {
  Threat t;
  t.rule = RuleId(rule);
  t.element = ElementId(1);
  t.status = status;
  t.severity = static_cast<std::uint8_t>(rule);  // as analyze() would with fixed severities
  return t;
}

}  // namespace

TEST_CASE("the severity names are the members of the prelude's enum severity, in order") {
  const EnumDef& severity = prelude_enum("severity");
  REQUIRE(severity.members.size() == kSeverityCount);
  for (std::size_t i = 0; i < kSeverityCount; ++i) {
    CHECK(severity.members[i] == kSeverityNames[i]);
    CHECK(severity_rank(kSeverityNames[i]) == std::optional<std::uint8_t>(i));
    CHECK(severity_name(prelude(), static_cast<std::uint8_t>(i)) == kSeverityNames[i]);
  }
  CHECK_FALSE(severity_rank("severe").has_value());
  CHECK_FALSE(severity_rank("").has_value());
  CHECK_FALSE(severity_rank("High").has_value());
}

TEST_CASE("the SOC 2 category titles name the members of the prelude's enum soc2_category") {
  const EnumDef& categories = prelude_enum("soc2_category");
  REQUIRE(categories.members.size() == kSoc2CategoryCount);
  for (std::size_t i = 0; i < kSoc2CategoryCount; ++i) {
    // "Processing integrity" titles processing_integrity: lower case, '_' for ' '.
    std::string member = soc2_category_title(static_cast<std::uint8_t>(i));
    for (char& ch : member) ch = ch == ' ' ? '_' : static_cast<char>(std::tolower(ch));
    CHECK(member == categories.members[i]);
  }
  CHECK(std::string(soc2_category_title(0)) == "Security");
  CHECK(std::string(soc2_category_title(3)) == "Processing integrity");
  CHECK(std::string(soc2_category_title(kSoc2CategoryCount)) == "Other");
}

TEST_CASE("readiness_text counts met criteria of those assessed") {
  CategorySummary s;
  s.met = 7;
  s.partially_met = 1;
  s.not_met = 0;
  s.not_assessed = 25;
  CHECK(readiness_text(s) == "7/8 met");
  // Nothing assessed is not a failure: "0/0 met" reads as one.
  CHECK(readiness_text(CategorySummary{0, 0, 0, 0, 2}) == "not assessed (2 criteria)");
  CHECK(readiness_text(CategorySummary{0, 0, 0, 0, 1}) == "not assessed (1 criterion)");
}

TEST_CASE("count_threats counts every threat by status and the open ones by severity") {
  const ModelGraph g = rules_by_severity();
  Analysis a;
  a.threats = {threat(4, ThreatStatus::Open),      threat(4, ThreatStatus::Open),
               threat(3, ThreatStatus::Mitigated), threat(2, ThreatStatus::Open),
               threat(1, ThreatStatus::Accepted),  threat(0, ThreatStatus::Open),
               threat(0, ThreatStatus::Mitigated)};
  const ThreatCounts c = count_threats(g, a);
  CHECK(c.total == 7);
  CHECK(c.of(ThreatStatus::Open) == 4);
  CHECK(c.of(ThreatStatus::Mitigated) == 2);
  CHECK(c.of(ThreatStatus::Accepted) == 1);
  // Mitigated and accepted threats do not count by severity.
  CHECK(c.open_by_severity == std::array<std::size_t, kSeverityCount>{1, 0, 1, 0, 2});
  CHECK(c.open_at_or_above(*severity_rank("critical")) == 2);
  CHECK(c.open_at_or_above(*severity_rank("high")) == 2);
  CHECK(c.open_at_or_above(*severity_rank("medium")) == 3);
  CHECK(c.open_at_or_above(*severity_rank("info")) == 4);
}

TEST_CASE("count_threats of no threats is all zero") {
  const ThreatCounts c = count_threats(rules_by_severity(), Analysis{});
  CHECK(c.total == 0);
  CHECK(c.by_status == std::array<std::size_t, 4>{0, 0, 0, 0});
  CHECK(c.open_at_or_above(0) == 0);
}

TEST_CASE("control_label says what a met criterion rests on") {
  CHECK(control_label(ControlStatus::Met, ControlBasis::Evidenced) == "met (evidenced)");
  CHECK(control_label(ControlStatus::Met, ControlBasis::Claimed) == "met (claimed)");
  CHECK(control_label(ControlStatus::Met, ControlBasis::Attested) == "met (attested)");
  CHECK(control_label(ControlStatus::PartiallyMet) == "partially met");
  CHECK(control_label(ControlStatus::NotMet) == "not met");
  CHECK(control_label(ControlStatus::NotAssessed) == "not assessed");
  // JSON `status` keeps the former names, one to one.
  CHECK(std::string(legacy_control_status_name(ControlStatus::Met)) == "passing");
  CHECK(std::string(legacy_control_status_name(ControlStatus::PartiallyMet)) == "warning");
  CHECK(std::string(legacy_control_status_name(ControlStatus::NotMet)) == "failing");
  CHECK(std::string(legacy_control_status_name(ControlStatus::NotAssessed)) == "not_assessed");
}
