"""Content filter: violence, explicit, hate_speech, deepfake and minors, from lexicons and rules.

The terms live in the shared `TermIndex` (see terms.py); this module says which terms a policy
wants indexed and turns the index's matches into hits:

* a listed term of a category is a hit of that category, unless it is negated ("no gore");
* a composition rule (rules.py) is a hit of its category when its groups match within its window
  ("gunman" near "school" is violence; "children" near anything sexual is minors);
* a deepfake is a realistic depiction of a real, named person: it needs both a public figure's
  name and a realism cue (photo, realistic, face swap...) in the same prompt, so "a cartoon of
  Elon Musk" and "a photo of a lighthouse" are clean while "photorealistic Elon Musk" is not.

`minors` (sexual content involving minors) is special: its hits always block, whatever the
policy's action, and the policy's `allow_terms` cannot hide a term from it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..generation import Hit
from .config import ContentFilter
from .normalize import normalize
from .prompt_model import PromptModel
from .rules import Rule, fires, merge, read_rule_file, shipped_rules
from .terms import (
    ALLOW,
    CLINICAL,
    CONTENT,
    CUE,
    LIKENESS,
    PART,
    PERSON,
    SUBJECT,
    USER,
    Tag,
    TermMatch,
    read_term_file,
    shipped,
    shipped_all,
)

CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake", "minors")
# Categories with shipped term lists (lexicons/<lang>/<category>.txt).
_LISTED = ("violence", "explicit", "hate_speech", "minors")
# The content filter's `action` as the action of each hit.
HIT_ACTION = {"block": "block", "block_and_alert": "block", "warn": "warn"}
ALWAYS_BLOCKED = "minors"


def _resolve(name: str, base_dir: Path | None) -> Path:
    path = Path(name)
    if base_dir is not None and not path.is_absolute():
        path = base_dir / path
    return path


def content_rules(cfg: ContentFilter, base_dir: Path | None = None) -> tuple[Rule, ...]:
    """The shipped rules and the policy's `rule_files`. Raises OSError or RuleFileError."""
    extra = [read_rule_file(_resolve(name, base_dir)) for name in cfg.rule_files]
    return tuple(merge([*shipped_rules(), *extra]))


def content_entries(
    cfg: ContentFilter, base_dir: Path | None = None, rules: tuple[Rule, ...] = ()
) -> Iterator[tuple[str, Tag]]:
    """Every (term, tag) the content filter needs indexed. Raises OSError for a missing term file.

    Every listed category is indexed whether blocked or not: a rule may refer to one
    (`@explicit`), and the minors rule must work under any policy."""
    wanted = set(cfg.blocked_categories)
    for category in _LISTED:
        for term in shipped_all(category):
            yield term, (CONTENT, category)
    for term in shipped_all("clinical_subjects"):
        yield term, (SUBJECT, "")
    for term in shipped_all("clinical_contexts"):
        yield term, (CLINICAL, "")
    if "deepfake" in wanted:
        for term in shipped("public_figures.txt"):
            yield term, (PERSON, "")
        for term in shipped_all("deepfake_cues"):
            yield term, (CUE, "")
        for term in shipped_all("deepfake_likenesses"):
            yield term, (LIKENESS, "")
    for category, terms in cfg.extra_terms.items():
        # Extra deepfake terms are further real people to protect (a cue is still required).
        tag: Tag = (PERSON, "") if category == "deepfake" else (CONTENT, category)
        for term in terms:
            yield term, tag
    for category, files in cfg.lexicon_files.items():
        tag = (PERSON, "") if category == "deepfake" else (CONTENT, category)
        for name in files:
            for term in read_term_file(_resolve(name, base_dir)):
                yield term, tag
    for rule in rules:
        for term, part in rule.terms():
            yield term, (PART, part)
    for term in shipped_all("allow"):
        yield term, (ALLOW, "")
    for term in cfg.allow_terms:
        yield term, (ALLOW, USER)


def quiet_tags(rules: tuple[Rule, ...]) -> frozenset[Tag]:
    """Rule words that cannot make a hit without a word of the rule's first group."""
    return frozenset((PART, part) for rule in rules for part in rule.quiet_parts())


def _counts(m: TermMatch, category: str) -> bool:
    """Whether a match counts for `category`: not negated, and not allow-listed by the policy
    unless the category is minors."""
    return not m.negated and (not m.user_allowed or category == ALWAYS_BLOCKED)


# The minors rule's group of age words and child roles (lexicons/<lang>/rules/minors.txt).
_MINOR_GROUP = "minors/age"


def _minor_named(matches: Sequence[TermMatch]) -> bool:
    """Whether the prompt names a minor (an age word or child role of the minors rule)."""
    return any(m.kind == PART and m.category == _MINOR_GROUP and not m.negated for m in matches)


class RuleBook:
    """The composition rules, with the tags that stand for each group worked out once (its own rule
    words, the listed categories of its `@category` lines and the rule words of its `@rule/group`
    lines). A prompt's matches are gathered by tag once; only the rules with a match of their first
    group are checked, each group looked up rather than every match read again for every rule."""

    def __init__(self, rules: tuple[Rule, ...] = ()) -> None:
        self.rules = rules
        self._groups: list[list[tuple[str, tuple[Tag, ...]]]] = []
        self._first: dict[Tag, list[int]] = {}
        for number, rule in enumerate(rules):
            prefix = rule.name + "/"
            groups = [
                (
                    group,
                    (
                        (PART, prefix + group),
                        *((CONTENT, category) for category in sorted(rule.references(group))),
                        *((PART, part) for part in sorted(rule.part_references(group))),
                    ),
                )
                for group in rule.groups
            ]
            self._groups.append(groups)
            for tag in groups[0][1] if groups else ():
                self._first.setdefault(tag, []).append(number)

    def fired(self, cfg: ContentFilter, matches: Sequence[TermMatch]) -> dict[str, list[str]]:
        """The names of the rules that fire, by category (only categories the policy blocks, and
        minors)."""
        words = _RuleWords(matches)
        candidates = sorted({number for tag in words.tags() for number in self._first.get(tag, ())})
        fired: dict[str, list[str]] = {}
        for number in candidates:
            rule = self.rules[number]
            if (rule.category in cfg.blocked_categories or rule.category == ALWAYS_BLOCKED) and words.fire(
                rule, self._groups[number]
            ):
                fired.setdefault(rule.category, []).append(rule.name)
        return fired


class _RuleWords:
    """One prompt's rule words and listed terms, by tag."""

    def __init__(self, matches: Sequence[TermMatch]) -> None:
        # Word positions of the matches that count, of those the policy's `allow_terms` cover
        # (they count for minors only), and of negated ones (they count after a refusal's own
        # negator, "do not rent to"); and where each counting rule word ends, for the refusals.
        self.counted: dict[Tag, list[int]] = {}
        self.user_allowed: dict[Tag, list[int]] = {}
        self.negated: dict[Tag, list[int]] = {}
        self.ends: dict[str, list[int]] = {}
        for m in matches:
            if m.kind != PART and m.kind != CONTENT:
                continue
            key = (m.kind, m.category)
            if m.negated:
                if not m.user_allowed:
                    self.negated.setdefault(key, []).append(m.first)
                continue
            if m.kind == PART:
                self.ends.setdefault(m.category, []).append(m.last)
            (self.user_allowed if m.user_allowed else self.counted).setdefault(key, []).append(m.first)

    def tags(self) -> set[Tag]:
        return {*self.counted, *self.user_allowed, *self.negated}

    def fire(self, rule: Rule, groups: list[tuple[str, tuple[Tag, ...]]]) -> bool:
        """Whether `rule` fires: a match of each group, all within its window (see rules.fires)."""
        refusals = self.ends.get(f"{rule.name}/{rule.own_negator}", ()) if rule.own_negator else ()
        minors = rule.category == ALWAYS_BLOCKED
        positions: dict[str, list[int]] = {}
        for group, tags in groups:
            found: list[int] = []
            for tag in tags:
                found += self.counted.get(tag, ())
                if minors:
                    found += self.user_allowed.get(tag, ())
                if refusals:
                    found += (
                        p for p in self.negated.get(tag, ()) if any(0 < p - last <= rule.window for last in refusals)
                    )
            if not found:
                return False
            positions[group] = found
        return fires(rule, positions)


# A name this close after "statue of" / "wax figure of", or this close before "bobblehead" /
# "statue", is the subject of a made object ("a bronze statue of Obama, travel photo"). Thai and
# English words share one word layout, so either language's likeness word serves a name in the
# other ("caricature ชัชชาติวิ่งตอนเช้า").
_LIKENESS_BEFORE, _LIKENESS_AFTER = 4, 2


def _likenesses(matches: Sequence[TermMatch]) -> list[TermMatch]:
    return [m for m in matches if m.kind == LIKENESS and not m.negated]


def _made_likeness(person: TermMatch, likenesses: list[TermMatch]) -> bool:
    return any(
        0 < person.first - m.last <= _LIKENESS_BEFORE or 0 < m.first - person.last <= _LIKENESS_AFTER
        for m in likenesses
    )


def _styled_cue(cue: TermMatch, likenesses: list[TermMatch]) -> bool:
    """Whether a realism cue names the style of a made likeness right after it ("documentary
    style painting", "cinematic style oil painting", "photo style illustration"): the picture
    asked for is the painting, so the cue is no cue. The likeness may share the cue's last word
    ("documentary style" + "style painting") or follow it ("photo" + "style illustration")."""
    return any(cue.last <= m.first <= cue.last + 1 for m in likenesses)


# A body part or a harm named this close to a clinical or campaign context ("anatomical illustration
# of the penis", "a campaign against domestic violence") is that context's subject, not a depiction.
_CLINICAL_WINDOW = 8
# Thai segmentation cuts a phrase into more, shorter words than English ("ข้อความชวนคุยเมื่อรู้สึก
# อยาก", a message inviting a talk when you feel like, is seven), so a Thai leaflet's hotline and
# its subject stand further apart in words than an English one's.
_CLINICAL_WINDOW_THAI = 14


def _clinical_cleared(matches: list[TermMatch]) -> list[TermMatch]:
    """`matches` without the listed terms inside a clinical subject (lexicons/<lang>/
    clinical_subjects.txt) that stands in a clinical or campaign context (clinical_contexts.txt).

    Sexual terms are never cleared when the prompt names a minor: they stay with the minors rule."""
    clinical = [m for m in matches if m.kind == CLINICAL and not m.negated]
    if not clinical:
        return matches
    subjects = [
        s
        for s in matches
        if s.kind == SUBJECT
        and any(c.thai == s.thai and abs(c.first - s.first) <= _clinical_window(s) for c in clinical)
    ]
    if not subjects:
        return matches
    minor = _minor_named(matches)
    return [
        m
        for m in matches
        if not (
            # A rule's parts inside the subject go too ("a museum exhibit of Nazi propaganda":
            # "Nazi" and "propaganda" make no glorification); with a minor named they stay.
            _clearable(m, minor)
            and any(s.thai == m.thai and s.start <= m.start and m.end <= s.end for s in subjects)
        )
    ]


def _clinical_window(subject: TermMatch) -> int:
    return _CLINICAL_WINDOW_THAI if subject.thai else _CLINICAL_WINDOW


def _clearable(m: TermMatch, minor: bool) -> bool:
    if m.kind == CONTENT:
        return not (minor and m.category in ("explicit", ALWAYS_BLOCKED))
    return m.kind == PART and not minor


def content_hits(cfg: ContentFilter, matches: list[TermMatch], book: RuleBook) -> list[Hit]:
    """One hit per category with matches (only categories the policy lists, and minors)."""
    matches = _clinical_cleared(matches)
    counts: dict[str, int] = {}
    persons = cues = 0
    likenesses = _likenesses(matches)
    for m in matches:
        if m.kind == CONTENT and _counts(m, m.category):
            counts[m.category] = counts.get(m.category, 0) + 1
        elif m.kind == PERSON and _counts(m, "deepfake") and not _made_likeness(m, likenesses):
            persons += 1
        elif m.kind == CUE and _counts(m, "deepfake") and not _styled_cue(m, likenesses):
            cues += 1
    fired: dict[str, list[str]] = {}
    if matches and any(m.kind == PART for m in matches):
        fired = book.fired(cfg, matches)
        # `@explicit` in the minors rule stands for listed explicit terms; an explicit *rule*
        # ("skirt hiked up, legs parted toward the lens") with an age word or child role anywhere
        # in the prompt is minors as well.
        if "explicit" in fired and ALWAYS_BLOCKED not in fired and _minor_named(matches):
            fired[ALWAYS_BLOCKED] = [f"{name} with an age word or child role" for name in fired["explicit"]]
    action = HIT_ACTION[cfg.action]
    hits = []
    for category in CATEGORIES:
        if category not in cfg.blocked_categories and category != ALWAYS_BLOCKED:
            continue
        # Sexual content involving minors is never only warned about (see config.ContentFilter).
        hit_action = "block" if category == ALWAYS_BLOCKED else action
        details = []
        if category == "deepfake" and persons and cues:
            names = f"{persons} name{'s' if persons > 1 else ''}"
            realism = f"{cues} realism cue{'s' if cues > 1 else ''}"
            details.append(f"realistic depiction of a real person ({names}, {realism})")
        n = counts.get(category, 0)
        if n:
            details.append(f"matched {n} term{'s' if n > 1 else ''} in category {category}")
        if category in fired:
            details.append(f"rule {', '.join(fired[category])}: its parts within a few words")
        if details:
            hits.append(Hit("content", category, hit_action, "; ".join(details)))
    return hits


@functools.lru_cache(maxsize=16)
def _allowed_forms(terms: tuple[str, ...]) -> tuple[str, ...]:
    # Longest first, so that a phrase inside a longer allowed phrase does not cut the longer one.
    forms = {normalize(t) for t in (*shipped_all("allow"), *terms)}
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


def _without_negated(form: str, located: Sequence[TermMatch]) -> str:
    """`form` with the text of negated listed terms blanked (Latin-script matches only: Thai
    offsets point into the Thai stream, not into the form)."""
    spans = sorted((m.start, m.end) for m in located if m.kind == CONTENT and m.negated and not m.thai)
    if not spans:
        return form
    out, at = [], 0
    for start, end in spans:
        if start >= at:
            out.append(form[at:start])
            at = end
        elif end > at:
            at = end
    out.append(form[at:])
    return " ".join(out)


def model_hits(
    cfg: ContentFilter,
    model: PromptModel,
    form: str,
    found: list[Hit],
    matches: Sequence[TermMatch] = (),
    located: Sequence[TermMatch] = (),
) -> list[Hit]:
    """The prompt model's hits (see prompt_model.py) for the categories the lexicons and rules
    left clear. It is read even when they already block: the audit record names every category a
    prompt breaks ("a bomb vest, caption: every Muslim is a terrorist" is hate speech as well as
    violence). `form` is the prompt's matching form.

    Allowed phrases (the shipped allow lists and the policy's `allow_terms`) count towards no
    score: when the model flags a prompt, it reads it again without them ("prince william sound"
    is a place, "naked lady lilies" a flower), as the lexicons never see inside them either. A
    made likeness ("a wax figure of", "bobblehead") rules out a deepfake hit from the model too:
    the model has learnt "a name plus a photo", not what the photo is of.

    Terms the lexicons found negated are cut out the same way: `located` holds matches whose
    offsets point into `form`, and the lexicons' negation scope follows lists and phrasings
    ("avoid: gore, violence, explicit content, nudity") further than the model's own reading."""
    flagged = model.flagged(form)
    if flagged:
        cleared = _without_negated(form, located)
        for phrase in _allowed_forms(tuple(cfg.allow_terms)):
            if phrase in cleared:
                cleared = cleared.replace(phrase, " ")
        if cleared != form:
            flagged = model.flagged(" ".join(cleared.split()))
    already = {h.category for h in found if h.rule == "content"}
    if _likenesses(matches):
        already.add("deepfake")
    # Sexual content the model found, and a minor named: minors, which always blocks.
    flagged = flagged + [
        (ALWAYS_BLOCKED, score) for category, score in flagged if category == "explicit" and _minor_named(matches)
    ]
    action = HIT_ACTION[cfg.action]
    hits = []
    for category, score in flagged:
        if category in already or (category not in cfg.blocked_categories and category != ALWAYS_BLOCKED):
            continue
        if category == ALWAYS_BLOCKED:
            detail = f"prompt model explicit score {score:.2f} with an age word or child role"
        else:
            detail = f"prompt model score {score:.2f} (threshold {model.thresholds[category]:.2f})"
        hit_action = "block" if category == ALWAYS_BLOCKED else action
        hits.append(Hit("content", category, hit_action, detail, round(score, 4)))
    return hits
