// tests/models/hostile-strings.moat through the HTML report, the worksheet and the Markdown
// report: every user string arrives as text, none as markup, script or link.
#include <cctype>
#include <regex>

#include "tests/report/report_fixture.hpp"

using report_test::Analyzed;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Every tag of an HTML page, from '<' to the next '>'.
std::vector<std::string> tags(const std::string& html) {
  std::vector<std::string> out;
  for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
    out.push_back(html.substr(i, html.find('>', i) - i + 1));
  }
  return out;
}

void check_html_is_inert(const std::string& page) {
  const std::string low = lower(page);
  CHECK(low.find("<script") == std::string::npos);
  CHECK(low.find("<img") == std::string::npos);
  CHECK(low.find("<b>") == std::string::npos);
  CHECK(low.find("<i>") == std::string::npos);
  CHECK(low.find("<a href='x'>") == std::string::npos);
  CHECK(low.find("</td></tr><script") == std::string::npos);
  // onerror= and javascript: appear only as escaped text, never inside a tag.
  for (const std::string& tag : tags(low)) {
    INFO(tag);
    CHECK(tag.find("onerror") == std::string::npos);
    CHECK(tag.find("javascript:") == std::string::npos);
    // URLs only in the svg's xmlns and in the links of external references (`code` URLs).
    const bool external_link =
        tag.rfind("<a class=\"loc\" rel=\"noopener noreferrer\" href=\"http", 0) == 0;
    const bool no_url = tag.find("://") == std::string::npos || tag.rfind("<svg", 0) == 0;
    CHECK((no_url || external_link));
  }
}

}  // namespace

TEST_CASE("hostile strings inject nothing into the HTML report") {
  const Analyzed m("tests/models/hostile-strings.moat");
  const std::string html = m.html();
  check_html_is_inert(html);
  CHECK(html.find("onerror=alert(1)&gt;") != std::string::npos);
  CHECK(html.find("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(&#39;accept&#39;)&lt;/script&gt;") !=
        std::string::npos);
  CHECK(html.find("<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</h1>") !=
        std::string::npos);
  CHECK(html.find("<title>Threat model report — Evil &lt;script&gt;") != std::string::npos);
  // The version's line break is shown as one, its markup as text.
  CHECK(html.find("1.0<br>&lt;b&gt;2&lt;/b&gt;") != std::string::npos);
  // The scope's Markdown link stays text; the code location is linked percent-encoded.
  CHECK(html.find("[links](javascript:alert(1))") != std::string::npos);
  CHECK(html.find("href=\"src/%3Cscript%3E.ts\"") != std::string::npos);
  // External references are links, their quotes and brackets percent-encoded; shown as written.
  CHECK(
      html.find(
          "href=\"https://evil.example/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%28x%29%20y\"") !=
      std::string::npos);
  CHECK(html.find("href=\"https://docs.example/a?b=1&amp;c=%3C2%3E#frag\"><code>HTTPS://"
                  "docs.example/a?b=1&amp;c=&lt;2&gt;#frag</code>") != std::string::npos);
  // The model's description is on the title page, as text.
  CHECK(html.find("<th scope=\"row\">Description</th><td>&lt;img src=x onerror=alert(1)&gt;") !=
        std::string::npos);
  CHECK(html.find("href=\"docs/%3Cevil%3E.md#L1\"") != std::string::npos);
  // Control characters never reach the page.
  CHECK(html.find('\x07') == std::string::npos);
  CHECK(html.find("Service | with | pipes, émoji 🚀 and ünïcödé") != std::string::npos);
}

TEST_CASE("hostile strings inject nothing into the worksheet") {
  const Analyzed m("tests/models/hostile-strings.moat");
  check_html_is_inert(m.worksheet());
}

TEST_CASE("hostile strings inject nothing into the Markdown report") {
  const Analyzed m("tests/models/hostile-strings.moat");
  const std::string md = m.markdown();
  // Outside the Mermaid block (whose escaping is the diagram's), no raw markup and no links out.
  std::string text = md;
  const std::size_t fence = text.find("```mermaid");
  if (fence != std::string::npos) text.erase(fence, text.find("```", fence + 3) + 3 - fence);
  const std::string low = lower(text);
  CHECK(low.find("<script") == std::string::npos);
  CHECK(low.find("<img") == std::string::npos);
  CHECK(low.find("<b>") == std::string::npos);
  CHECK_FALSE(std::regex_search(low, std::regex(R"([^\\]\]\(javascript:)")));
  CHECK(text.find("[links](javascript") == std::string::npos);
  CHECK(text.find("\\[links\\](javascript:alert(1))") != std::string::npos);
  // Table rows are not broken by pipes or line breaks in cells.
  CHECK(text.find("Service \\| with \\| pipes") != std::string::npos);
  const std::regex row_start("\n\\|");
  for (std::sregex_iterator it(text.begin(), text.end(), row_start), end; it != end; ++it) {
    const std::size_t b = static_cast<std::size_t>(it->position()) + 1;
    const std::string line = text.substr(b, text.find('\n', b) - b);
    INFO(line);
    CHECK(line.back() == '|');
  }
  CHECK(text.find("(src/%3Cscript%3E.ts)") != std::string::npos);
}
