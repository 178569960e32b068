// "Readiness since the baseline" (`moat build --baseline REV|FILE`): the SOC 2 readiness per
// category before and after, the criteria that started or stopped passing and why, and the
// threats closed and opened since the baseline. Built from moat diff's comparison.
#include <algorithm>

#include "analyzer/diff.hpp"
#include "analyzer/summary.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"

namespace moat::report {

namespace {

std::string passing(std::uint32_t met, std::uint32_t assessed) {
  return std::to_string(met) + "/" + std::to_string(assessed);
}

Cell change_cell(long delta) {
  if (delta == 0) return cell(muted("no change"));
  return cell(badge((delta > 0 ? "+" : "") + std::to_string(delta) + " met",
                    delta > 0 ? Tone::Good : Tone::Bad));
}

Table readiness_table(const ModelDiff& d) {
  Table t;
  t.header = {"Category", "Before (met/assessed)", "After (met/assessed)", "Change"};
  t.empty_note = "Neither side has a SOC 2 category in scope.";
  std::uint32_t met[2] = {0, 0}, assessed[2] = {0, 0};
  for (const ReadinessChange& r : d.readiness) {
    met[0] += r.before.met, assessed[0] += r.before.assessed();
    met[1] += r.after.met, assessed[1] += r.after.assessed();
    t.rows.push_back({row_cells(cell(soc2_category_title(r.category)),
                                cell(passing(r.before.met, r.before.assessed())),
                                cell(passing(r.after.met, r.after.assessed())),
                                change_cell(long(r.after.met) - long(r.before.met))),
                      {},
                      Tone::None});
  }
  if (!t.rows.empty()) {
    t.rows.push_back({row_cells(cell(strong("Overall")), cell(strong(passing(met[0], assessed[0]))),
                                cell(strong(passing(met[1], assessed[1]))),
                                change_cell(long(met[1]) - long(met[0]))),
                      {},
                      Tone::None});
  }
  return t;
}

/// Each criterion's reason on one side, by criterion id.
const std::string* reason_of(const ModelGraph& g, const Analysis& a, const std::string& id) {
  for (const ControlResult& c : a.controls) {
    if (g.criteria[c.criterion].id == id) return &c.reason;
  }
  return nullptr;
}

/// The criteria whose status changed, in catalog order: those that started passing (`group`
/// 0), stopped passing (1), or changed otherwise (2).
Table criteria_table(const RenderContext& ctx, const ModelDiff& d, int group) {
  Table t;
  t.header = {"Criterion", "Before", "After", "Why"};
  for (const ControlChange& c : d.controls) {
    const bool was = c.before == ControlStatus::Met, is = c.after == ControlStatus::Met;
    if ((group == 0 && !(is && !was)) || (group == 1 && !(was && !is)) || (group == 2 && was != is))
      continue;
    Cell why;
    if (const std::string* now = reason_of(ctx.graph, ctx.analysis, c.id)) why.add(text(*now));
    const std::string* then = reason_of(ctx.baseline->graph, ctx.baseline->analysis, c.id);
    if (then && !then->empty()) why.add(br()).add(muted("before: " + *then));
    t.rows.push_back({row_cells(cell(code(c.id)).add(text(" " + c.title)),
                                cell(badge(control_status_label(c.before), control_tone(c.before))),
                                cell(badge(control_status_label(c.after), control_tone(c.after))),
                                std::move(why)),
                      {},
                      Tone::None});
  }
  return t;
}

/// The threats open on one side and not on the other: `opened` those open now, most severe
/// first, then by id; each with what it is on the other side.
Table threats_table(const ModelDiff& d, bool opened) {
  std::vector<std::pair<const ThreatChange*, std::string>> picked;
  auto is_open = [](ThreatStatus s) { return s == ThreatStatus::Open; };
  for (const ThreatChange& t : opened ? d.added : d.removed) {
    if (is_open(opened ? t.after : t.before))
      picked.emplace_back(&t, opened ? "not in the baseline" : "removed from the model");
  }
  for (const auto* list : {&d.changed, &d.renamed}) {
    for (const ThreatChange& t : *list) {
      if (opened ? is_open(t.after) && !is_open(t.before) : is_open(t.before) && !is_open(t.after))
        picked.emplace_back(&t, threat_status_name(opened ? t.before : t.after));
    }
  }
  std::sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) {
    return a.first->severity_rank != b.first->severity_rank
               ? a.first->severity_rank > b.first->severity_rank
               : a.first->id < b.first->id;
  });
  Table t;
  t.header = {"Threat", "Severity", "Element", opened ? "Was" : "Now"};
  for (const auto& [c, other] : picked) {
    t.rows.push_back({row_cells(cell(code(c->id)).add(br()).add(text(c->title)), cell(c->severity),
                                cell(code(c->element)), cell(muted(other))),
                      {},
                      Tone::None});
  }
  return t;
}

}  // namespace

Section baseline_section(const RenderContext& ctx) {
  const ModelDiff d =
      diff_models({ctx.baseline->graph, ctx.baseline->analysis}, {ctx.graph, ctx.analysis});
  Section s{"readiness-since-the-baseline", "Readiness since the baseline", {}, false};
  s.blocks.push_back(paragraph(
      cell("Compared with the baseline ")
          .add(code(ctx.baseline->label))
          .add(text(": the model as it was there, analyzed the same way as of the same date. A "
                    "criterion passes when it is met."))));
  s.blocks.push_back(table_block(readiness_table(d)));
  const char* titles[] = {"Criteria now passing", "Criteria no longer passing",
                          "Other changes of status"};
  const char* anchors[] = {"baseline-fixed", "baseline-regressed", "baseline-changed"};
  for (int group = 0; group < 3; ++group) {
    Table t = criteria_table(ctx, d, group);
    if (t.rows.empty() && group == 2) continue;
    t.empty_note = "None.";
    s.blocks.push_back(heading(anchors[group], cell(titles[group])));
    s.blocks.push_back(table_block(std::move(t)));
  }
  for (const bool opened : {false, true}) {
    Table t = threats_table(d, opened);
    t.empty_note = "None.";
    s.blocks.push_back(heading(opened ? "baseline-opened" : "baseline-closed",
                               cell(opened ? "Threats opened" : "Threats closed")));
    s.blocks.push_back(table_block(std::move(t)));
  }
  return s;
}

}  // namespace moat::report
