"""A minimal LSP client for the tests: starts `moat lsp`, frames JSON-RPC messages with
Content-Length headers, and reads replies and notifications with a time limit. Python standard
library only."""
import json
import os
import queue
import subprocess
import threading
import time


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def uri(path):
    return "file://" + os.path.abspath(path)


class Client:
    def __init__(self, moat, cwd=None, env=None):
        self.proc = subprocess.Popen([moat, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=cwd, env=env)
        self.inbox = queue.Queue()
        self.next_id = 0
        self.diagnostics = {}  # uri -> the last published list
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send_raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_raw(frame(json.dumps(message).encode()))

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def request_async(self, method, params=None):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        return self.next_id

    def next_message(self, timeout=30):
        """The next message from the server (diagnostics are also recorded); None at its end."""
        message = self.inbox.get(timeout=timeout)
        if message and message.get("method") == "textDocument/publishDiagnostics":
            p = message["params"]
            self.diagnostics[p["uri"]] = p["diagnostics"]
        return message

    def wait_response(self, rid, timeout=30):
        deadline = time.time() + timeout
        while True:
            m = self.next_message(max(0.1, deadline - time.time()))
            if m is None:
                raise AssertionError("the server ended before answering %r" % rid)
            if "method" not in m and m.get("id") == rid:
                return m

    def request(self, method, params=None, timeout=30):
        return self.wait_response(self.request_async(method, params), timeout)

    def wait_diagnostics(self, file_uri, predicate=lambda d: True, timeout=30):
        """Waits until the last diagnostics published for `file_uri` satisfy `predicate`."""
        deadline = time.time() + timeout
        while True:
            if file_uri in self.diagnostics and predicate(self.diagnostics[file_uri]):
                return self.diagnostics[file_uri]
            remaining = deadline - time.time()
            if remaining <= 0:
                raise AssertionError("no matching diagnostics for %s; last: %r"
                                     % (file_uri, self.diagnostics.get(file_uri)))
            try:
                if self.next_message(remaining) is None:
                    raise AssertionError("the server ended")
            except queue.Empty:
                pass

    def initialize(self, root=None):
        reply = self.request("initialize", {"processId": None,
                                            "rootUri": uri(root) if root else None,
                                            "capabilities": {}})
        self.notify("initialized")
        return reply

    def open(self, path, text=None, version=1):
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "moat", "version": version, "text": text}})

    def finish(self, timeout=30):
        """shutdown + exit; returns the exit code."""
        self.request("shutdown")
        self.notify("exit")
        return self.proc.wait(timeout)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
