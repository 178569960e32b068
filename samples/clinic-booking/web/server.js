// The booking site: serves the booking pages and forwards bookings to the booking API.
// @moat element site
const express = require("express");
const helmet = require("helmet");
const csrf = require("csurf");
const rateLimit = require("express-rate-limit");
const morgan = require("morgan");

const API_URL = process.env.BOOKING_API_URL; // https only; TLS ends at the load balancer
const app = express();

app.use(helmet()); // hardened headers, no framework banner
app.use(express.urlencoded({ extended: false, limit: "16kb" }));
app.use(rateLimit({ windowMs: 60_000, limit: 30 }));
app.use(csrf({ cookie: false }));

// Access log of every request, shipped to the audit pipeline (being rolled out: SEC-142).
// @moat mitigation site_access_log
app.use(morgan("combined"));

app.post("/book", async (req, res) => {
  const { name, email, slot } = req.body;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(slot || "")) {
    return res.status(400).render("book", { error: "Pick a time slot." });
  }
  const reply = await fetch(`${API_URL}/appointments`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${req.session.token}` },
    body: JSON.stringify({ name, email, slot }),
  });
  res.status(reply.status).render("booked", { ok: reply.ok }); // templates escape output
});

app.listen(process.env.PORT || 8080);
