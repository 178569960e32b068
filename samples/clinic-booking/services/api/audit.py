"""Audit events: one JSON line per action, sent over mutual TLS to the append-only audit log."""
import json
import os
import ssl
import socket
from datetime import datetime, timezone

_context = ssl.create_default_context(cafile=os.environ["AUDIT_CA"])
_context.load_cert_chain(os.environ["AUDIT_CERT"], os.environ["AUDIT_KEY"])


def audit(action, **fields):
    event = {"at": datetime.now(timezone.utc).isoformat(), "action": action, **fields}
    host, port = os.environ["AUDIT_HOST"], int(os.environ.get("AUDIT_PORT", "6514"))
    with socket.create_connection((host, port), timeout=2) as raw:
        with _context.wrap_socket(raw, server_hostname=host) as tls:
            tls.sendall(json.dumps(event).encode() + b"\n")
