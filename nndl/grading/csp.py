"""Content-Security-Policies for the pages that show a student's work: a second wall behind the
sanitiser (``nndl.grading.sanitize``), so that if some student HTML ever slipped through it, the
browser would still run none of it and fetch nothing it names.

* Feedback pages (static files, opened anywhere): a ``<meta http-equiv>`` policy in the page's head
  (:func:`feedback_policy`), filled in by ``nndl.grading.feedback.FeedbackExporter``. Scripts run only
  if their text is one of the page head's own (the template's MathJax set-up and unpacker) or MathJax
  itself, each by its SHA-256; images only from ``data:``; nothing is fetched or submitted.
* The formgrader's submission pages (``/formgrader/submissions/<id>/``, served by the instructor's
  Jupyter server): a ``Content-Security-Policy`` header added by this module's server extension
  (enabled in ``jupyter/jupyter_server_config.json``). Scripts only from the server itself, the
  MathJax CDN nbgrader's template names, and the inline scripts and handlers that come before the
  student's notebook in the page (nbgrader's own), by hash; no ``javascript:`` URL; images only from
  the server and ``data:``. (That maths still typesets there under this policy, MathJax 2 from the CDN,
  could not be checked without the internet.)
"""
import base64
import hashlib
import re

from tornado.web import OutputTransform

CSP_PLACEHOLDER = "nndl-content-security-policy"
SCRIPT_TEXT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
MATHJAX_CDN = "https://cdnjs.cloudflare.com"  # nbconvert's default mathjax_url, used by nbgrader's formgrade template
SUBMISSION_PAGE = re.compile(r"/formgrader/submissions/[^/]+/?$")
NOTEBOOK_START = 'id="notebook-container"'


def script_hash(text):
    """The CSP source expression that lets an inline script (or handler) with this exact text run."""
    digest = hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html_text):
    """The texts of the inline ``<script>`` elements of ``html_text`` (not those with a ``src``)."""
    return [text for attributes, text in SCRIPT_TEXT.findall(html_text) if "src=" not in attributes.lower()]


def feedback_policy(head, extra_scripts=()):
    """The policy of a feedback page whose ``<head>`` is ``head``: its inline scripts, and the scripts
    ``extra_scripts`` (texts or bytes) they add (MathJax, unpacked), may run; nothing else."""
    hashes = sorted({script_hash(text) for text in [*inline_scripts(head), *extra_scripts]})
    return ("default-src 'none'; script-src " + " ".join(hashes) + "; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


def formgrader_policy(page):
    """The policy of a formgrader submission page: nbgrader's own inline scripts and handlers (all before
    the notebook in the page) by hash, its files from the server, MathJax from the CDN."""
    trusted = page.split(NOTEBOOK_START, 1)[0]
    hashes = sorted({script_hash(text) for text in inline_scripts(trusted)}
                    | {script_hash(a or b) for a, b in HANDLER.findall(trusted)})
    # 'unsafe-eval': MathJax 2 runs nbgrader's MathJax configuration block with eval (it allows no inline
    # script, handler or javascript: URL)
    return (f"default-src 'none'; script-src 'self' {MATHJAX_CDN} 'unsafe-eval' 'unsafe-hashes' " + " ".join(hashes) +
            f"; style-src 'self' 'unsafe-inline' {MATHJAX_CDN}; font-src 'self' data: {MATHJAX_CDN}; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


class SubmissionPagePolicy(OutputTransform):
    """Adds :func:`formgrader_policy` to every answer of the formgrader's submission page."""

    def __init__(self, request):
        super().__init__(request)
        self.applies = bool(SUBMISSION_PAGE.search(request.path))

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self.applies and headers.get("Content-Type", "").startswith("text/html"):
            headers["Content-Security-Policy"] = formgrader_policy(chunk.decode("utf-8", "replace"))
        return status_code, headers, chunk


def _jupyter_server_extension_points():
    return [{"module": "nndl.grading.csp"}]


def _load_jupyter_server_extension(serverapp):
    serverapp.web_app.add_transform(SubmissionPagePolicy)
    serverapp.log.info("nndl: the formgrader's submission pages get a Content-Security-Policy")
