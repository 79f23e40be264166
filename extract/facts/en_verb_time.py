"""The time and voice of an English status word, read from its form and the auxiliaries before it (no tagger):
"have also recently been purchased" is a passive perfect, "plans to buy" a plan, "will open" the future."""

from __future__ import annotations

from spacy.tokens import Doc

from .status_lexicon import FRAME_CLASSES, StatusLexicon

MAX_CHAIN = 6  # auxiliaries and adverbs looked at before a verb: "have also recently been purchased"
EN_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "of", "for", "additional", "further", "new"}
EN_ARTICLES = {"the", "a", "an", "its", "their", "these", "those", "this"}
EN_VERB_PREFIXES = {"re", "co", "pre", "de", "un", "over", "under", "out", "up", "mis", "non", "self"}
EN_PREPOSITIONS = {"by", "to", "in", "from", "for", "at", "on", "under", "with", "through", "via", "into", "within", "across", "as"}


def en_form(token) -> str:
    """base | s | ing | ed (past or participle), from the word form against its lookup lemma."""
    lower, lemma = token.lower_, token.lemma_
    if lower == "has":
        return "s"
    if lower == lemma:
        return "base"
    if lower.endswith("ing"):
        return "ing"
    if lower in (lemma + "s", lemma + "es") or (lemma.endswith("y") and lower == lemma[:-1] + "ies"):
        return "s"
    return "ed"


def _en_next_word(doc: Doc, i: int, end: int, lex: StatusLexicon):
    j = i + 1
    while j < end and lex.role(doc[j]) in ("skip", "negation"):
        j += 1
    return doc[j] if j < end else None


def en_is_auxiliary(doc: Doc, i: int, end: int, lex: StatusLexicon) -> bool:
    """"has" in "has been purchased", "had had", "has to": an auxiliary, not the verb of possession."""
    token = doc[i]
    if token.lemma_ != "have":
        return False
    following = _en_next_word(doc, i, end, lex)
    if following is None:
        return False
    return lex.role(following) in ("been", "to") or (following.is_alpha and en_form(following) == "ed")


def en_adjective_participle(doc: Doc, i: int) -> bool:
    """"the remaining 16 facilities": an -ing form after a determiner describes, it does not predicate."""
    return i > 0 and doc[i - 1].lower_ in EN_ARTICLES and en_form(doc[i]) == "ing"


def en_compound_modifier(doc: Doc, i: int) -> bool:
    """ "doctors in high-demand specialties", "20 well-equipped ambulances": the word after a hyphen inside a
    compound modifier describes a noun; a verb prefix ("re-opened", "co-financed") keeps the verb."""
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    return doc[i - 2].lower_ not in EN_VERB_PREFIXES


def en_noun_use(doc: Doc, i: int, end: int) -> bool:
    """"the purchase of 20 ventilators", "a need for": a verb lemma used as a noun."""
    token = doc[i]
    before = doc[i - 1].lower_ if i > 0 else ""
    form = en_form(token)
    if form == "ing":
        return before in EN_PREPOSITIONS or before == "of"  # "the work on purchasing one more scanner"
    if form not in ("base", "s"):
        return False
    after = doc[i + 1].lower_ if i + 1 < end else ""
    return before in EN_DETERMINERS or after == "of"


def _en_chain(doc: Doc, i: int, lex: StatusLexicon) -> list[tuple[int, str]]:
    """(index, role) of the auxiliaries before the verb at ``i``, left to right, adverbs skipped."""
    chain = []
    j = i - 1
    while j >= 0 and i - j <= MAX_CHAIN:
        role = lex.role(doc[j])
        if role is None or role in ("clause_start",):
            break
        if role not in ("skip", "negation"):
            chain.append((j, role))
        j -= 1
    return list(reversed(chain))


def _en_frame_before(doc: Doc, to_index: int, lex: StatusLexicon) -> str | None:
    """The modality of the word that governs an infinitive: "plans to buy", "is expected to", "need to", "are to be"."""
    j = to_index - 1
    while j >= 0 and to_index - j <= 4:
        token = doc[j]
        role = lex.role(token)
        if role == "ordinal" and _has_role_before(doc, j, lex, "be_past"):
            return "past"  # "the region was the first to open a 120-bed centre"
        if role in ("be_present", "be_past"):
            return "frame_plan"  # "are to be built", "is to arrive"
        if role == "have_past":
            return "past"  # "had to deploy 16 hospitals": the obligation was met
        if role in ("have_present", "must"):
            return "frame_need"  # "has to purchase"
        found = lex.entry_of(token)
        if found is not None and found[0]["class"] in FRAME_CLASSES:
            return FRAME_CLASSES[found[0]["class"]]
        if role in ("frame_plan", "frame_possible"):
            return role  # "going to", "set to", "due to", "able to"
        if role not in ("skip", "negation"):
            return None
        j -= 1
    return None


def _has_role_before(doc: Doc, i: int, lex: StatusLexicon, wanted: str) -> bool:
    return any(lex.role(doc[j]) == wanted for j in range(max(0, i - 3), i))


def en_time(doc: Doc, i: int, lex: StatusLexicon) -> tuple[str, str]:
    form = en_form(doc[i])
    chain = _en_chain(doc, i, lex)
    roles = [role for _, role in chain]
    passive = form == "ed" and bool(roles) and roles[-1] in ("be_present", "be_past", "be_base", "been", "being")
    voice = "passive" if passive else "active"
    if "to" in roles:
        to_index = chain[roles.index("to")][0]
        return _en_frame_before(doc, to_index, lex) or "infinitive", voice
    if "must" in roles:
        return "frame_need", voice
    if "possible" in roles:
        return "frame_possible", voice
    if "future" in roles or "would" in roles:
        return "future", voice
    if "have_past" in roles:
        # "said that 46 thousand workers had been engaged" is a reported past; "had had 73 ... before" a former state
        return ("past" if passive else "past_perfect"), voice
    if "have_present" in roles:
        return "perfect", voice
    if "being" in roles or (form == "ing" and "be_present" in roles):
        return "progressive", voice
    if "be_past" in roles:
        return "past", voice
    if "be_present" in roles:
        return ("state" if passive else "present"), voice
    if form == "ed":
        return "past", voice
    if form == "ing" and not roles:
        return "participle", voice  # "housing 3,100 beds": as the verb it hangs on
    if form in ("base", "s") and not roles:
        return "habitual", voice  # "5,000 organisations provide care"
    return "present", voice


def en_phrase_time(doc: Doc, i: int, lex: StatusLexicon) -> tuple[str, str]:
    """A verb phrase ("rolled out", "put into operation") takes its time from its verb, as a single verb does; a bare
    "put"/"set" with no auxiliary is a report of the past ("the region put into operation 3 hospitals")."""
    time, voice = en_time(doc, i, lex)
    return ("past" if time == "habitual" and en_form(doc[i]) == "base" else time), voice
