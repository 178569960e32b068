"""Reads what Graphviz laid out from the SVG it wrote (moat renders in process with Graphviz's
own SVG renderer, so the SVG carries the layout's coordinates): nodes and their centres, the
arrows as polylines, the text sizes and the scale Graphviz applied to fit the page. Measures
edge crossings and whether the drawing fits an A3 landscape page with text no smaller than
9 pt. Used by bench/diagram_layout.py and the tests (tests/output/test_sheets.py)."""
import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
A3_PT = (420 / 25.4 * 72, 297 / 25.4 * 72)  # landscape, 1190.6 x 841.9 pt
MIN_FONT_PT = 9.0


def _floats(text):
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _points(text):
    v = _floats(text)
    return list(zip(v[0::2], v[1::2]))


def _bezier(path_d, steps=8):
    """A Graphviz edge path ("M x,y C x1,y1 x2,y2 x3,y3 ...") as a polyline."""
    pts = _points(path_d)
    if not pts:
        return []
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(1, steps + 1):
            t = s / steps
            u = 1 - t
            out.append(tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                             for a, b, c, d in zip(p0, p1, p2, p3)))
    return out


def _cross(p, q, r, s):
    """The point where segments pq and rs cross properly, else None."""
    d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0])
    if abs(d) < 1e-9:
        return None
    t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d
    u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d
    if 0 < t < 1 and 0 < u < 1:
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
    return None


class Layout:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.width_pt = _floats(root.get("width"))[0]
        self.height_pt = _floats(root.get("height"))[0]
        graph = root.find(SVG + "g")
        scale = re.search(r"scale\(([\d.]+)", graph.get("transform", ""))
        self.scale = float(scale.group(1)) if scale else 1.0
        self.nodes, self.edges, self.fonts, self.texts = {}, [], [], []
        for g in graph.iter(SVG + "g"):
            kind = g.get("class", "")
            title = g.find(SVG + "title")
            name = title.text if title is not None else ""
            if kind == "node" and not name.startswith("@"):
                self.nodes[name] = self._centre(g)
            elif kind == "edge":
                path = g.find(SVG + "path")
                self.edges.append({
                    "title": name, "line": _bezier(path.get("d")) if path is not None else [],
                    "style": path.get("stroke-dasharray") if path is not None else None,
                    "heads": len(g.findall(SVG + "polygon")),
                    "label": " ".join(t.text or "" for t in g.iter(SVG + "text")),
                })
        for t in graph.iter(SVG + "text"):
            if t.get("font-size"):
                self.fonts.append(float(t.get("font-size")))
                self.texts.append(t.text or "")

    @staticmethod
    def _centre(g):
        for shape in g:
            if shape.tag == SVG + "ellipse":
                return (float(shape.get("cx")), float(shape.get("cy")))
            if shape.tag in (SVG + "polygon", SVG + "path") and shape.get("points", shape.get("d")):
                pts = _points(shape.get("points") or shape.get("d"))
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        return (0.0, 0.0)

    def crossings(self):
        """Points where two arrows cross (not where they meet at a shared end)."""
        count = 0
        lines = [e["line"] for e in self.edges if len(e["line"]) > 1]
        boxes = [(min(p[0] for p in ln), min(p[1] for p in ln), max(p[0] for p in ln),
                  max(p[1] for p in ln)) for ln in lines]
        for i in range(len(lines)):
            for j in range(i + 1, len(lines)):
                a, b = boxes[i], boxes[j]
                if a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]:
                    continue
                ends = (lines[i][0], lines[i][-1], lines[j][0], lines[j][-1])
                seen = []
                for p, q in zip(lines[i], lines[i][1:]):
                    for r, s in zip(lines[j], lines[j][1:]):
                        x = _cross(p, q, r, s)
                        if x is None or any(abs(x[0] - e[0]) + abs(x[1] - e[1]) < 6 for e in ends):
                            continue
                        if all(abs(x[0] - y[0]) + abs(x[1] - y[1]) > 2 for y in seen):
                            seen.append(x)
                count += len(seen)
        return count

    def a3(self):
        """(the smallest text in points when printed on A3 landscape, whether it fits): a drawing
        larger than the page is scaled down to it, as a printer would."""
        fit = min(1.0, A3_PT[0] / self.width_pt, A3_PT[1] / self.height_pt)
        smallest = min(self.fonts) * self.scale * fit if self.fonts else 0.0
        return smallest, smallest >= MIN_FONT_PT - 1e-6
