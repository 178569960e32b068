// Completion at the start of a statement: the keywords allowed there, and snippets for the
// declarations written most (process, flow, mitigation, accept) with the attributes they need:
// the schema's required ones (no default, not optional) and the few every review asks for.
#include <fmt/format.h>

#include "lsp/completion.hpp"
#include "lsp/completion_internal.hpp"

namespace moat::lsp {

namespace {

struct SnippetSpec {
  grammar::Keyword keyword;
  const char* header;  ///< the declaration's first line up to its block, tab stops from 1
  int next_stop;       ///< the first tab stop after the header's
  std::vector<const char*> essential;  ///< attributes given even when they have a default
};

const std::vector<SnippetSpec>& snippet_specs() {
  static const std::vector<SnippetSpec> specs = {
      {grammar::Keyword::Process, "process ${1:id} \"${2:Title}\"", 3, {"authn"}},
      {grammar::Keyword::Flow,
       "flow ${1:source} -> ${2:target} \"${3:Title}\"",
       4,
       {"protocol", "carries"}},
      {grammar::Keyword::Mitigation,
       "mitigation ${1:id} \"${2:Title}\"",
       3,
       {"mitigates", "controls", "status"}},
      {grammar::Keyword::Accept, "accept ${1:element.threat}", 2, {"reason", "owner", "expires"}},
  };
  return specs;
}

/// A placeholder for a value of `type`: a choice of enum members, quotes, brackets.
std::string placeholder(const Schema& schema, const Type& type, int stop) {
  if (type.list) return fmt::format("[${}]", stop);
  switch (type.base) {
    case Base::String:
      return fmt::format("\"${}\"", stop);
    case Base::Enum: {
      std::string choice;
      for (const std::string& m : schema.enums[type.enum_id].members) {
        choice += (choice.empty() ? "" : ",") + m;
      }
      return fmt::format("${{{}|{}|}}", stop, choice);
    }
    case Base::Bool:
      return fmt::format("${{{}|true,false|}}", stop);
    case Base::Date:
      return fmt::format("${{{}:2027-01-01}}", stop);
    default:
      return fmt::format("${}", stop);
  }
}

std::string snippet(const Schema& schema, const SnippetSpec& spec) {
  const DeclKind kind = *decl_kind_of(grammar::keyword_text(spec.keyword));
  const KindSchema& ks = schema.of(kind);
  std::string body;
  int stop = spec.next_stop;
  for (const Field& f : ks.fields) {
    const bool required = !f.default_value && !f.type.optional;
    bool essential = false;
    for (const char* name : spec.essential) essential = essential || f.name == name;
    if (!required && !essential) continue;
    body += fmt::format("\n  {} = {}", f.name, placeholder(schema, f.type, stop++));
  }
  return fmt::format("{} {{{}\n}}$0", spec.header, body);
}

std::uint8_t context_flag(const std::string& block) {
  if (block == "boundary") return grammar::kInBoundary;
  if (block == "test") return grammar::kInTest;
  return grammar::kTopLevel;
}

}  // namespace

void add_statements(const Compilation& basis, const CursorContext& ctx,
                    std::vector<Candidate>& out) {
  const std::uint8_t flag = context_flag(ctx.block);
  for (const grammar::KeywordInfo& k : grammar::kKeywords) {
    if (!(k.flags & flag)) continue;
    out.push_back({std::string(k.text), ItemKind::Keyword, "keyword", {}});
  }
  for (const SnippetSpec& spec : snippet_specs()) {
    bool allowed = false;
    for (const grammar::KeywordInfo& k : grammar::kKeywords) {
      allowed = allowed || (k.keyword == spec.keyword && (k.flags & flag));
    }
    if (!allowed || basis.graph.schema.of(DeclKind::Process).fields.empty()) continue;
    const std::string name(grammar::keyword_text(spec.keyword));
    out.push_back({name + " …", ItemKind::Snippet, name + " with the attributes it needs",
                   snippet(basis.graph.schema, spec)});
  }
}

}  // namespace moat::lsp
