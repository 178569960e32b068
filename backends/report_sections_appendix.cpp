// The evidence behind each criterion, in the auditor's shape (analyzer/evidence_pack.hpp): the
// control matrix's evidence cell names each piece with its hash and revision, and the evidence
// appendix quotes the lines cited, so the auditor can read them without the repository.
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

std::string short_hash(const std::string& hex) {
  return hex.size() > 12 ? hex.substr(0, 12) : hex;
}

/// "sha256 1a2b3c4d5e6f at 0123abcd4567 (modified)", or why the file has no hash or revision.
std::string file_facts(const EvidenceFile& f, bool full) {
  std::string out =
      f.sha256.empty() ? f.unread : "sha256 " + (full ? f.sha256 : short_hash(f.sha256));
  if (f.revision.empty()) return out + ", no revision";
  out += " at " + (full ? f.revision : short_hash(f.revision));
  if (f.state != "clean") out += " (" + f.state + ": the working file differs)";
  return out;
}

std::string item_title(const EvidenceItem& item) {
  switch (item.kind) {
    case EvidenceKind::Location:
      return "code location";
    case EvidenceKind::Annotation:
      return "@moat annotation";
    case EvidenceKind::Attestation:
      return "attestation";
    case EvidenceKind::Scan:
      return "scanner run";
  }
  return "evidence";
}

std::string anchor_of(const EvidenceItem& item) {
  return anchor_id("evidence-", item.id);
}

/// One line of the control matrix's evidence cell.
void item_line(const RenderContext& ctx, const EvidenceItem& item, Cell& out) {
  const EvidencePack& pack = *ctx.evidence;
  out.add(ref(anchor_of(item), item.id)).add(text(" "));
  switch (item.kind) {
    case EvidenceKind::Attestation: {
      std::string who = "attested by " + item.who;
      if (item.when) who += ", reviewed " + format_date(*item.when);
      out.add(text(who));
      return;
    }
    case EvidenceKind::Scan:
      out.add(text("scan ")).add(code(item.via_id.empty() ? item.text : item.via_id));
      out.add(muted(" " + std::to_string(item.results.size()) +
                    (item.results.size() == 1 ? " result" : " results")));
      break;
    case EvidenceKind::Location:
    case EvidenceKind::Annotation:
      out.add(link(item.text));
      break;
  }
  if (!item.problem.empty() && item.files.empty()) out.add(muted(" " + item.problem));
  for (std::uint32_t f : item.files) {
    if (item.files.size() > 1) out.add(br()).add(code(pack.files[f].shown()));
    out.add(muted(" " + file_facts(pack.files[f], false)));
  }
  if (item.more_files) out.add(muted(" and " + std::to_string(item.more_files) + " more files"));
}

Table files_table(const EvidencePack& pack, const EvidenceItem& item) {
  Table t;
  t.header = {"File", "SHA-256", "Revision", "State", "Size"};
  for (std::uint32_t f : item.files) {
    const EvidenceFile& file = pack.files[f];
    t.rows.push_back(
        {row_cells(cell(code(file.shown())),
                   file.sha256.empty() ? cell(muted(file.unread)) : cell(code(file.sha256)),
                   file.revision.empty() ? cell(muted("none")) : cell(code(file.revision)),
                   cell(badge(file.state, file.state == "clean" ? Tone::Good : Tone::Warn)),
                   cell(std::to_string(file.size) + " bytes, " + std::to_string(file.lines) +
                        (file.lines == 1 ? " line" : " lines"))),
         {},
         Tone::None});
  }
  return t;
}

Table attestation_table(const EvidenceItem& item) {
  Table t;
  t.cls = "kv";
  t.header = {"Field", "Value"};
  auto row = [&](const char* name, Cell value) {
    t.rows.push_back({row_cells(cell(name), std::move(value)), {}, Tone::None});
  };
  row("Attested by", cell(item.who));
  row("Reviewed", item.when ? cell(nowrap(format_date(*item.when))) : cell(muted("no date")));
  row("Status", cell(code(item.status)));
  std::vector<Inline> attested;
  for (const std::string& e : item.attested) attested.push_back(text(e));
  row("Evidence", attested.empty() ? cell(muted("none")) : joined(std::move(attested), true));
  if (!item.note.empty()) row("Note", cell(item.note));
  return t;
}

/// The results of a run that bear on the criteria: rule, location, severity; a secret's text is
/// never kept (evidence/scan_result.hpp), so only its rule and place show.
Table results_table(const RenderContext& ctx, const EvidenceItem& item) {
  const ScanEvidence& scans = ctx.analysis.scans;
  Table t;
  t.header = {"Tool", "Rule", "Severity", "Location", "Status"};
  for (std::uint32_t r : item.results) {
    const SarifResult& res = scans.results[r];
    std::vector<Inline> where;
    for (const ScanLocation& l : res.locations) where.push_back(link(location_text(l)));
    Cell status = cell(badge(res.suppressed() ? "suppressed" : "open",
                             res.suppressed() ? Tone::Muted : Tone::Bad));
    if (res.redacted) status.add(br()).add(muted("secret: text redacted"));
    t.rows.push_back(
        {row_cells(cell(scans.tool_name(res)),
                   cell(code(res.rule_id.empty() ? "(no rule id)" : *res.rule_id)),
                   cell(severity_name(ctx.graph, res.severity)),
                   where.empty() ? cell(muted("no location")) : joined(std::move(where)),
                   std::move(status)),
         {},
         Tone::None});
  }
  t.empty_note = "No result of this run bears on a criterion.";
  return t;
}

Cell cited_by(const RenderContext& ctx, const EvidenceItem& item) {
  Cell c = cell(text(item_title(item) + " "));
  c.add(code(item.text));
  if (!item.via_id.empty() && item.kind != EvidenceKind::Attestation) {
    c.add(text(item.kind == EvidenceKind::Scan ? ", declared scan " : ", evidence of mitigation "))
        .add(code(item.via_id));
  }
  if (!item.scan_state.empty()) c.add(text(" ")).add(muted("(" + item.scan_state + ")"));
  c.add(text("; supports "));
  if (item.criteria.empty()) c.add(muted("no criterion in scope"));
  for (std::size_t i = 0; i < item.criteria.size(); ++i) {
    const CriterionId criterion = ctx.analysis.controls[item.criteria[i]].criterion;
    if (i) c.add(text(", "));
    c.add(ref(control_anchor(ctx.graph, criterion), ctx.graph.criteria[criterion].id));
  }
  if (!item.problem.empty() && item.files.empty()) c.add(text("; ")).add(muted(item.problem));
  return c;
}

void item_blocks(const RenderContext& ctx, const EvidenceItem& item, std::vector<Block>& out) {
  const EvidencePack& pack = *ctx.evidence;
  out.push_back(heading(anchor_of(item), cell(item.id + " · " + item_title(item))));
  out.push_back(paragraph(cited_by(ctx, item)));
  if (item.kind == EvidenceKind::Attestation) out.push_back(table_block(attestation_table(item)));
  if (!item.files.empty()) out.push_back(table_block(files_table(pack, item)));
  if (item.more_files) {
    out.push_back(note(cell("and " + std::to_string(item.more_files) +
                            " more files, not listed (at most 20 per location)")));
  }
  if (item.kind == EvidenceKind::Scan) out.push_back(table_block(results_table(ctx, item)));
  for (std::size_t i = 0; i < item.excerpts.size(); ++i) {
    const Excerpt& ex = item.excerpts[i];
    const bool numbered = ex.lines.size() != 1 || ex.lines[0].rfind("[redacted", 0) != 0;
    out.push_back(excerpt_block(numbered ? ex.first : 0, ex.lines));
    if (ex.omitted) {
      out.push_back(note(cell(std::to_string(ex.omitted) + (ex.omitted == 1 ? " line" : " lines") +
                              " more, not quoted (at most " + std::to_string(kMaxExcerptLines) +
                              " per location)")));
    }
  }
  for (std::uint32_t f : item.files) {
    if (pack.files[f].binary && item.kind != EvidenceKind::Scan)
      out.push_back(note(cell("Binary content: not quoted.")));
  }
}

std::string revisions_sentence(const EvidencePack& pack) {
  std::string out;
  for (const auto& [repository, state] : pack.revisions) {
    if (!out.empty()) out += " ";
    const std::string name =
        repository.empty() ? "The repository root" : "Repository '" + repository + "'";
    out += state.revision.empty() ? name + " has no revision: " + state.why_none + "."
                                  : name + " is at revision " + state.revision + ".";
  }
  return out;
}

}  // namespace

bool has_evidence_pack(const RenderContext& ctx) {
  return ctx.evidence && ctx.evidence->collected;
}

Cell evidence_pack_cell(const RenderContext& ctx, std::uint32_t control) {
  Cell out;
  for (std::uint32_t i : ctx.evidence->by_control[control]) {
    if (!out.empty()) out.add(br());
    item_line(ctx, ctx.evidence->items[i], out);
  }
  return out.empty() ? cell(muted("none")) : out;
}

Section evidence_appendix_section(const RenderContext& ctx) {
  const EvidencePack& pack = *ctx.evidence;
  Section s{"evidence-appendix", "Evidence appendix", {}, false};
  if (pack.items.empty()) {
    s.blocks.push_back(note(cell("No criterion in scope cites evidence.")));
    return s;
  }
  s.blocks.push_back(paragraph(cell(
      "Every piece of evidence the control matrix cites, with the SHA-256 of each file read and "
      "the revision of its repository; a file whose state is not \"clean\" differs from that "
      "revision, and its hash is of the working file. Excerpts quote at most " +
      std::to_string(kMaxExcerptLines) + " lines per location. " + revisions_sentence(pack))));
  for (const EvidenceItem& item : pack.items) item_blocks(ctx, item, s.blocks);
  return s;
}

}  // namespace moat::report
