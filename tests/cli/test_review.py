#!/usr/bin/env python3
"""The review cadence (issue 14, item 5): `model { reviewed, review_every }` warns when --today
is past the next review and shows both dates on the report's title page; an assumption's
`verified` date goes stale after review_every, with its own warning and a mark in the report.

    python3 tests/cli/test_review.py --moat build/moat --root .
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

MODEL = """model "Cadence" { reviewed = 2026-06-01, review_every = 90d }
use stride
process api "API"
assumption lb_tls "TLS terminates at the load balancer" { status = verified, verified = 2026-01-10 }
assumption waf "The WAF blocks injection" { verified = 2026-08-01 }
"""
MODEL_OVERDUE = ("m.moat:1:1: warning: the model was last reviewed on 2026-06-01 and is reviewed "
                 "every 90d: the next review was due on 2026-08-30 [OverdueItem]")
LB_STALE = ("m.moat:4:12: warning: assumption 'lb_tls' was last verified on 2026-01-10 and is stale "
            "since 2026-04-10 (the model is reviewed every 90d) [OverdueItem]")


class Review(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        self.write("m.moat", MODEL)

    def check(self, today):
        return lib.run("check", "--today", today, "m.moat", cwd=self.dir)

    def test_no_warning_up_to_the_due_date(self):
        r = self.check("2026-08-30")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("the next review was due", r.stderr)
        self.assertIn(LB_STALE, r.stderr)  # verified in January: stale since April
        self.assertNotIn("'waf'", r.stderr)  # verified in August: fresh until 2026-10-30

    def test_a_warning_the_day_after(self):
        r = self.check("2026-08-31")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(MODEL_OVERDUE, r.stderr)

    def test_the_title_page_and_the_assumptions(self):
        out = os.path.join(self.dir, "out")
        r = lib.run("build", "--today", "2026-11-01", "--formats", "markdown", "-o", out, "m.moat",
                    cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "m.report.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertIn("| Last review | 2026-06-01 |", md)
        self.assertIn("| Next review due | 2026-08-30 (every 90d) 🔴 overdue |", md)
        self.assertIn("🟢 verified<br>verified 2026-01-10 🔴 stale |", md)
        self.assertIn("<br>verified 2026-08-01 🔴 stale |", md)  # past 2026-10-30 by then

    def test_nothing_without_a_cadence(self):
        self.write("m.moat", 'model "Plain"\nuse stride\nprocess api "API"\n'
                   'assumption a "A" { verified = 2020-01-01 }\n')
        out = os.path.join(self.dir, "out")
        r = lib.run("build", "--today", "2026-11-01", "--formats", "markdown", "-o", out, "m.moat",
                    cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("OverdueItem", r.stderr)
        with open(os.path.join(out, "m.report.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertNotIn("Last review", md)
        self.assertIn("verified 2020-01-01 |", md)  # shown, but never stale without review_every


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
