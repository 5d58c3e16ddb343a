"""The similarity report: a terminal table, reports/similarity_<assignment>.csv and static HTML pages.

Each pair above the threshold gets a side-by-side page (reports/similarity/<assignment>/<a>__<b>.html)
with the lines both wrote alike highlighted, and an index links them.  Everything a student wrote
is hostile input: every piece of text is HTML-escaped, and the pages load nothing from anywhere
(no script, no CDN), so they open offline.
"""
import csv
import re
from html import escape
from pathlib import Path

STYLE = """body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}pre{margin:0;font-size:13px}
.side{width:50%}.starter{color:#999}.match{background:#ffe08a}.own{background:#f4f4f4}"""


def page_name(a, b):
    safe = lambda s: re.sub(r"[^A-Za-z0-9_.-]", "_", s)
    return f"{safe(a)}__{safe(b)}.html"


def _html(title, body):
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>{body}</body></html>\n")


def _code(unit, other_statements):
    """The unit's source, one line per row: starter lines grey, lines matching the other side highlighted."""
    if unit is None:
        return "<pre class='starter'>(not written)</pre>"
    kind = {}
    for first, last, statement in unit.statements:
        for n in range(first, last + 1):
            kind[n] = "match" if statement in other_statements else "own"
    rows = [f"<span class='{kind.get(n, 'starter')}'>{escape(line)}</span>"
            for n, line in enumerate(unit.source.splitlines(), 1)]
    return "<pre>" + "\n".join(rows) + "</pre>"


def pair_page(pair, result):
    a, b = result.works[pair.a], result.works[pair.b]
    units = list(a.units) + [u for u in b.units if u not in a.units]
    seen_a, seen_b = a.statement_set(), b.statement_set()
    rows = []
    for unit in units:
        ua, ub = a.units.get(unit), b.units.get(unit)
        if not ((ua and ua.statements) or (ub and ub.statements)):
            continue
        mark = " (alike)" if unit in pair.functions else ""
        rows.append(f"<tr><th colspan='2'>{escape(unit)}{escape(mark)}</th></tr>"
                    f"<tr><td class='side'>{_code(ua, seen_b)}</td><td class='side'>{_code(ub, seen_a)}</td></tr>")
    head = (f"<h1>{escape(pair.a)} and {escape(pair.b)}</h1><p>score {pair.score:.2f}; pairs of the class "
            f"expected to be this alike by coincidence: {pair.chance:.2g}; functions alike: "
            f"{escape(', '.join(pair.functions) or 'none')}. Highlighted: statements both wrote (names, "
            "comments and order aside); grey: starter code and comments. <a href='index.html'>all pairs</a></p>")
    table = (f"<table><tr><th>{escape(pair.a)}</th><th>{escape(pair.b)}</th></tr>{''.join(rows)}</table>")
    return _html(f"{pair.a} and {pair.b}", head + table)


def index_page(assignment, result, threshold):
    rows = "".join(f"<tr><td>{escape(p.a)}</td><td>{escape(p.b)}</td><td>{p.score:.2f}</td>"
                   f"<td>{p.chance:.2g}</td><td>{escape(', '.join(p.functions))}</td>"
                   f"<td><a href='{escape(page_name(p.a, p.b))}'>side by side</a></td></tr>" for p in result.pairs)
    notes = "".join(f"<li>{escape(n)}: {escape(why)}</li>" for n, why in result.skipped)
    reference = escape(", ".join(result.matches_reference) or "none")
    body = (f"<h1>Similarity: {escape(assignment)}</h1><p>{len(result.pairs)} pair(s) at or above "
            f"{threshold:.2f} among {result.compared} compared.</p><table><tr><th>A</th><th>B</th>"
            f"<th>score</th><th>chance pairs</th><th>functions alike</th><th></th></tr>{rows}</table>"
            f"<h2>Matches the reference solution (information, not a copy)</h2><p>{reference}</p>"
            f"<h2>Not compared</h2><ul>{notes}</ul>")
    return _html(f"Similarity: {assignment}", body)


def _cell(text):
    """A CSV cell a spreadsheet will not run as a formula (student ids are folder names: hostile too)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_reports(root, assignment, result, threshold):
    """Write the CSV, one page per pair and the index; return the CSV's path."""
    reports = Path(root) / "reports"
    folder = reports / "similarity" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    csv_path = reports / f"similarity_{assignment}.csv"
    with open(csv_path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["a", "b", "score", "functions_alike", "chance_pairs", "b_is_known_solution", "page"])
        for p in result.pairs:
            page = f"similarity/{assignment}/{page_name(p.a, p.b)}"
            out.writerow([_cell(p.a), _cell(p.b), f"{p.score:.3f}", " ".join(p.functions), f"{p.chance:.2g}", p.known, page])
            (folder / page_name(p.a, p.b)).write_text(pair_page(p, result), encoding="utf-8")
        for name in result.matches_reference:
            out.writerow([_cell(name), "(reference solution)", "", "", "", "", ""])
    (folder / "index.html").write_text(index_page(assignment, result, threshold), encoding="utf-8")
    return csv_path


def table(result, top=20):
    """The top pairs as plain text, then the notes."""
    lines = [f"{'student A':<16} {'student B or known solution':<36} {'score':>5} {'chance':>7}  functions alike"]
    for p in result.pairs[:top]:
        lines.append(f"{p.a:<16} {p.b:<36} {p.score:5.2f} {p.chance:7.1g}  {', '.join(p.functions)}")
    if len(result.pairs) > top:
        lines.append(f"... and {len(result.pairs) - top} more pair(s) in the CSV")
    if not result.pairs:
        lines.append("(no pair at or above the threshold)")
    if result.matches_reference:
        lines.append(f"{len(result.matches_reference)} student(s) match the reference solution (information, "
                     "not a copy): " + ", ".join(result.matches_reference[:10])
                     + (" ..." if len(result.matches_reference) > 10 else ""))
    for name, why in result.skipped:
        lines.append(f"not compared: {name}: {why}")
    return "\n".join(lines)
