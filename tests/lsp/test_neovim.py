#!/usr/bin/env python3
"""A real editor against `moat lsp`: Neovim's built-in LSP client, headless, driven by
tests/lsp/nvim_client.lua (diagnostics at the right line, cleared after an edit; hover,
definition, formatting, completion after `authn = `, a rename). Prints "skip: nvim not installed" and passes when there is no Neovim
(scripts/setup.sh installs it)."""
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import moat_testlib as lib  # noqa: E402

# Line 15 names an element that does not exist; line 9 is not in the canonical layout.
MODEL = """model "Shop" {
  owner = "sec@example.com"
}

use stride
use soc2

boundary cloud "Cloud" {
  trust   =    internal
  process api "API" { authn = oidc, validates_input = true }
}

actor customer "Customer"

flow order: customer -> apii "Order" { protocol = https }
"""


class Neovim(lib.TempDirTest):
    def test_neovim_client(self):
        model = self.write("shop.moat", MODEL)
        env = dict(os.environ, MOAT=lib.MOAT, MODEL=model, HOME=self.dir,
                   XDG_CONFIG_HOME=self.dir, XDG_DATA_HOME=self.dir, XDG_STATE_HOME=self.dir,
                   XDG_CACHE_HOME=self.dir)
        script = os.path.join(HERE, "nvim_client.lua")
        run = subprocess.run(["nvim", "--headless", "--clean", "-n", "-c", "luafile " + script],
                             env=env, cwd=self.dir, capture_output=True, text=True, timeout=180)
        output = run.stdout + run.stderr
        print(output)
        self.assertEqual(run.returncode, 0, output)
        self.assertIn("neovim: 0 failure(s)", output)


def before():
    if shutil.which("nvim") is None:
        print("skip: nvim not installed (scripts/setup.sh installs Debian's neovim)")
        return 0
    return None


if __name__ == "__main__":
    sys.exit(lib.main(__doc__, before=before))
