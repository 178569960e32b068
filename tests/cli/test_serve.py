#!/usr/bin/env python3
"""`moat serve` as an HTTP server, without a browser: what it answers (its own files, the state,
events on every save), what it refuses (other paths, other Host headers, methods other than GET,
pages beyond the cap), a port that is taken, session memory (`--since`) and a clean stop.

    python3 tests/cli/test_serve.py --moat build/moat --root .
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

MODEL = """model "Served" { version = "1" }
use stride
use soc2
actor user "User"
boundary dmz "DMZ" {
  trust = partner
  process api "API" { description = "the API" }
}
store db "DB" { holds = [rec] }
data rec "Record" { classification = confidential }
flow user -> api "Call" { protocol = http }
flow api -> db "Write" { protocol = sql, carries = [rec] }
"""


class Served:
    """A running `moat serve` on any free port, its URL read from the line it prints."""

    def __init__(self, model, *args, cwd=None):
        self.proc = subprocess.Popen([lib.MOAT, "serve", "--port", "0", "--today", "2026-01-01", *args, model],
                                     cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise AssertionError(f"no URL printed: {line!r} {self.proc.stderr.read()}")
        self.port = int(m.group(1))
        self.stderr = []
        self.reader = threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True)
        self.reader.start()

    def request(self, method, path, host=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        h = {"Host": f"127.0.0.1:{self.port}" if host is None else host, **(headers or {})}
        c.request(method, path, headers=h)
        r = c.getresponse()
        body = r.read()
        c.close()
        return r, body

    def state(self):
        r, body = self.request("GET", "/api/state")
        assert r.status == 200, r.status
        return json.loads(body)

    def wait_state(self, predicate, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.state()
            if predicate(s):
                return s
            time.sleep(0.05)
        raise AssertionError("the state never matched")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # The process has ended, but the reader may not have taken its last lines yet (a loaded
        # machine showed "moat: stopped" missing): wait for it to reach the end of stderr.
        self.reader.join(timeout=10)
        self.proc.stdout.close()
        return self.proc.returncode


def open_stream(port):
    """An event stream opened on a raw socket; returns the socket and the answer's first bytes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(f"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data or (b" 200 " in data.split(b"\r\n")[0] and b"event: state" not in data):
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    return s, data.decode("utf-8", "replace")


class Serve(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        self.model = self.write("main.moat", MODEL)
        self.server = Served(self.model)

    def tearDown(self):
        self.server.stop()
        super().tearDown()

    def test_page_and_its_files_with_security_headers(self):
        for path, kind in (("/", "text/html"), ("/index.html", "text/html"), ("/app.js", "text/javascript"),
                           ("/panel.js", "text/javascript"),
                           ("/app.css", "text/css"), ("/report.css", "text/css"),
                           ("/api/state", "application/json")):
            with self.subTest(path=path):
                r, body = self.server.request("GET", path)
                self.assertEqual(r.status, 200)
                self.assertTrue(r.getheader("Content-Type").startswith(kind), r.getheader("Content-Type"))
                csp = r.getheader("Content-Security-Policy")
                self.assertIn("default-src 'none'", csp)
                self.assertIn("script-src 'self'", csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertEqual(r.getheader("X-Content-Type-Options"), "nosniff")
                self.assertGreater(len(body), 100)
        _, page = self.server.request("GET", "/")
        self.assertNotIn(b"<script>", page)  # the script is its own file: no inline script

    def test_state_is_the_json_document_and_the_diagram(self):
        s = self.server.state()
        self.assertTrue(s["ok"])
        doc = s["page"]["document"]
        self.assertEqual(doc["model"]["name"], "Served")
        self.assertEqual(sorted(e["id"] for e in doc["elements"]), ["api", "db", "dmz", "rec", "user"])
        self.assertIn("<svg", s["page"]["diagram"]["svg"])
        self.assertIn("worksheet", s["page"]["worksheet"])
        self.assertEqual(s["page"]["elements"]["db"]["stride"], "TRID")
        self.assertEqual(s["since"]["summary"], "no changes")

    def test_only_its_own_paths(self):
        for path in ("/main.moat", "/../main.moat", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/api",
                     "/appXjs", "/api/state/x", "//etc/passwd", "/index.html/.."):
            with self.subTest(path=path):
                r, body = self.server.request("GET", path)
                self.assertEqual(r.status, 404, path)
                self.assertNotIn(b"Served", body)

    def test_other_hosts_are_refused(self):
        port = self.server.port
        for host in (f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", f"127.0.0.1:{port + 1}",
                     "localhost", f"10.0.0.1:{port}", ""):
            with self.subTest(host=host):
                r, _ = self.server.request("GET", "/api/state", host=host)
                self.assertEqual(r.status, 403)
        for host in (f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}", f"127.0.0.1:{port}"):
            with self.subTest(host=host):
                r, _ = self.server.request("GET", "/api/state", host=host)
                self.assertEqual(r.status, 200)

    def test_other_sites_pages_get_no_data(self):
        for site in ("cross-site", "same-site"):
            for path in ("/api/state", "/api/events"):
                with self.subTest(site=site, path=path):
                    r, _ = self.server.request("GET", path, headers={"Sec-Fetch-Site": site})
                    self.assertEqual(r.status, 403)
        r, _ = self.server.request("GET", "/api/state", headers={"Sec-Fetch-Site": "same-origin"})
        self.assertEqual(r.status, 200)
        r, _ = self.server.request("GET", "/", headers={"Sec-Fetch-Site": "cross-site"})
        self.assertEqual(r.status, 200)  # a link from elsewhere still opens the page

    def test_only_get(self):
        for method in ("HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
            with self.subTest(method=method):
                r, _ = self.server.request(method, "/api/state")
                self.assertEqual(r.status, 405)
                self.assertEqual(r.getheader("Allow"), "GET")

    def test_explain_and_boundary_views(self):
        threat = self.server.state()["page"]["document"]["threats"][0]["id"]
        r, body = self.server.request("GET", "/api/explain?threat=" + threat)
        self.assertEqual(r.status, 200)
        self.assertIn(threat.split(".")[1], body.decode())
        r, body = self.server.request("GET", "/api/explain?threat=nope.nope")
        self.assertIn("no threat", body.decode())
        r, body = self.server.request("GET", "/api/explain?threat=" + "x" * 300)
        self.assertEqual(r.status, 400)
        r, body = self.server.request("GET", "/api/diagram?boundary=dmz")
        view = json.loads(body)
        self.assertIn("view: boundary dmz", view["svg"])
        r, body = self.server.request("GET", "/api/diagram?boundary=api")
        self.assertEqual(json.loads(body)["error"], "no such boundary")

    def test_a_save_is_pushed_and_errors_keep_the_last_good_state(self):
        s, head = open_stream(self.server.port)
        try:
            self.assertIn("text/event-stream", head)
            self.assertIn('event: state\ndata: {"version":1}', head)
            with open(self.model, "a", encoding="utf-8") as f:
                f.write('external bank "Bank"\n')
            # The stream pushes the new version by itself (the 2 s bound of the issue is asserted
            # in the browser test, output.test_serve_browser; the socket's timeout ends a hang).
            data = b""
            while b'"version":2' not in data:
                data += s.recv(4096)
        finally:
            s.close()
        state = self.server.state()
        self.assertEqual(state["version"], 2)
        self.assertIn("bank", [e["id"] for e in state["page"]["document"]["elements"]])
        self.assertIn("1 new element", state["since"]["summary"])
        with open(self.model, "a", encoding="utf-8") as f:
            f.write("flow bank -> \n")
        bad = self.server.wait_state(lambda st: not st["ok"])
        errors = [d for d in bad["diagnostics"] if d["severity"] == "error"]
        self.assertTrue(errors)
        self.assertTrue(errors[0]["file"].endswith("main.moat"))
        self.assertEqual(errors[0]["line"], MODEL.count("\n") + 2)
        self.assertIn("bank", [e["id"] for e in bad["page"]["document"]["elements"]])

    def test_rapid_saves_end_in_the_last_one(self):
        # Saves arrive while the model compiles; the last one must still be shown.
        text = MODEL
        for i in range(12):
            text += f'external ext{i} "External {i}"\n'
            with open(self.model, "w", encoding="utf-8") as f:
                f.write(text)
            time.sleep(0.04 + 0.02 * (i % 4))
        self.server.wait_state(lambda st: "ext11" in [e["id"] for e in st["page"]["document"]["elements"]],
                               timeout=10)

    def test_pages_beyond_the_cap_are_refused_and_others_still_served(self):
        self.server.stop()
        self.server = Served(self.model, "--max-pages", "4")
        streams = [open_stream(self.server.port) for _ in range(4)]
        try:
            for _, head in streams:
                self.assertIn("event: state", head)
            extra, head = open_stream(self.server.port)
            extra.close()
            self.assertIn(" 503 ", head.split("\r\n")[0])
            r, _ = self.server.request("GET", "/api/state")
            self.assertEqual(r.status, 200)
        finally:
            for s, _ in streams:
                s.close()
        # A page that went away frees its place when its stream next writes (at most 5 s).
        deadline = time.time() + 15
        while time.time() < deadline:
            s, head = open_stream(self.server.port)
            s.close()
            if "event: state" in head:
                break
            time.sleep(0.5)
        self.assertIn("event: state", head)

    def test_ctrl_c_stops_with_pages_open(self):
        s, _ = open_stream(self.server.port)
        try:
            # stop() gives the server 10 s to end: a stream that held it up would fail here.
            self.assertEqual(self.server.stop(), 0)
        finally:
            s.close()
        self.assertIn("moat: stopped\n", self.server.stderr)


class ServeStart(lib.TempDirTest):
    def test_a_taken_port_is_a_clear_error(self):
        model = self.write("main.moat", MODEL)
        taken = socket.socket()
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        try:
            port = taken.getsockname()[1]
            r = lib.run("serve", "--port", str(port), model, timeout=30)
        finally:
            taken.close()
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"cannot listen on 127.0.0.1:{port}: the port is taken", r.stderr)

    def test_an_unreadable_model_is_a_usage_error(self):
        r = lib.run("serve", "--port", "0", os.path.join(self.dir, "missing.moat"), timeout=30)
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read", r.stderr)

    def test_a_model_broken_from_the_start_is_served_once_mended(self):
        model = self.write("main.moat", MODEL + "flow user ->\n")
        server = Served(model)
        try:
            state = server.state()
            self.assertFalse(state["ok"])
            self.assertIsNone(state["page"])
            self.assertEqual(state["diagnostics"][0]["severity"], "error")
            self.write("main.moat", MODEL)
            state = server.wait_state(lambda st: st["ok"])
            self.assertEqual(state["page"]["document"]["model"]["name"], "Served")
            self.assertEqual(state["since"]["summary"], "no changes")
        finally:
            server.stop()

    def test_since_a_git_revision(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        model = self.write("main.moat", MODEL)
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
        subprocess.run(["git", "init", "-q"], cwd=self.dir, check=True)
        subprocess.run(git + ["add", "main.moat"], cwd=self.dir, check=True)
        subprocess.run(git + ["commit", "-q", "-m", "skeleton"], cwd=self.dir, check=True)
        self.write("main.moat", MODEL.replace('protocol = http }', 'protocol = https }')
                   + 'external bank "Bank"\nexternal mail "Mail"\n')
        server = Served(model, "--since", "HEAD", cwd=self.dir)
        try:
            since = server.state()["since"]
            self.assertEqual(since["label"], "HEAD")
            self.assertIn("2 new elements", since["summary"])
            self.assertIn("threat", since["summary"])
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
