// "Considered and dismissed": the threats the team looked at and found not to apply here, or to
// be false positives, with who decided and why. Not accepted risks: those are in their own
// section, and a dismissed threat never appears there.
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"

namespace moat::report {

Section dismissed_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"considered-and-dismissed", "Considered and dismissed", {}, false};
  Table t;
  t.header = {"Target", "Threats", "Dismissed as", "Because", "By", "Ticket"};
  t.empty_note = "No threat is dismissed in this model.";
  IdVector<DismissId, std::vector<Inline>> covered(g.dismissals.size());
  for (const Threat& th : a.threats) {
    if (!th.dismissal.is_none())
      covered[th.dismissal].push_back(ref(threat_anchor(g, th), threat_id(g, th)));
  }
  for (DismissId i : g.dismissals.ids()) {
    const DismissRec& d = g.dismissals[i];
    std::vector<Inline>& threats = covered[i];
    t.rows.push_back(
        {row_cells(cell(code(d.target.text)),
                   threats.empty() ? cell(muted("none")) : joined(std::move(threats), true),
                   cell(dismissal_title(g, d.as)), cell(d.reason), cell(d.by),
                   d.ticket.empty() ? cell(muted("none")) : cell(d.ticket)),
         {},
         Tone::None});
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

}  // namespace moat::report
