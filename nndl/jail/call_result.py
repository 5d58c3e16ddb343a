"""One graded call's result, as the grader holds it: read from the jail's frame, checked field by field.

The jail sends each result as a plain dict (see :mod:`nndl.jail.inside`); :meth:`CallResult.read`
is the one place that turns such a dict into a :class:`CallResult`.  A dict whose fields are not
what they should be becomes a failed call with a readable error, never an exception, so the
judges (:mod:`nndl.grading.verdicts`, :mod:`nndl.grading.judges`) read typed fields only.
The reference cache stores results as plain dicts (:meth:`CallResult.to_dict`), read back
through the same check.
"""
from dataclasses import dataclass
from typing import Any

UNREADABLE = "no readable result"
MAX_SHORT = 200  # characters kept of a signature or a line of code


@dataclass(frozen=True, eq=False)  # values are arrays: compare with nndl.grading.mutants.same
class CallResult:
    """``ok``: the call returned (its ``value``, and the arguments as they were after it, ``args_after``,
    when asked); else ``error`` says why not.  ``signature`` and ``line`` (of the notebook's code that
    raised) are short strings, "" when not known."""

    ok: bool
    value: Any = None
    error: str = ""
    args_after: list | None = None
    signature: str = ""
    line: str = ""

    @classmethod
    def failed(cls, error: str) -> "CallResult":
        return cls(False, error=error)

    @classmethod
    def read(cls, raw: Any) -> "CallResult":
        """The result a plain dict (a jail's frame or a cache entry) describes; a dict whose fields have the
        wrong types is a failed call ("no readable result")."""
        if not isinstance(raw, dict):
            return cls.failed(UNREADABLE)
        short = {}
        for name in ("signature", "line"):
            text = raw.get(name)
            if text is not None and not isinstance(text, str):
                return cls.failed(UNREADABLE)
            short[name] = (text or "")[:MAX_SHORT]
        if raw.get("ok") is True and "value" in raw:
            args_after = raw.get("args_after")
            if args_after is not None and not isinstance(args_after, list):
                return cls.failed(UNREADABLE)
            return cls(True, raw["value"], args_after=args_after, **short)
        error = raw.get("error")
        if raw.get("ok") is not False or not isinstance(error, str):
            return cls.failed(UNREADABLE)
        return cls(False, error=error, **short)

    def to_dict(self) -> dict[str, Any]:
        """The plain dict :meth:`read` reads back (for the reference cache)."""
        out: dict[str, Any] = {"ok": self.ok}
        if self.ok:
            out["value"] = self.value
            if self.args_after is not None:
                out["args_after"] = self.args_after
        else:
            out["error"] = self.error
        out.update({k: v for k, v in (("signature", self.signature), ("line", self.line)) if v})
        return out
