#include "analyzer/evidence_pack.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "compiler/literals.hpp"
#include "compiler/repositories.hpp"

namespace moat {

namespace fs = std::filesystem;

const char* evidence_kind_name(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::Location:
      return "location";
    case EvidenceKind::Annotation:
      return "annotation";
    case EvidenceKind::Attestation:
      return "attestation";
    case EvidenceKind::Scan:
      return "scan";
  }
  return "location";
}

namespace {

bool within(const fs::path& path, const fs::path& folder) {
  const auto mismatch = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return mismatch.first == folder.end();
}

class Collector {
 public:
  Collector(const ModelGraph& g, const Analysis& a, const PackOptions& o)
      : g_(g), a_(a), options_(o), tree_(o.tree ? *o.tree : disk_) {
    std::error_code ec;
    root_ = fs::weakly_canonical(o.root.empty() ? fs::path(".") : fs::path(o.root), ec);
    dirs_[""] = root_.string();
  }

  EvidencePack run();

 private:
  std::uint32_t cite(std::uint32_t control, EvidenceItem item);
  void mitigation(std::uint32_t control, MitigationId m);
  void location(std::uint32_t control, const std::string& text, const std::string& mitigation);
  void annotation(std::uint32_t control, std::uint32_t index, const std::string& mitigation);
  void attestation(std::uint32_t control);
  /// The files a checked location names: itself, a folder's files, a glob's matches (sorted).
  std::vector<std::string> paths_of(const ResolvedLocation& r) const;
  void scans(std::uint32_t control);
  /// The file at canonical path `real` in the repository whose folder is `dir`; -1 when it
  /// is not inside that folder (then it is never read).
  std::int32_t file(const std::string& repository, const fs::path& dir, const std::string& real);
  void quote(EvidenceItem& item, std::uint32_t file);
  void revisions();
  void uncited_scans();

  const ModelGraph& g_;
  const Analysis& a_;
  const PackOptions& options_;
  const FileTree disk_;
  const FileTree& tree_;
  fs::path root_;
  std::map<std::string, std::string> dirs_;  ///< repository name -> folder
  EvidencePack pack_;
  std::map<std::string, std::uint32_t> items_;           ///< kind, via, via_id, text -> item
  std::unordered_map<std::string, std::int32_t> files_;  ///< real path -> file (-1: outside)
  std::vector<std::string> texts_;                       ///< per file: its bytes
  std::unordered_map<std::string, StringId> strings_;    ///< location text -> its string
  /// Results a secret scanner reported: while there is one, no file is quoted (see quote()).
  std::size_t secrets_ = 0;
  /// Bytes of file text kept for quoting; past kMaxKeptTextBytes a file is hashed, not kept.
  std::uintmax_t kept_bytes_ = 0;
};

EvidencePack Collector::run() {
  pack_.collected = true;
  for (const LocationRef& ref : g_.locations) strings_.emplace(g_.strings[ref.string], ref.string);
  for (const SarifResult& r : a_.scans.results) secrets_ += r.redacted ? 1 : 0;
  pack_.by_control.resize(a_.controls.size());
  for (std::uint32_t ci = 0; ci < a_.controls.size(); ++ci) {
    const ControlResult& c = a_.controls[ci];
    for (MitigationId m : c.mitigations) mitigation(ci, m);
    if (c.manual) attestation(ci);
    scans(ci);
  }
  uncited_scans();
  revisions();
  return std::move(pack_);
}

std::uint32_t Collector::cite(std::uint32_t control, EvidenceItem item) {
  const std::string key = std::string(evidence_kind_name(item.kind)) + '\n' + item.via + '\n' +
                          item.via_id + '\n' + item.text;
  auto [it, fresh] = items_.emplace(key, static_cast<std::uint32_t>(pack_.items.size()));
  if (fresh) {
    item.id = "E" + std::to_string(pack_.items.size() + 1);
    pack_.items.push_back(std::move(item));
  }
  EvidenceItem& kept = pack_.items[it->second];
  if (control != UINT32_MAX && (kept.criteria.empty() || kept.criteria.back() != control)) {
    kept.criteria.push_back(control);
    pack_.by_control[control].push_back(it->second);
  }
  return it->second;
}

void Collector::mitigation(std::uint32_t control, MitigationId m) {
  const MitigationRec& rec = g_.mitigations[m];
  for (const std::string& text : rec.evidence) location(control, text, rec.id);
  if (!a_.mitigation_annotations.contains(m)) return;
  for (std::uint32_t an : a_.mitigation_annotations[m]) annotation(control, an, rec.id);
}

void Collector::location(std::uint32_t control, const std::string& text,
                         const std::string& mitigation) {
  EvidenceItem item;
  item.text = text;
  item.via = "mitigation";
  item.via_id = mitigation;
  const std::string key = std::string("location\nmitigation\n") + mitigation + '\n' + text;
  if (items_.count(key)) {
    cite(control, std::move(item));
    return;
  }
  const ParsedLocation loc = parse_location(split_repository(text).path);
  item.first = loc.first;
  item.last = loc.last;
  const auto s = strings_.find(text);
  const ResolvedLocation* r = nullptr;
  if (options_.locations && s != strings_.end() && options_.locations->resolved.contains(s->second))
    r = &options_.locations->resolved[s->second];
  if (is_url(text)) {
    item.problem = "an external reference: not read, not hashed";
  } else if (!options_.locations) {
    item.problem = "locations were not checked: not read";
  } else if (options_.locations->is_stale(s == strings_.end() ? StringId() : s->second)) {
    item.problem = "does not exist";
  } else if (!r || !r->checked) {
    item.problem = "not checked (outside its root, or its repository is not checked out)";
  } else {
    dirs_.emplace(r->repository, r->dir);
    const std::vector<std::string> reals = paths_of(*r);
    for (const std::string& path : reals) {
      if (item.files.size() == kMaxFilesPerLocation) {
        ++item.more_files;
        continue;
      }
      const FileStatus st = tree_.status(path);
      const std::int32_t f = st.exists ? file(r->repository, r->dir, st.real) : -1;
      if (f >= 0) item.files.push_back(static_cast<std::uint32_t>(f));
    }
    // A single file is quoted; a folder or a glob is listed with each file's hash.
    if (r->matches.empty() && !r->folder && !item.files.empty()) quote(item, item.files[0]);
  }
  cite(control, std::move(item));
}

std::vector<std::string> Collector::paths_of(const ResolvedLocation& r) const {
  std::vector<std::string> out;
  if (!r.matches.empty()) {
    for (const std::string& m : r.matches) out.push_back((fs::path(r.dir) / m).string());
  } else if (r.folder) {
    tree_.walk(r.real, [&](const TreeEntry& e) {
      if (e.directory) return fs::path(e.path).filename() != ".git";
      if (e.regular) out.push_back((fs::path(r.real) / e.path).string());
      return true;
    });
    std::sort(out.begin(), out.end());
  } else {
    out.push_back(r.real);
  }
  return out;
}

void Collector::annotation(std::uint32_t control, std::uint32_t index,
                           const std::string& mitigation) {
  const Annotation& an = a_.annotations[index];
  EvidenceItem item;
  item.kind = EvidenceKind::Annotation;
  item.text = an.file + ":" + std::to_string(an.line);
  item.via = "mitigation";
  item.via_id = mitigation;
  item.first = item.last = an.line;
  const FileStatus st = tree_.status((root_ / an.file).string());
  const std::int32_t f = st.exists ? file("", root_, st.real) : -1;
  if (f >= 0) {
    item.files.push_back(static_cast<std::uint32_t>(f));
    quote(item, static_cast<std::uint32_t>(f));
  } else {
    item.problem = "no longer readable inside the repository root";
  }
  cite(control, std::move(item));
}

void Collector::attestation(std::uint32_t control) {
  const AttestRec* at = nullptr;  // the last one wins, as in compute_controls
  for (const AttestRec& rec : g_.attestations) {
    if (rec.criterion == a_.controls[control].criterion) at = &rec;
  }
  if (!at) return;
  EvidenceItem item;
  item.kind = EvidenceKind::Attestation;
  item.via = "attestation";
  item.via_id = g_.criteria[at->criterion].id;
  item.text = "attest " + item.via_id;
  item.who = at->owner;
  item.when = at->reviewed;
  item.status = g_.schema.enums[g_.builtins.control_status].members[at->status];
  item.note = at->note;
  item.attested = at->evidence;
  cite(control, std::move(item));
}

/// The runs whose results land on the elements of the criterion's linked threats, or opened
/// one of its threats by contradicting a claim: one item per log, with those results.
void Collector::scans(std::uint32_t control) {
  const ScanEvidence& ev = a_.scans;
  if (ev.results.empty()) return;
  const ControlResult& c = a_.controls[control];
  std::set<ThreatId> threats(c.threats.begin(), c.threats.end());
  threats.insert(c.supporting.begin(), c.supporting.end());
  std::set<ElementId> elements;
  for (ThreatId t : threats) elements.insert(a_.threats[t].element);
  std::map<std::uint32_t, std::set<std::uint32_t>> by_log;  // SARIF file -> results
  for (const auto& [e, r] : ev.attached) {
    if (elements.count(e)) by_log[ev.results[r].file].insert(r);
  }
  for (const Contradiction& con : ev.contradictions) {
    for (ThreatId t : con.threats) {
      if (threats.count(t)) by_log[ev.results[con.result].file].insert(con.result);
    }
  }
  for (const auto& [sarif, results] : by_log) {
    EvidenceItem item;
    item.kind = EvidenceKind::Scan;
    item.via = "scan";
    item.text = ev.files[sarif];
    for (const DeclaredScan& d : ev.declared) {
      if (d.path == ev.files[sarif]) {
        item.via_id = g_.scans[d.decl].id;
        item.scan_state = scan_state_name(d.state);
      }
    }
    const FileStatus st = tree_.status(fs::absolute(ev.files[sarif]).string());
    const std::int32_t f = st.exists ? file("", root_, st.real) : -1;
    if (f >= 0)
      item.files.push_back(static_cast<std::uint32_t>(f));
    else
      item.problem = "the log is outside the repository root: not hashed";
    const std::uint32_t i = cite(control, std::move(item));
    std::vector<std::uint32_t>& kept = pack_.items[i].results;
    kept.insert(kept.end(), results.begin(), results.end());
    std::sort(kept.begin(), kept.end());
    kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  }
}

/// Declared scans no criterion cites are evidence too (a missing or stale one most of all):
/// listed after the rest, supporting no criterion.
void Collector::uncited_scans() {
  for (const DeclaredScan& d : a_.scans.declared) {
    const ScanDeclRec& decl = g_.scans[d.decl];
    const std::string key = "scan\nscan\n" + decl.id + '\n' + d.path;
    if (!d.path.empty() && items_.count(key)) continue;
    EvidenceItem item;
    item.kind = EvidenceKind::Scan;
    item.via = "scan";
    item.via_id = decl.id;
    item.text = d.path.empty() ? decl.path : d.path;
    item.scan_state = scan_state_name(d.state);
    const FileStatus st = d.path.empty() || d.state == ScanState::Missing
                              ? FileStatus{}
                              : tree_.status(fs::absolute(d.path).string());
    const std::int32_t f = st.exists ? file("", root_, st.real) : -1;
    if (f >= 0)
      item.files.push_back(static_cast<std::uint32_t>(f));
    else
      item.problem = d.state == ScanState::Missing ? "does not exist" : "not read";
    cite(UINT32_MAX, std::move(item));
  }
}

std::int32_t Collector::file(const std::string& repository, const fs::path& dir,
                             const std::string& real) {
  if (auto it = files_.find(real); it != files_.end()) return it->second;
  if (!within(fs::path(real), dir)) return files_[real] = -1;
  std::string text;
  EvidenceFile f = read_evidence_file(tree_, real, text);
  f.repository = repository;
  f.path = fs::path(real).lexically_relative(dir).generic_string();
  const auto index = static_cast<std::int32_t>(pack_.files.size());
  pack_.files.push_back(std::move(f));
  // Only text that may be quoted is kept, and only up to a total: folders of large files
  // would otherwise all stay in memory until the pack is done.
  if (f.binary || kept_bytes_ + text.size() > kMaxKeptTextBytes) text.clear();
  kept_bytes_ += text.size();
  texts_.push_back(std::move(text));
  return files_[real] = index;
}

void Collector::quote(EvidenceItem& item, std::uint32_t f) {
  const EvidenceFile& file = pack_.files[f];
  if (file.sha256.empty() || file.binary) return;  // nothing to quote, or not text
  const char* withheld = nullptr;
  // A secret scanner's location is a path as the scanner wrote it and a first line only: it
  // cannot tell which lines of which file (through a link, in another repository, a key over
  // several lines) hold the secret. While any secret is reported, nothing is quoted.
  if (secrets_ > 0)
    withheld = "[not quoted: a secret scanner reported findings; the file is cited by its hash]";
  else if (texts_[f].empty() && file.size > 0)
    withheld = "[not quoted: the evidence text kept for quoting passed its limit]";
  if (withheld) {
    item.excerpts.push_back({});
    item.excerpts.back().first = item.first == 0 ? 1 : item.first;
    item.excerpts.back().lines.push_back(withheld);
    return;
  }
  item.excerpts.push_back(excerpt_of(texts_[f], item.first, item.last));
}

/// One question per repository, for the files cited in it.
void Collector::revisions() {
  std::map<std::string, std::vector<std::string>> cited;
  for (const EvidenceFile& f : pack_.files) cited[f.repository].push_back(f.path);
  for (auto& [repository, paths] : cited) {
    RepositoryState state;
    if (options_.revisions)
      state = options_.revisions(dirs_[repository], paths);
    else
      state.why_none = "version control was not asked";
    for (EvidenceFile& f : pack_.files) {
      if (f.repository != repository) continue;
      f.revision = state.revision;
      const auto changed = state.changed.find(f.path);
      f.state = state.revision.empty()           ? "no_revision"
                : changed == state.changed.end() ? "clean"
                                                 : changed->second;
    }
    pack_.revisions.emplace_back(repository, std::move(state));
  }
}

}  // namespace

EvidencePack collect_evidence(const ModelGraph& g, const Analysis& a, const PackOptions& options) {
  return Collector(g, a, options).run();
}

}  // namespace moat
