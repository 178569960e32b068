// Open actions by owner: the mitigations not implemented yet and the threats still open,
// grouped under whoever has to act, with due dates and tickets. An open threat belongs to its
// element's owner, else to the model's owner.
#include <algorithm>
#include <map>

#include "analyzer/assurance.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

/// Owner key: unassigned work sorts after every named owner.
using OwnerKey = std::pair<bool, std::string>;

struct OwnerWork {
  std::vector<MitigationId> mitigations;
  std::vector<ThreatId> threats;
};

/// How many threats each mitigation covers, and how many of those are open.
struct Coverage {
  IdVector<MitigationId, std::size_t> covered, open;
  Coverage(const ModelGraph& g, const Analysis& a)
      : covered(g.mitigations.size()), open(g.mitigations.size()) {
    for (const Threat& t : a.threats) {
      for (MitigationId m : t.mitigations) {
        ++covered[m];
        open[m] += t.status == ThreatStatus::Open;
      }
    }
  }
};

Row mitigation_row(const ModelGraph& g, const Analysis& a, const Coverage& coverage,
                   MitigationId m) {
  const MitigationRec& rec = g.mitigations[m];
  const std::size_t covered = coverage.covered[m], open = coverage.open[m];
  Cell item = cell(code(rec.id));
  if (rec.title != rec.id) item.add(br()).add(text(rec.title));
  Cell due = rec.due ? cell(nowrap(format_date(*rec.due))) : cell(muted("no date"));
  if (rec.due && *rec.due < a.today) due.add(text(" ")).add(badge("overdue", Tone::Bad));
  return {row_cells(std::move(item),
                    cell(text("mitigation ")).add(mitigation_status_badge(g, rec.status)),
                    cell(std::to_string(covered) + " threat" + (covered == 1 ? "" : "s") + ", " +
                         std::to_string(open) + " open"),
                    std::move(due), rec.ticket.empty() ? cell(muted("none")) : cell(rec.ticket)),
          {},
          Tone::None};
}

Row threat_row(const ModelGraph& g, const Threat& t) {
  Cell item = cell(ref(threat_anchor(g, t), threat_id(g, t)));
  item.add(br()).add(text(g.rules[t.rule].title));
  Cell kind = cell(text("open threat"));
  if (t.acceptance_expired) kind.add(br()).add(badge("acceptance expired", Tone::Bad));
  Cell ticket = cell(muted("none"));
  if (!t.acceptance.is_none() && !g.accepts[t.acceptance].ticket.empty())
    ticket = cell(g.accepts[t.acceptance].ticket);
  return {row_cells(std::move(item), std::move(kind), cell(severity_badge(g, t.severity)),
                    cell(muted("not set")), std::move(ticket)),
          {},
          Tone::None};
}

std::map<OwnerKey, OwnerWork> collect(const ModelGraph& g, const Analysis& a) {
  std::map<OwnerKey, OwnerWork> work;
  for (MitigationId m : g.mitigations.ids()) {
    const MitigationRec& rec = g.mitigations[m];
    if (rec.status >= kImplemented) continue;
    work[{rec.owner.empty(), rec.owner}].mitigations.push_back(m);
  }
  for (ThreatId i : a.threats.ids()) {
    const Threat& t = a.threats[i];
    if (t.status != ThreatStatus::Open) continue;
    std::string owner = attrs_of(g, t.element).str("owner");
    if (owner.empty()) owner = g.model.owner;
    work[{owner.empty(), owner}].threats.push_back(i);
  }
  for (auto& [owner, w] : work) {
    std::stable_sort(w.mitigations.begin(), w.mitigations.end(),
                     [&](MitigationId x, MitigationId y) {
                       const auto& dx = g.mitigations[x].due;
                       const auto& dy = g.mitigations[y].due;
                       return dx.has_value() != dy.has_value() ? dx.has_value() : dx && *dx < *dy;
                     });
    std::stable_sort(w.threats.begin(), w.threats.end(), [&](ThreatId x, ThreatId y) {
      return a.threats[x].severity > a.threats[y].severity;
    });
  }
  return work;
}

}  // namespace

Section actions_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"open-actions-by-owner", "Open actions by owner", {}, false};
  const std::map<OwnerKey, OwnerWork> work = collect(g, a);
  if (work.empty()) {
    s.blocks.push_back(
        note(cell("Nothing is open: every threat is mitigated or accepted and every mitigation is "
                  "implemented.")));
    return s;
  }
  s.blocks.push_back(paragraph(
      cell("Mitigations not implemented yet (by due date), then open threats (most severe first). "
           "An open threat is listed under its element's owner, else the model's owner.")));
  const Coverage coverage(g, a);
  std::size_t index = 0;
  for (const auto& [owner, w] : work) {
    const std::size_t n = w.mitigations.size() + w.threats.size();
    Cell title = owner.first ? cell(text("Unassigned")) : cell(text(owner.second));
    title.add(text(" ")).add(muted("(" + std::to_string(n) + " item" + (n == 1 ? "" : "s") + ")"));
    s.blocks.push_back(heading(anchor_id("owner-" + std::to_string(++index) + "-",
                                         owner.first ? "unassigned" : owner.second),
                               std::move(title)));
    Table t;
    t.cls = "actions";
    t.header = {"Item", "Type", "Severity / coverage", "Due", "Ticket"};
    for (MitigationId m : w.mitigations) t.rows.push_back(mitigation_row(g, a, coverage, m));
    for (ThreatId i : w.threats) t.rows.push_back(threat_row(g, a.threats[i]));
    s.blocks.push_back(table_block(std::move(t)));
  }
  return s;
}

}  // namespace moat::report
