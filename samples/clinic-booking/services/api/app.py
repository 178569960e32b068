"""The booking API: appointments for patients, the staff console's calls, reminder jobs."""
# @moat element api
import os

import psycopg
from authlib.integrations.flask_oauth2 import ResourceProtector
from flask import Flask, abort, g, jsonify, request

from .audit import audit
from .oidc import OidcTokenValidator

app = Flask(__name__)
require_token = ResourceProtector()
require_token.register_token_validator(OidcTokenValidator(os.environ["OIDC_ISSUER"]))


def role_required(role):
    """Role-based authorisation: the token's roles must include `role`."""
    def wrap(view):
        def check(*args, **kwargs):
            if role not in g.token.get("roles", []):
                abort(403)
            return view(*args, **kwargs)
        check.__name__ = view.__name__
        return check
    return wrap


@app.post("/appointments")
@require_token("booking")
def book():
    body = request.get_json(force=True)
    if not isinstance(body.get("slot"), str) or len(body.get("name", "")) > 200:
        abort(400)
    with psycopg.connect(os.environ["BOOKINGS_DSN"], sslmode="verify-full") as db:
        # Parameterised: patient input never becomes SQL.
        row = db.execute(
            "INSERT INTO appointments (patient_name, email, slot) VALUES (%s, %s, %s) RETURNING id",
            (body["name"], body["email"], body["slot"]),
        ).fetchone()
    audit("appointment.created", appointment=row[0], subject=g.token["sub"])
    return jsonify(id=row[0]), 201


@app.get("/staff/appointments")
@require_token("staff")
@role_required("receptionist")
def list_for_staff():
    with psycopg.connect(os.environ["BOOKINGS_DSN"], sslmode="verify-full") as db:
        rows = db.execute("SELECT id, patient_name, slot FROM appointments WHERE clinic = %s",
                          (g.token["clinic"],)).fetchall()
    audit("appointments.listed", subject=g.token["sub"], count=len(rows))
    return jsonify([{"id": r[0], "name": r[1], "slot": r[2]} for r in rows])
