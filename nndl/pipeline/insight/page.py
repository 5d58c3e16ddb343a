"""``reports/index.html``: the instructor's one page about the class, static, offline, every table sortable.

It holds the grade distribution (``grades.png``, embedded), per-function difficulty, the
misconceptions, the item analysis with its flags, what the last regrade changed, links to the
similarity reports when they exist, who needs help, and relative links to every student's
feedback pages.  Student ids and failure messages are what students wrote or caused: every piece of
text is HTML-escaped, every link built from one is percent-encoded, and the only script is the
page's own few lines that sort a table when its header is clicked.
"""
import base64
import html
import math
import os
from pathlib import Path
from urllib.parse import quote

from nndl.pipeline.insight.misconceptions import UNKNOWN

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .5em;
vertical-align:top;text-align:left}th{background:#eee;cursor:pointer;user-select:none}
th:after{content:" \\2195";color:#999}td.n{text-align:right}.flag{color:#b00020;font-weight:bold}
summary{font-size:1.25em;font-weight:bold;margin:.8em 0;cursor:pointer}img{max-width:100%}
.warn{color:#b00020;font-weight:bold}small{color:#555}
"""
# sorts a table by the clicked column: numbers by the cell's data-v, else by its text; again: reversed
SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function(th){th.addEventListener("click",function(){
var col=th.cellIndex,body=th.closest("table").tBodies[0],rows=Array.from(body.rows),up=th.dataset.up!=="1";th.dataset.up=up?"1":"0";
function key(r){var c=r.cells[col],v=c.dataset.v;return v===undefined?c.textContent.toLowerCase():parseFloat(v);}
rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(up?1:-1);});
rows.forEach(function(r){body.appendChild(r);});});});
"""


def _e(text):
    return html.escape(str(text), quote=True)


def _cell(value, number=None):
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return f"<td>{value}</td>"
    return f'<td class="n" data-v="{number:.6g}">{value}</td>'


def _table(header, rows):
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def _section(title, content, open_=True):
    return f"<details{' open' if open_ else ''}><summary>{_e(title)}</summary>\n{content}\n</details>"


def feedback_links(root, out, student, assignment):
    """Relative links (from ``out``) to the student's feedback pages of ``assignment`` that exist."""
    folder = Path(root) / "feedback" / student / assignment
    pages = sorted(folder.glob("*.html")) if folder.is_dir() and student not in ("", ".", "..") else []
    links = []
    for page in pages:
        href = "/".join(quote(part) for part in Path(os.path.relpath(page, out)).parts)
        links.append(f'<a href="{_e(href)}">{_e(page.stem)}</a>')
    return links


def write_page(path, root, grades, helped, found, items, changes, threshold, png=None, unisolated=False):
    """Write the page to ``path`` (``found``: misconceptions; ``changes``: the last regrade's)."""
    out = Path(path).parent
    parts = [f"<h1>Class report: {_e(', '.join(grades.assignments))}</h1>"]
    if unisolated:
        parts.append('<p class="warn">Graded WITHOUT isolation (--unisolated): student code ran outside the jail.</p>')
    nav = ["grades", "difficulty", "misconceptions", "item analysis", "regrade changes", "similarity", "who needs help"]
    parts.append("<p>" + " · ".join(_e(n) for n in nav) + " · <small>click a column's header to sort</small></p>")
    if png and Path(png).is_file():
        data = base64.b64encode(Path(png).read_bytes()).decode()
        parts.append(_section("Grade distribution", f'<img alt="grade distribution" src="data:image/png;base64,{data}">'))

    rows = []
    for student in grades.students:
        row = [_cell(_e(student))]
        links = []
        for a in grades.assignments:
            entry = grades.entry(student, a)
            if entry is None:
                row.append(_cell("not submitted"))
            elif grades.missing(student, a):
                row.append(_cell(f"0/{entry[1]:g} missing", 0))
            else:
                row.append(_cell(f"{entry[0]:g}/{entry[1]:g}", entry[0]))
            links += feedback_links(root, out, student, a)
        total = grades.total(student)
        row.append(_cell("—" if total is None else f"{total:.0f}%", total))
        row.append(_cell(" ".join(links)))
        rows.append(row)
    parts.append(_section("Grades", _table(["student"] + grades.assignments + ["total", "feedback"], rows)))

    rows = [[_cell(_e(i.assignment)), _cell(_e(i.grade_id)), _cell(f"{100 * i.difficulty:.0f}%", i.difficulty),
             _cell(str(i.students), i.students)] for i in sorted(items, key=lambda i: i.difficulty)]
    parts.append(_section("Difficulty per function (mean score, hardest first)",
                          _table(["assignment", "test cell", "mean score", "students"], rows)))

    rows = []
    for r in found:
        who = ", ".join(_who(root, out, s, r.assignment) for s in r.students)
        rows.append([_cell(_e(r.assignment)), _cell(_e(r.grade_id)),
                     _cell(f"<b>{_e(r.mistake)}</b>" if r.mistake != UNKNOWN else f"<i>{_e(r.mistake)}</i>"),
                     _cell(f"{len(r.students)}/{r.graded} ({100 * r.share:.0f}%)", r.share),
                     _cell(_e(r.diagnosis) if r.mistake != UNKNOWN else
                           "<br>".join(f"<code>{_e(m)}</code>" for m in r.examples)),
                     _cell(who)])
    parts.append(_section("Misconceptions of the class", (
        "<p>A failed test cell counts under the catalogued mistake (notebooks/mistakes.toml) that explains it; "
        f"{_e(UNKNOWN)} rows show a few failure messages, to catalogue the mistake behind them.</p>"
        + _table(["assignment", "test cell", "mistake", "students", "diagnosis / example messages", "who"], rows))
        if rows else "<p>No test cell was failed.</p>"))

    rows = []
    for i in items:
        d = i.discrimination
        rows.append([_cell(_e(i.assignment)), _cell(_e(i.grade_id)), _cell(str(i.students), i.students),
                     _cell(f"{100 * i.difficulty:.0f}%", i.difficulty),
                     _cell("—" if math.isnan(d) else f"{d:+.2f}", None if math.isnan(d) else d),
                     _cell(str(i.timeouts), i.timeouts), _cell(str(i.crashes), i.crashes),
                     _cell(f'<span class="flag">{_e("; ".join(i.flags))}</span>' if i.flags else "", len(i.flags))])
    parts.append(_section("Item analysis per test cell", (
        "<p>Discrimination: the correlation of the cell's score with the student's other points (item-rest). "
        "Flagged cells more often hide a broken test than a hard one.</p>"
        + _table(["assignment", "test cell", "students", "mean score", "discrimination", "timeouts", "crashes",
                  "flags"], rows))))

    rows = [[_cell(_e(c.student)), _cell(_e(c.assignment)), _cell(_e(c.grade_id)), _cell(_e(c.before)),
             _cell(_e(c.after)), _cell(_e(c.why))] for c in changes]
    parts.append(_section("What the last regrade changed", _table(
        ["student", "assignment", "test cell", "before", "after", "why"], rows) if rows else
        "<p>Nothing changed (or this was the first run of these submissions).</p>"))

    similar = sorted(p for p in out.glob("similarity*") if p.suffix in (".csv", ".html"))
    similar += sorted(p for p in out.glob("similarity*/index.html"))
    parts.append(_section("Similarity", "<ul>" + "".join(
        f'<li><a href="{_e(quote(os.path.relpath(p, out)))}">{_e(os.path.relpath(p, out))}</a></li>'
        for p in similar) + "</ul>" if similar else "<p>No similarity report in this folder.</p>", open_=bool(similar)))

    rows = []
    for student, total, lost in helped:
        what = "; ".join(f"{a} {f or ''} {note}".strip() for a, f, _, _, note in lost)
        rows.append([_cell(_who(root, out, student, None)), _cell(f"{total:.0f}%", total), _cell(_e(what))])
    parts.append(_section(f"Who needs help (below {threshold:g}%)", _table(["student", "total", "where they lost points"],
                                                                           rows) if rows else "<p>Nobody.</p>"))
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(parts) + f"\n<script>{SCRIPT}</script></body></html>\n")
    Path(path).write_text(page)


def _who(root, out, student, assignment):
    """The student's id, linked to their first feedback page (of ``assignment``, or of any)."""
    folder = Path(root) / "feedback" / student
    assignments = [assignment] if assignment else (sorted(p.name for p in folder.iterdir() if p.is_dir())
                                                   if folder.is_dir() else [])
    for a in assignments:
        links = feedback_links(root, out, student, a)
        if links:
            href = links[0].split('"')[1]
            return f'<a href="{href}">{_e(student)}</a>'
    return _e(student)
