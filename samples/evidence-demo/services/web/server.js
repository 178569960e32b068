// Storefront: renders the catalogue and forwards orders to the payments API.
const express = require("express");
const _ = require("lodash");

const app = express();
app.get("/products", (req, res) => res.json(_.sortBy(catalogue(), "name")));
app.post("/orders", async (req, res) => res.json(await charge(req.body)));
app.listen(8080);
