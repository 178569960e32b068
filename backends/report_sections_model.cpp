// The descriptive sections of the report: title page, system description, diagram, assets,
// trust boundaries, elements and flows.
#include "analyzer/review.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

Row kv(std::string key, Cell value) {
  Row r;
  r.cells.push_back(cell(std::move(key)));
  r.cells.push_back(std::move(value));
  return r;
}

Cell text_or_dash(const std::string& s) {
  return s.empty() ? cell(muted("not given")) : cell(s);
}

std::string soc2_scope_text(const ModelGraph& g) {
  std::string out;
  for (std::uint8_t c = 0; c < kSoc2CategoryCount; ++c) {
    if (g.model.soc2_scope & (1u << c))
      out += (out.empty() ? "" : ", ") + std::string(soc2_category_title(c));
  }
  return out;
}

Cell threat_counts(const ModelGraph& g, const Analysis& a) {
  const ThreatCounts counts = count_threats(g, a);
  Cell c = cell(strong(std::to_string(counts.total) + " threats"));
  for (const ThreatStatus s : {ThreatStatus::Open, ThreatStatus::Mitigated, ThreatStatus::Accepted,
                               ThreatStatus::Dismissed}) {
    if (s == ThreatStatus::Dismissed && counts.of(s) == 0) continue;  // as the terminal says it
    c.add(text(" ")).add(
        badge(std::to_string(counts.of(s)) + " " + threat_status_name(s), threat_tone(s)));
  }
  if (counts.of(ThreatStatus::Open) == 0) return c;
  c.add(br()).add(muted("open by severity:"));
  for (std::size_t s = kSeverityCount; s-- > 0;) {
    if (counts.open_by_severity[s] == 0) continue;
    const auto severity = static_cast<std::uint8_t>(s);
    c.add(text(" ")).add(
        badge(severity_name(g, severity) + " " + std::to_string(counts.open_by_severity[s]),
              severity_tone(severity)));
  }
  return c;
}

Cell readiness_cell(const Analysis& a) {
  if (a.categories.empty()) return cell(muted("no SOC 2 catalog loaded (use soc2)"));
  std::vector<Inline> items;
  for (const CategorySummary& s : a.categories) {
    items.push_back(badge(readiness_label(s), readiness_tone(s)));
  }
  return joined(std::move(items), true);
}

std::vector<Inline> code_links(const ModelGraph& g, ElementId e) {
  std::vector<Inline> out;
  for (const std::string& loc : attrs_of(g, e).strings("code")) out.push_back(link(loc));
  return out;
}

Cell name_and_id(const ModelGraph& g, ElementId e) {
  Cell c = cell(strong(g.elements[e].title));
  if (g.elements[e].title != g.elements[e].id) c.add(br()).add(code(g.elements[e].id));
  return c;
}

Cell yes_no(bool v, Tone when_yes = Tone::None, Tone when_no = Tone::None) {
  return cell(badge(v ? "yes" : "no", v ? when_yes : when_no));
}

/// "Last review" and "Next review due" (overdue marked), when the model records its cadence.
void review_rows(const ModelGraph& g, std::int64_t today, Table& t) {
  const ReviewCadence r = review_cadence(g);
  if (!r.reviewed && !r.every) return;
  t.rows.push_back(kv("Last review", r.reviewed ? cell(nowrap(format_date(*r.reviewed)))
                                                : cell(muted("not recorded"))));
  Cell next = r.next_due ? cell(nowrap(format_date(*r.next_due)))
                         : cell(muted("not known (needs reviewed and review_every)"));
  if (r.every) next.add(muted(" (every " + format_duration(*r.every) + ")"));
  if (r.next_due && *r.next_due < today) next.add(text(" ")).add(badge("overdue", Tone::Bad));
  t.rows.push_back(kv("Next review due", std::move(next)));
}

}  // namespace

std::vector<Block> cover_blocks(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const auto files = source_digests(ctx);
  Table t;
  t.cls = "kv";
  t.rows.push_back(kv("Version", text_or_dash(g.model.version)));
  t.rows.push_back(kv("Owner", text_or_dash(g.model.owner)));
  t.rows.push_back(kv("Scope", text_or_dash(g.model.scope)));
  if (!g.model.description.empty()) t.rows.push_back(kv("Description", cell(g.model.description)));
  t.rows.push_back(kv("SOC 2 scope", cell(soc2_scope_text(g))));
  t.rows.push_back(kv("Analysis date", cell(analysis_date(ctx.analysis))));
  review_rows(g, ctx.analysis.today, t);
  t.rows.push_back(kv("Model file", cell(code(ctx.model_path))));
  t.rows.push_back(kv("Generated from", cell(code("sha256:" + model_fingerprint(files)))));
  t.rows.push_back(kv("Threats", threat_counts(g, ctx.analysis)));
  t.rows.push_back(kv("SOC 2 readiness", readiness_cell(ctx.analysis)));
  Table src;
  src.header = {"Source file", "Bytes", "SHA-256"};
  for (const SourceDigest& f : files) {
    src.rows.push_back(
        {row_cells(cell(code(f.path)), cell(std::to_string(f.bytes)), cell(code(f.sha256))),
         {},
         Tone::None});
  }
  std::vector<Block> out;
  out.push_back(table_block(std::move(t)));
  out.push_back(note(
      cell("The fingerprint is the SHA-256 of the lines \"<SHA-256 of the file>\" of the model's "
           "source files below, in load order; the standard library is embedded in moat and "
           "not part of it. Dates are judged as of the analysis date.")));
  out.push_back(table_block(std::move(src)));
  return out;
}

Section system_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Section s{"system-description", "System description", {}, false};
  if (!g.model.scope.empty())
    s.blocks.push_back(paragraph(cell(strong("Scope")).add(text(": " + g.model.scope))));
  if (!g.model.description.empty()) s.blocks.push_back(paragraph(cell(g.model.description)));
  std::string counts = "The model describes ";
  static const char* kNames[][2] = {{"actor", "actors"},
                                    {"external system", "external systems"},
                                    {"process", "processes"},
                                    {"store", "stores"},
                                    {"data asset", "data assets"},
                                    {"trust boundary", "trust boundaries"},
                                    {"flow", "flows"}};
  for (int k = 0; k < kKindCount; ++k) {
    const std::size_t n = g.count(static_cast<Kind>(k));
    counts += std::to_string(n) + " " + kNames[k][n == 1 ? 0 : 1] +
              (k + 2 < kKindCount   ? ", "
               : k + 1 < kKindCount ? " and "
                                    : ".");
  }
  s.blocks.push_back(paragraph(cell(counts)));
  Block list;
  list.kind = Block::Kind::List;
  for (ElementId e : g.elements.ids_from(1)) {
    const std::string d = attrs_of(g, e).str("description");
    if (d.empty()) continue;
    list.items.push_back({0,
                          cell(element_ref(g, e))
                              .add(muted(std::string(" (") + kind_name(g.elements[e].kind) + "): "))
                              .add(text(d)),
                          {}});
  }
  if (!list.items.empty()) s.blocks.push_back(std::move(list));
  return s;
}

Section diagram_section(const RenderContext& ctx) {
  Section s{"data-flow-diagram", "Data-flow diagram", {}, true};
  Block b;
  b.kind = Block::Kind::Diagram;
  s.blocks.push_back(std::move(b));
  (void)ctx;
  return s;
}

Section assets_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Section s{"assets", "Assets", {}, false};
  Table t;
  t.header = {"Data",      "Classification", "PII",       "Credentials",
              "Retention", "Stored in",      "Carried by"};
  t.empty_note = "The model declares no data.";
  for (ElementId e : g.elements.ids_from(1)) {
    if (g.elements[e].kind != Kind::Data) continue;
    const Attrs a = attrs_of(g, e);
    const std::string cls = a.member("classification");
    const Tone cls_tone = cls == builtin::kClassificationSecret.member         ? Tone::Bad
                          : cls == builtin::kClassificationConfidential.member ? Tone::Warn
                                                                               : Tone::None;
    const Val retention = a.get("retention");
    std::vector<Inline> stores, flows;
    for (ElementId store : g.held_by_of(e)) stores.push_back(element_ref(g, store));
    for (ElementId flow : g.carried_by_of(e)) flows.push_back(element_ref(g, flow));
    Row r;
    r.anchor = element_anchor(g, e);
    r.cells = row_cells(
        name_and_id(g, e), cell(badge(cls, cls_tone)), yes_no(a.flag("pii"), Tone::Warn),
        yes_no(a.flag("credentials"), Tone::Warn),
        retention.is_set() ? cell(format_duration(retention.bits)) : cell(muted("not set")),
        stores.empty() ? cell(muted("none")) : joined(std::move(stores)),
        flows.empty() ? cell(muted("none")) : joined(std::move(flows)));
    t.rows.push_back(std::move(r));
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

namespace {

/// Per boundary (by element id; 0 is outside every boundary): its child boundaries and the
/// actors, external systems, processes and stores directly in it, in declaration order.
struct BoundaryTree {
  IdVector<ElementId, std::vector<ElementId>> children, contents;
  explicit BoundaryTree(const ModelGraph& g)
      : children(g.elements.size()), contents(g.elements.size()) {
    for (ElementId e : g.elements.ids_from(1)) {
      const ElementRec& r = g.elements[e];
      const ElementId parent = r.boundary == kNoElement ? ModelGraph::kOutside : r.boundary;
      if (r.kind == Kind::Boundary) {
        children[parent].push_back(e);
      } else if (r.kind != Kind::Data && r.kind != Kind::Flow) {
        contents[parent].push_back(e);
      }
    }
  }
};

Cell boundary_cell(const ModelGraph& g, const BoundaryTree& tree, ElementId b) {
  const ElementRec& r = g.elements[b];
  Cell c =
      cell(strong(b == ModelGraph::kOutside ? std::string("Outside every boundary") : r.title));
  if (b != ModelGraph::kOutside) c.add(text(" ")).add(code(r.id));
  c.add(text(" ")).add(badge("trust: " + member_name(g, "trust", r.trust), Tone::Info));
  const std::vector<ElementId>& inside = tree.contents[b];
  if (!inside.empty()) c.add(muted(" holds "));
  for (std::size_t i = 0; i < inside.size(); ++i)
    c.add(text(i ? ", " : "")).add(element_ref(g, inside[i]));
  return c;
}

/// The tree in depth-first order, without recursion (boundaries may nest deeply).
std::vector<ListItem> boundary_items(const ModelGraph& g, const BoundaryTree& tree) {
  std::vector<ListItem> out;
  std::vector<std::pair<ElementId, int>> stack{{ModelGraph::kOutside, 0}};
  while (!stack.empty()) {
    const auto [b, depth] = stack.back();
    stack.pop_back();
    out.push_back({depth, boundary_cell(g, tree, b),
                   b == ModelGraph::kOutside ? std::string() : element_anchor(g, b)});
    const std::vector<ElementId>& kids = tree.children[b];
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, depth + 1});
  }
  return out;
}

}  // namespace

Section boundaries_section(const RenderContext& ctx) {
  Section s{"trust-boundaries", "Trust boundaries", {}, false};
  Block list;
  list.kind = Block::Kind::List;
  list.items = boundary_items(ctx.graph, BoundaryTree(ctx.graph));
  s.blocks.push_back(std::move(list));
  return s;
}

Section elements_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Section s{"elements", "Elements", {}, false};
  Table t;
  t.header = {"Element", "Kind", "Boundary", "Trust", "Owner", "Code", "Threats"};
  t.empty_note = "The model declares no actors, external systems, processes or stores.";
  const ThreatsByElement index(g, ctx.analysis);
  const auto notes = annotations_by_element(g, ctx.analysis);
  for (ElementId e : g.elements.ids_from(1)) {
    const ElementRec& r = g.elements[e];
    if (r.kind == Kind::Boundary || r.kind == Kind::Data || r.kind == Kind::Flow) continue;
    const std::size_t total = index.of(e).size();
    std::size_t open = 0;
    for (ThreatId id : index.of(e)) open += ctx.analysis.threats[id].status == ThreatStatus::Open;
    Cell threats = total == 0
                       ? cell(muted("none"))
                       : cell(badge(std::to_string(open) + " open", open ? Tone::Bad : Tone::Good));
    if (total) threats.add(muted(" of " + std::to_string(total)));
    const std::string owner = attrs_of(g, e).str("owner");
    std::vector<Inline> code_list = code_links(g, e);
    for (Inline& l : annotation_links(ctx.analysis, notes[e])) code_list.push_back(std::move(l));
    Row row;
    row.anchor = element_anchor(g, e);
    row.cells = row_cells(
        name_and_id(g, e), cell(kind_name(r.kind)), cell(element_ref(g, r.boundary)),
        cell(member_name(g, "trust", r.trust)), owner.empty() ? cell(muted("none")) : cell(owner),
        code_list.empty() ? cell(muted("none")) : joined(std::move(code_list), true),
        std::move(threats));
    t.rows.push_back(std::move(row));
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

Section flows_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Section s{"flows", "Flows", {}, false};
  Table t;
  t.header = {"Flow", "Source", "Target", "Protocol", "Encrypted", "Authn", "Carries", "Crosses"};
  t.empty_note = "The model declares no flows.";
  for (const FlowRec& f : g.flows) {
    const Attrs a = attrs_of(g, f.element);
    std::vector<Inline> carries, crosses;
    for (ElementId d : a.elements("carries")) carries.push_back(element_ref(g, d));
    for (std::uint32_t i = 0; i < f.exits.size; ++i)
      crosses.push_back(element_ref(g, g.crossings[f.exits.begin + i]));
    for (std::uint32_t i = 0; i < f.enters.size; ++i)
      crosses.push_back(element_ref(g, g.crossings[f.enters.begin + i]));
    const std::string authn = a.member("authn");
    Row row;
    row.anchor = element_anchor(g, f.element);
    row.cells = row_cells(
        name_and_id(g, f.element), cell(element_ref(g, f.source)), cell(element_ref(g, f.target)),
        cell(code(a.member("protocol"))), yes_no(f.encrypted, Tone::Good, Tone::Bad),
        authn == builtin::kAuthNone.member ? cell(badge("none", Tone::Warn)) : cell(code(authn)),
        carries.empty() ? cell(muted("nothing declared")) : joined(std::move(carries)),
        crosses.empty() ? cell(muted("none")) : joined(std::move(crosses)));
    t.rows.push_back(std::move(row));
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

}  // namespace moat::report
