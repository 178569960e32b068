#pragma once
// The report as a small document tree: sections of headings, paragraphs, lists and tables whose
// cells hold inline pieces (text, code, links, references, status badges). The sections are
// built once from the analyzed model; html_render and markdown_report turn the same tree into
// HTML or Markdown, so both formats carry the same content. Every string in the tree is raw
// user text: escaping is the renderer's job, never the builder's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ids.hpp"

namespace moat::report {

/// How a badge, a row or a cell is coloured.
enum class Tone : unsigned char { None, Good, Warn, Bad, Muted, Info };
const char* tone_name(Tone t);  ///< "good", "warn", ... (a CSS class suffix)

struct Inline {
  enum class Kind : unsigned char {
    Text,    ///< plain text
    Code,    ///< an identifier or a path, monospaced
    Strong,  ///< emphasised text
    Muted,   ///< de-emphasised text
    Link,    ///< `target` is a repository-relative location ("path[:line[-line]]")
    Ref,     ///< `target` is an anchor in the same document
    Badge,   ///< a status pill coloured by `tone`
    Break,   ///< a line break
    Nowrap,  ///< text kept on one line (dates)
  };
  Kind kind = Kind::Text;
  std::string text;
  std::string target;
  Tone tone = Tone::None;
};

struct Cell {
  std::vector<Inline> parts;
  Tone tone = Tone::None;  ///< background of the whole cell (worksheet n/a, ...)
  Cell& add(Inline piece) {
    parts.push_back(std::move(piece));
    return *this;
  }
  bool empty() const { return parts.empty(); }
};

/// The cells of a row, moved in: a braced list would copy every cell (and every piece in it).
template <class... Cells>
std::vector<Cell> row_cells(Cells&&... c) {
  std::vector<Cell> out;
  out.reserve(sizeof...(c));
  (out.push_back(std::forward<Cells>(c)), ...);
  return out;
}

struct Row {
  std::vector<Cell> cells;
  std::string anchor;  ///< an id for the row, empty for none
  Tone tone = Tone::None;
};

struct Table {
  std::string cls;                  ///< "kv" renders the first column as a header column
  std::vector<std::string> header;  ///< column titles (fixed text, never user text)
  std::vector<Row> rows;
  std::string empty_note;  ///< shown instead of the table when it has no rows
};

struct ListItem {
  int depth = 0;
  Cell content;
  std::string anchor;  ///< an id for the item, empty for none
};

struct Block {
  enum class Kind : unsigned char { Heading, Paragraph, Table, List, Diagram, Note, Excerpt };
  Kind kind = Kind::Paragraph;
  std::string anchor;  ///< Heading: its id
  Cell text;           ///< Heading, Paragraph, Note
  Table table;
  std::vector<ListItem> items;
  /// Excerpt: lines quoted from a repository file (raw user text), numbered from `first_line`.
  std::vector<std::string> lines;
  std::uint32_t first_line = 0;
  /// Diagram of one attack path (report_sections_paths.cpp): its nodes, hops and open threats;
  /// all empty for the model's data-flow diagram.
  std::vector<ElementId> path_nodes, path_flows;
  std::vector<ThreatId> path_threats;
};

struct Section {
  std::string anchor;  ///< also its GitHub heading slug, so Markdown links work either way
  std::string title;
  std::vector<Block> blocks;
  bool wide = false;  ///< printed on a landscape page (the worksheet)
};

struct Document {
  std::string title;         ///< user text: the model name
  std::string subtitle;      ///< fixed text: "Threat model report"
  std::vector<Block> cover;  ///< the title page, before the table of contents
  std::vector<Section> sections;
  bool toc = true;
  bool landscape = false;  ///< the whole document prints landscape (standalone worksheet)
  std::string print_css;   ///< extra style rules for the printed (PDF) report, already escaped
};

// ---------------------------------------------------------------- builders for short code
Inline text(std::string s);
Inline code(std::string s);
Inline strong(std::string s);
Inline muted(std::string s);
Inline link(std::string location);
Inline ref(std::string anchor, std::string s);
Inline badge(std::string s, Tone tone);
Inline br();
Inline nowrap(std::string s);

Cell cell(Inline piece);
Cell cell(std::string s);
/// Items separated by ", " (or a line break when `lines`).
Cell joined(std::vector<Inline> items, bool lines = false);

Block heading(std::string anchor, Cell text);
Block paragraph(Cell text);
Block note(Cell text);
Block table_block(Table table);
/// Quoted lines of a file, numbered from `first_line` (0: not numbered).
Block excerpt_block(std::uint32_t first_line, std::vector<std::string> lines);

/// An id usable as an HTML anchor: `prefix` then `id` with anything outside [A-Za-z0-9_.-]
/// replaced by '-'.
std::string anchor_id(std::string_view prefix, std::string_view id);

/// A repository-relative location as a relative URL: "path:12-20" -> "path#L12-L20", percent-
/// encoded. Nothing for absolute paths, URLs with a scheme (javascript:, https:), backslashes
/// or control characters: those are shown as text, never linked.
std::optional<std::string> relative_href(std::string_view location);

/// An `http://` or `https://` location (an external reference) as a link target: the scheme in
/// lower case, everything a URL's structure does not need percent-encoded; nothing when it holds
/// control characters or backslashes, or for any other location.
std::optional<std::string> external_href(std::string_view location);

/// The link target of a location as the reports show it: external_href, else relative_href.
/// A location in another repository (`gitaly:internal/`) has none.
std::optional<std::string> location_href(std::string_view location);

}  // namespace moat::report
