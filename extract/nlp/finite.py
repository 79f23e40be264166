"""Finite token patterns → the phrases they match, so a PhraseMatcher can do a token Matcher's work.

A pattern like ``[{"LOWER": {"REGEX": "^тараз(а|у|ом|е)?$"}}]`` matches finitely many
token sequences; a PhraseMatcher finds them at a fraction of the cost of
running the regular expression on every token.  Only patterns whose every
token is an exact LOWER value, a LOWER ``IN`` list or an anchored LOWER regex
with a finite language are expanded; anything else stays a token pattern.
The expansion gives exactly the same matches: each phrase is built token by
token (no re-tokenisation), and forms a lowercased token can never have are dropped.
"""

from __future__ import annotations

import itertools
import re

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

MAX_PHRASES = 4000  # per pattern; past this a token pattern is cheaper to keep than its phrases
MAX_FORMS = 2000  # per token


def phrases(pattern: list[dict]) -> list[tuple[str, ...]] | None:
    """Every token sequence ``pattern`` matches, or None if it is not finite (or too many)."""
    per_token = []
    for token in pattern:
        forms = _token_forms(token)
        if forms is None:
            return None
        per_token.append(sorted(forms))
    total = 1
    for forms in per_token:
        total *= len(forms)
    if not per_token or total == 0 or total > MAX_PHRASES:
        return None
    return list(itertools.product(*per_token))


def _token_forms(token: dict) -> set[str] | None:
    if set(token) != {"LOWER"}:
        return None
    spec = token["LOWER"]
    if isinstance(spec, str):
        forms = {spec}
    elif isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        forms = set(spec["IN"])
    elif isinstance(spec, dict) and set(spec) == {"REGEX"}:
        forms = _regex_language(spec["REGEX"])
        if forms is None:
            return None
    else:
        return None
    # A token's LOWER is lowercase and one token: other forms can never match.
    return {form for form in forms if form and form == form.lower() and not any(ch.isspace() for ch in form)}


def search_language(regex: str) -> set[str] | None:
    """Every string on which ``re.search(regex, string)`` succeeds, if finitely many: an anchored regex
    (``^...$``, no flags) with a finite language, plus each string followed by a newline (``$`` also
    matches before a final newline)."""
    try:
        flags = sre_parse.parse(regex).state.flags
    except re.error:
        return None
    if flags & ~re.UNICODE:
        return None
    language = _regex_language(regex)
    return None if language is None else language | {form + "\n" for form in language}


def _regex_language(regex: str) -> set[str] | None:
    """The strings an anchored regex (``^...$``) matches in full, if finitely many."""
    try:
        parsed = list(sre_parse.parse(regex))
    except re.error:
        return None
    at, end = sre_constants.AT, sre_constants.AT_END
    if len(parsed) < 2 or parsed[0] != (at, sre_constants.AT_BEGINNING) or parsed[-1] != (at, end):
        return None
    return _sequence(parsed[1:-1])


def _sequence(items) -> set[str] | None:
    results = {""}
    for op, value in items:
        options = _item(op, value)
        if options is None:
            return None
        results = {a + b for a in results for b in options}
        if len(results) > MAX_FORMS:
            return None
    return results


def _item(op, value) -> set[str] | None:
    c = sre_constants
    if op is c.LITERAL:
        return {chr(value)}
    if op is c.IN:
        chars: set[str] = set()
        for kind, arg in value:
            if kind is c.LITERAL:
                chars.add(chr(arg))
            elif kind is c.RANGE and arg[1] - arg[0] < 64:
                chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
            else:
                return None  # NEGATE, categories (\w, \d), wide ranges
        return chars
    if op is c.SUBPATTERN:
        group, add_flags, del_flags, inner = value
        return None if add_flags or del_flags else _sequence(list(inner))
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in value[1]:
            options = _sequence(list(branch))
            if options is None:
                return None
            out |= options
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, inner = value
        if high is c.MAXREPEAT or high > 4:
            return None
        once = _sequence(list(inner))
        if once is None:
            return None
        out, current = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= current
            current = {a + b for a in current for b in once}
            if len(out) > MAX_FORMS:
                return None
        return out
    return None
