#!/usr/bin/env python3
"""The CI recipes of docs/ci.md work: the workflow `moat init` writes is the one the docs show,
its moat commands run in a real git repository (a pull-request checkout with an origin), and
the pre-commit hook refuses an unformatted model and accepts a formatted one.

    python3 tests/cli/test_ci_recipes.py --moat build/moat --root .
"""
import os
import re
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402


def sh(cmd, cwd, env=None, check=True):
    p = subprocess.run(cmd, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"{cmd!r} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def git_env():
    env = dict(os.environ)
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    env["PATH"] = os.path.dirname(lib.MOAT) + os.pathsep + env["PATH"]
    return env


def fenced_blocks(text, lang):
    return re.findall(r"```" + lang + r"\n(.*?)```", text, re.S)


class Recipes(lib.TempDirTest):
    def setUp(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        super().setUp()
        self.env = git_env()

    def init_repo(self):
        origin = os.path.join(self.dir, "origin")
        os.mkdir(origin)
        sh("git init -q -b main && moat init && git add -A && git commit -qm start", origin, self.env)
        work = os.path.join(self.dir, "work")
        sh(f"git clone -q {origin} {work}", self.dir, self.env)
        return work

    def test_docs_show_the_workflow_init_writes(self):
        work = self.init_repo()
        with open(os.path.join(work, ".github", "workflows", "threat-model.yml")) as f:
            workflow = f.read()
        with open(os.path.join(lib.ROOT, "docs", "ci.md")) as f:
            docs = f.read()
        self.assertIn(workflow, fenced_blocks(docs, "yaml"))

    def test_workflow_commands_run_on_a_pull_request_checkout(self):
        work = self.init_repo()
        with open(os.path.join(work, ".github", "workflows", "threat-model.yml")) as f:
            workflow = f.read()
        commands = [line.strip() for line in workflow.splitlines() if line.strip().startswith("moat ")]
        self.assertGreaterEqual(len(commands), 4, commands)
        # The pull request changes the model: a clear-text flow appears.
        with open(os.path.join(work, "threatmodel.moat"), "a") as f:
            f.write('\nflow debug: user -> api "Debug endpoint" { carries = [credentials], protocol = http }\n')
        for cmd in commands:
            cmd = cmd.replace("${{ github.base_ref }}", "main")
            p = sh(cmd, work, self.env, check=False)
            if cmd.startswith("moat check --fail-on high"):
                self.assertEqual(p.returncode, 3, p.stderr)  # the new flow is a high open threat
            else:
                self.assertEqual(p.returncode, 0, f"{cmd}\n{p.stderr}")
        with open(os.path.join(work, "moat-diff.md")) as f:
            comment = f.read()
        self.assertIn("debug.unencrypted_crossing", comment)
        self.assertTrue(os.path.exists(os.path.join(work, "moat-out", "threatmodel.sarif")))

    def test_pre_commit_hook(self):
        work = self.init_repo()
        with open(os.path.join(lib.ROOT, "docs", "ci.md")) as f:
            hook = next(b for b in fenced_blocks(f.read(), "sh") if "pre-commit" in b)
        path = os.path.join(work, ".git", "hooks", "pre-commit")
        with open(path, "w") as f:
            f.write(hook)
        os.chmod(path, 0o755)
        model = os.path.join(work, "threatmodel.moat")
        with open(model) as f:
            text = f.read()
        with open(model, "w") as f:
            f.write(text.replace('  version    = "0.1.0"', 'version="0.1.1"'))
        sh("git add threatmodel.moat", work, self.env)
        p = sh("git commit -qm unformatted", work, self.env, check=False)
        self.assertNotEqual(p.returncode, 0, "the hook let an unformatted model through")
        sh("moat fmt threatmodel.moat && git add threatmodel.moat && git commit -qm formatted", work, self.env)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
