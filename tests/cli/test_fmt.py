#!/usr/bin/env python3
"""CLI tests of `moat fmt`: in-place rewriting, --check, --diff, standard input, refusal of files
with errors, and, over a copy of every model of the repository, idempotence, comments kept in
order and the compiled model unchanged (`moat check --format json`, positions ignored).

    python3 tests/cli/test_fmt.py --moat build/moat --root .

Only the Python standard library is used.
"""
import glob
import json
import os
import re
import shutil
import stat
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

MESSY = 'model   "Fmt"{version="1" ,owner = "o"}\nuse soc2 // catalog\nprocess api "API" {authn=jwt,\n   authz = rbac}\n'
FORMATTED = ('model "Fmt" { version = "1", owner = "o" }\nuse soc2  // catalog\nprocess api "API" {\n'
             '  authn = jwt,\n  authz = rbac\n}\n')
SYNTAX_ERROR = 'model "Broken" {  version = "1" }\nprocess api "API" { authn jwt }\n'
SEMANTIC_ERROR = 'model   "Broken" { version = "1" }\nprocess api "API"\nflow stirpe -> api "Webhook"\n'


run = lib.run


def comments(text):
    """The comments of a moat text, in order (strings skipped; CRLF and trailing blanks ignored)."""
    found = re.findall(r'"(?:\\.|[^"\\\n])*"|(//[^\n]*|/\*.*?\*/)', text, re.S)
    return [c.replace('\r\n', '\n').rstrip(' \t\r') if c.startswith('//') else c.replace('\r\n', '\n')
            for c in found if c]


def apply_unified_diff(text, diff):
    """Applies a unified diff (one file) to `text`; raises if a hunk does not match."""
    lines = text.split('\n')
    had_newline = text.endswith('\n')
    if had_newline:
        lines.pop()
    out, pos = [], 0
    body = diff.split('\n')
    assert body[0].startswith('--- a/') and body[1].startswith('+++ b/'), body[:2]
    k = 2
    new_newline = had_newline
    while k < len(body) and body[k]:
        m = re.match(r'@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$', body[k])
        assert m, body[k]
        start, count = int(m.group(1)), int(m.group(2) or 1)
        first = start - 1 if count else start
        out.extend(lines[pos:first])
        pos = first
        k += 1
        while k < len(body) and body[k][:1] in (' ', '-', '+', '\\'):
            line, tag = body[k][1:], body[k][:1]
            if tag == '\\':
                if body[k - 1].startswith('+'):
                    new_newline = False
            elif tag in (' ', '-'):
                assert lines[pos] == line, (lines[pos], line)
                pos += 1
                if tag == ' ':
                    out.append(line)
            else:
                out.append(line)
                new_newline = True
            k += 1
    out.extend(lines[pos:])
    return '\n'.join(out) + ('\n' if new_newline and out else '')


def model_meaning(path):
    """What `moat check` makes of a model, without source positions."""
    r = run('check', '--format', 'json', '--today', '2026-06-01', '-q', path)
    doc = json.loads(r.stdout)["models"][0]

    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k not in ('line', 'column', 'end_line', 'end_column')}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v
    return {k: strip(doc.get(k)) for k in ('elements', 'flows', 'threats', 'controls')}, r.returncode


class FmtTest(lib.TempDirTest):
    tmp_prefix = 'moat-fmt-'

    def read(self, path):
        with open(path, encoding='utf-8', newline='') as f:
            return f.read()

    def test_rewrites_in_place_silently(self):
        path = self.write('m.moat', MESSY)
        os.chmod(path, 0o640)
        r = run('fmt', path)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, '', ''))
        self.assertEqual(self.read(path), FORMATTED)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o640)  # permissions kept
        self.assertEqual(os.listdir(self.dir), ['m.moat'])  # no temporary file left
        mtime = os.stat(path).st_mtime_ns
        self.assertEqual(run('fmt', path).returncode, 0)
        self.assertEqual(os.stat(path).st_mtime_ns, mtime)  # unchanged files are not rewritten

    def test_check_lists_files_and_writes_nothing(self):
        messy = self.write('a/messy.moat', MESSY)
        tidy = self.write('a/b/tidy.moat', FORMATTED)
        self.write('a/notes.txt', 'not a model {')
        r = run('fmt', '--check', os.path.join(self.dir, 'a'))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stdout.splitlines(), [messy])
        self.assertEqual(self.read(messy), MESSY)
        r = run('fmt', '--check', tidy)
        self.assertEqual((r.returncode, r.stdout), (0, ''))

    def test_diff_prints_a_unified_diff_and_writes_nothing(self):
        path = self.write('m.moat', MESSY)
        r = run('fmt', '--diff', path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith(f'--- a/{path}\n+++ b/{path}\n@@ -1,4 +1,6 @@\n'), r.stdout)
        self.assertEqual(apply_unified_diff(MESSY, r.stdout), FORMATTED)
        self.assertEqual(self.read(path), MESSY)
        r = run('fmt', '--diff', '--check', path)
        self.assertEqual(r.returncode, 1)
        self.assertIn('@@', r.stdout)
        self.assertEqual(run('fmt', '--diff', self.write('t.moat', FORMATTED)).stdout, '')

    def test_diff_hunks_context_and_missing_newline(self):
        lines = [f'actor a{i} "A{i}"' for i in range(30)]
        text = '\n'.join(lines[:3] + ['actor  x'] + lines[3:25] + ['actor  y'] + lines[25:])
        path = self.write('m.moat', text)  # no final newline
        r = run('fmt', '--diff', path)
        hunks = re.findall(r'^@@ .* @@$', r.stdout, re.M)
        self.assertEqual(hunks, ['@@ -1,7 +1,7 @@', '@@ -24,9 +24,9 @@'], r.stdout)
        self.assertIn('\\ No newline at end of file', r.stdout)
        self.assertEqual(apply_unified_diff(text, r.stdout), self.read(path).replace('  ', ' ') + '\n')

    def test_files_with_errors_are_refused(self):
        for text in (SYNTAX_ERROR, SEMANTIC_ERROR):
            path = self.write('bad.moat', text)
            for flags in ([], ['--check'], ['--diff']):
                r = run('fmt', *flags, path)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn('error:', r.stderr)
                self.assertIn('not formatted', r.stderr)
                self.assertEqual(r.stdout, '')
                self.assertEqual(self.read(path), text)
        # The other files of the run are still formatted.
        good = self.write('good.moat', MESSY)
        self.assertEqual(run('fmt', path, good).returncode, 1)
        self.assertEqual(self.read(good), FORMATTED)

    def test_standard_input(self):
        r = run('fmt', '-', stdin=MESSY)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, FORMATTED, ''))
        r = run('fmt', '--check', '-', stdin=MESSY)
        self.assertEqual((r.returncode, r.stdout), (1, '<stdin>\n'))
        r = run('fmt', '--diff', '-', stdin=MESSY)
        self.assertEqual(apply_unified_diff(MESSY, r.stdout), FORMATTED)
        r = run('fmt', '-', stdin=SEMANTIC_ERROR)
        self.assertEqual((r.returncode, r.stdout), (1, ''))
        self.assertIn('stirpe', r.stderr)

    def test_imported_files_are_checked_through_their_importer(self):
        shutil.copytree(os.path.join(lib.ROOT, 'tests', 'examples', 'saas-soc2'), os.path.join(self.dir, 's'))
        common = os.path.join(self.dir, 's', 'common.moat')
        r = run('fmt', common)  # no `use soc2` of its own: it compiles only as part of before.moat
        self.assertEqual(r.returncode, 0, r.stderr)
        lone = self.write('lone/common.moat', self.read(common))
        r = run('fmt', lone)
        self.assertEqual(r.returncode, 1)
        self.assertIn('not formatted', r.stderr)

    def test_a_model_is_its_root_and_every_file_it_imports(self):
        main = self.write('m/main.moat', 'model "Main" { version = "1" }\nimport "sub/part.moat"\nuse  soc2\n')
        part = self.write('m/sub/part.moat', 'import "../common.moat"\nprocess   api "API" {authn=jwt}\n')
        common = self.write('m/common.moat', 'actor   user "User"\n')
        tidy_main = 'model "Main" { version = "1" }\nimport "sub/part.moat"\nuse soc2\n'
        r = run('fmt', '--check', main)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stdout.splitlines(), [main, part, common])
        self.assertEqual(self.read(part), 'import "../common.moat"\nprocess   api "API" {authn=jwt}\n')
        # Named again, or through its folder, a file is formatted once.
        r = run('fmt', main, common)
        self.assertEqual((r.returncode, r.stderr), (0, ''))
        self.assertEqual(self.read(main), tidy_main)
        self.assertEqual(self.read(part), 'import "../common.moat"\nprocess api "API" { authn = jwt }\n')
        self.assertEqual(self.read(common), 'actor user "User"\n')
        r = run('fmt', '--check', main)
        self.assertEqual((r.returncode, r.stdout), (0, ''))

    def test_usage_errors(self):
        self.assertEqual(run('fmt', os.path.join(self.dir, 'missing.moat')).returncode, 2)
        self.assertEqual(run('fmt').returncode, 2)

    def test_every_model_of_the_repository(self):
        """Idempotent, comments kept in order, same compiled model, and a clean --check after."""
        tree = os.path.join(self.dir, 'repo')
        for d in ('samples', 'stdlib', os.path.join('tests', 'examples'), os.path.join('tests', 'models')):
            shutil.copytree(os.path.join(lib.ROOT, d), os.path.join(tree, d))
        os.makedirs(os.path.join(tree, 'golden'))
        for f in glob.glob(os.path.join(lib.ROOT, 'tests', 'golden', 'ok_*.moat')):
            shutil.copy(f, os.path.join(tree, 'golden'))
        if os.path.isdir('/work/shared/examples'):
            shutil.copytree('/work/shared/examples', os.path.join(tree, 'shared'))
        files = sorted(glob.glob(os.path.join(tree, '**', '*.moat'), recursive=True))
        self.assertGreater(len(files), 15)
        before_text = {f: self.read(f) for f in files}
        before_meaning = {f: model_meaning(f) for f in files}

        r = run('fmt', tree)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, '', ''))
        r = run('fmt', '--check', tree)
        self.assertEqual((r.returncode, r.stdout), (0, ''))
        for f in files:
            with self.subTest(file=os.path.relpath(f, tree)):
                after = self.read(f)
                self.assertEqual(comments(after), comments(before_text[f]))
                self.assertTrue(after.endswith('\n') and not after.endswith('\n\n'))
                self.assertEqual(model_meaning(f), before_meaning[f])


def fmt_is_wired():
    if run('fmt', '--help').returncode != 0:
        return (f'{lib.MOAT} has no `fmt` subcommand: add_fmt_command/run_fmt (cli/fmt_command.hpp) '
                'are not wired into cli/main.cpp')
    return None


if __name__ == '__main__':
    sys.exit(lib.main(before=fmt_is_wired, verbosity=1))
