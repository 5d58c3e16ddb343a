"""What the feedback page shows of a graded notebook, beyond nbgrader's own steps.

The page is nbgrader's feedback template with the course's changes
(``templates/feedback/nndl_feedback.html.j2``), filled by these GenerateFeedback
preprocessors (all set up in ``grader_config.py``):

* ``HideScoreOutput`` drops the bare score that each test cell carries as its result
  (``Out[..]: 2.0``): nbgrader reads it for partial credit when grading, but on the page
  the verdict above it already says "... 2 of 4 points";
* ``NameTestCells`` names each test cell after what it tests (``sigmoid()``), for the
  page's table of contents, which otherwise lists "Test cell" again and again;

and the template's ``mathjax()`` macro (``templates/feedback/mathjax.html.j2``) inlines MathJax
itself in the page's head, from the ``django-static-mathjax`` package (one file, fonts
included; the ``mathjax_source`` filter hands it over, gzip-compressed: a class's pages are
mostly this one script), so that the page renders its maths on a student's machine without
the internet, wherever the file is opened.

``unreadable_page`` is the page for a submission that could not be graded at all, so that
its 0 comes with a reason and what to do.
"""
import base64
import functools
import gzip
import html
import json
import re
from importlib.resources import files

from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List

from nndl.grade_ids import answer_of
from nndl.grading.csp import CSP_PLACEHOLDER, feedback_policy
from nndl.grading.release import is_test_cell
from nndl.grading.sanitize import markdown2html as safe_markdown2html

MATHJAX_FILE = "es5/tex-svg-full.js"  # TeX input, SVG output, every TeX extension, fonts inside: one file
MATHJAX_SAFE_FILE = "es5/ui/safe.js"


class FeedbackStep(NbGraderPreprocessor):
    """A step of the feedback pages. nbconvert's HTML exporter configures ``display_data_priority`` for every
    step it runs (as ``NbConvertBase``'s); nbgrader's base class declares that trait without letting it be
    configured, so traitlets would warn "Config option `display_data_priority` not recognized" for each step of
    each page (hundreds of lines of reports/grading.log). Here it can be configured, as in nbgrader's GetGrades."""

    display_data_priority = List(NbGraderPreprocessor.display_data_priority.default_value).tag(config=True)


class HideScoreOutput(FeedbackStep):
    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if is_test_cell(cell):
                cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "execute_result"]
        return nb, resources


class NameTestCells(FeedbackStep):
    """Note in each test cell's metadata what it tests: ``sigmoid()`` for a function the notebook
    defines, else the name of its answer cell (``dataset_sizes``)."""

    def preprocess(self, nb, resources):
        defined = set()
        for cell in nb.cells:
            if cell.cell_type == "code":
                defined |= set(re.findall(r"^def\s+(\w+)\s*\(", cell.source, re.M))
            if is_test_cell(cell):
                target = answer_of(cell.metadata.nbgrader["grade_id"])
                cell.metadata.nbgrader["nndl_tests_of"] = f"{target}()" if target in defined else target
        return nb, resources


def _inlinable(text):
    """Script text that cannot end its <script> element or open an HTML comment ("\/" and "\!" mean
    "/" and "!" to JavaScript, in strings and in regular expressions alike)."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


@functools.cache
def mathjax_sources():
    """MathJax's one-file build, gzip-compressed and base64-encoded (``main_packed``: 0.96 MB instead of
    2.3 MB, in every feedback page; the page unpacks it), its extension that keeps TeX from making links
    to ``javascript:`` or loading URLs in styles (``safe``, what nbconvert's CDN URL asks for with
    ``,Safe``), inlinable, MathJax's ``version``, and its text as it is (``main``: the page's
    Content-Security-Policy names its hash)."""
    package = files("mathjax") / "static" / "mathjax"
    main = (package / MATHJAX_FILE).read_bytes()
    return {"version": json.loads((package / "package.json").read_text())["version"],
            "main": main,
            "main_packed": base64.b64encode(gzip.compress(main, compresslevel=9, mtime=0)).decode("ascii"),
            "safe": _inlinable((package / MATHJAX_SAFE_FILE).read_text(encoding="utf-8"))}


def mathjax_source(part):
    """Jinja filter (``"main_packed" | mathjax_source``) for the feedback template's ``mathjax()`` macro:
    one of :func:`mathjax_sources`."""
    return mathjax_sources()[part]


def unreadable_page(assignment, notebook, problem):
    """A self-contained HTML page explaining why ``notebook`` scored 0 and how to hand it in again."""
    title = html.escape(f"{assignment} / {notebook}.ipynb: not graded")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.5 }}</style></head>
<body><h1>{title}</h1>
<p><strong>Score: 0.</strong> {html.escape(problem[:1:].upper() + problem[1:])}.</p>
<p>What to do: open your notebook in JupyterLab. If it does not open, the file was damaged (for example
cut short while uploading); take your last good copy (JupyterLab keeps one in
<code>.ipynb_checkpoints/</code>), check that it opens and runs, save it, and hand it in again, as a
<code>.ipynb</code> file, not renamed or zipped twice. Then ask your instructor to grade it again.</p>
</body></html>
"""


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter, made cheaper for pages rendered by the thousand.

    * One Jinja environment per process instead of one per page: nbgrader makes a new exporter
      for every feedback page, and each would load and compile the templates again (about
      0.15 s of CPU a page).  Exporters configured alike share one environment.
    * Each code cell highlighted, and each Markdown cell rendered, once per process: most cells (the
      course's text and code, the tests) are the same on every student's page, and pygments took
      about 0.1 s of CPU a page, the Markdown renderer about 0.03 s.
    * No second parse of the finished page: nbconvert parses every page again with
      BeautifulSoup only to add a default ``alt`` text to images and ``tabindex`` to JupyterLab
      cells (which the feedback template does not have); that took as long as the rendering
      itself.  The ``alt`` text is added here directly.
    * The page's Content-Security-Policy (``nndl.grading.csp``) names the hashes of the scripts of its head.
    * Markdown is rendered and cleaned by the course's sanitiser (``nndl.grading.sanitize``), as on the
      formgrader's pages.
    The page is otherwise nbconvert's template.
    """

    _environments = {}

    def _create_environment(self):
        key = (tuple(self.template_paths), self.template_file, tuple(sorted(self.filters)))
        if key not in self._environments:
            self._environments[key] = super()._create_environment()
        return self._environments[key]

    def from_notebook_node(self, nb, resources=None, **kw):
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        resources = self._init_resources(resources)
        self.register_filter("highlight_code", self.filters.get("highlight_code", _remembered_highlighter(
            Highlight2HTML(pygments_lexer=lexer, parent=self))))
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        head = page.split("</head>", 1)[0]
        policy = feedback_policy(head, [mathjax_sources()["main"]])
        page = page.replace(CSP_PLACEHOLDER, policy, 1)
        parts = SCRIPT.split(page)  # scripts (MathJax, inlined) at odd positions are left as they are
        return "".join(part if i % 2 else IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', part)
                       for i, part in enumerate(parts)), resources

    @pass_context
    def markdown2html(self, context, source):
        """The course's safe Markdown filter (``nndl.grading.sanitize.markdown2html``), remembered: without
        attachments, the HTML depends only on the source."""
        if context.get("cell", {}).get("attachments"):
            return safe_markdown2html(context, source)
        return _remembered(("markdown", source), lambda: safe_markdown2html(context, source))


_RENDERED = {}  # key -> HTML of a cell, the newest MAX_RENDERED, for the life of the process
MAX_RENDERED = 4096


def _remembered(key, render):
    html_text = _RENDERED.get(key)
    if html_text is None:
        html_text = render()
        if len(_RENDERED) >= MAX_RENDERED:
            del _RENDERED[next(iter(_RENDERED))]
        _RENDERED[key] = html_text
    return html_text


def _remembered_highlighter(highlight):
    """``highlight`` (nbconvert's Highlight2HTML), remembering the cells coloured lately in this process: the
    result depends only on the lexer, the formatter options, the source, the language and ``magics_language``."""
    def highlight_code(source, language=None, metadata=None):
        key = ("code", highlight.pygments_lexer, repr(highlight.extra_formatter_options), source, language,
               (metadata or {}).get("magics_language"))
        return _remembered(key, lambda: highlight(source, language, metadata))

    return highlight_code


NO_ALT = "No description has been provided for this image"
IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)", re.IGNORECASE)
SCRIPT = re.compile(r"(<script\b.*?</script\s*>)", re.IGNORECASE | re.DOTALL)
