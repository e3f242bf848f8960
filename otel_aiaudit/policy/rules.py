"""Composition rules: a category raised by words that are harmless alone but not together.

"shooting" and "school" are both everyday words; "a gunman shooting at a school" is violence.
A rule names a category, a window in words and two or more groups of terms; it fires when every
group has a (non-negated) match and all of them fall within `window` words of each other. A group
may also name a whole category with `@category` (any term of that lexicon counts), so the minors
rule reads "an age word or child role, then anything sexual".

File format (`lexicons/<lang>/rules/<name>.txt`, or any file a policy lists in
`content_filter.rule_files`)::

    # comment
    category: violence        # violence | explicit | hate_speech | deepfake | minors
    window: 6                 # words from the first to the last part, at most
    [act]                     # a group; its name only labels the hit
    gunman
    stabbing
    [target]
    children
    school

A rule with a group that says no to something ("do not rent to", "ไม่รับ"; put it first, as the
rarer words) names it with `own_negator: <group>`: the words of its other groups that come after such a match, up to the
window, are read as its object even where the negation reads them as negated ("do not rent to
Arabs" is a refusal, not a mention of Arabs ruled out).

A group line `@explicit` stands for every term of that category's lexicon (shipped and extra),
and `@<rule>/<group>` for every term of another rule's group, so that a rule can reuse a long
list instead of copying it: a refusal on a sign names one of the groups that the dehumanising
rule lists ("[group]\n@hate_dehumanising/group"). A reference reaches one rule deep: the group
it names counts its own terms, not its references.

Files of the same name in several languages are one rule: their groups are merged, so an English
act and a Thai target still make a match. A rule with a single group fires on any of its terms.
List the rarer group first: a prompt with no word of the first group skips the scan for the
others (terms.py, probe words).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .terms import LANGUAGES

CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake", "minors")
_MAX_WINDOW = 50


class RuleFileError(ValueError):
    """A rule file that does not follow the format; the message names the file and line."""


@dataclass
class Rule:
    name: str
    category: str
    window: int
    groups: dict[str, list[str]] = field(default_factory=dict)  # group -> terms and @ references
    own_negator: str | None = None  # a group whose terms carry a negator (see the module docstring)
    _refs: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _part_refs: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def terms(self) -> Iterator[tuple[str, str]]:
        """(term, "<rule>/<group>") for every plain term; `@` lines are resolved at match time."""
        for group, entries in self.groups.items():
            for entry in entries:
                if not _is_ref(entry):
                    yield entry, f"{self.name}/{group}"

    def quiet_parts(self) -> frozenset[str]:
        """Tag categories of every group but the first. A rule fires only with a match of each
        group, so a prompt without a word of the first group need not be scanned for the others:
        put the rarer words first ("gunman" before "school")."""
        return frozenset(f"{self.name}/{group}" for group in list(self.groups)[1:])

    def references(self, group: str) -> frozenset[str]:
        """Categories named by `@category` lines of `group` (kept: asked on every evaluation)."""
        refs = self._refs.get(group)
        if refs is None:
            refs = self._refs[group] = frozenset(e[1:] for e in self.groups[group] if _is_ref(e) and "/" not in e)
        return refs

    def part_references(self, group: str) -> frozenset[str]:
        """"<rule>/<group>" tags named by `@<rule>/<group>` lines of `group`."""
        refs = self._part_refs.get(group)
        if refs is None:
            refs = self._part_refs[group] = frozenset(e[1:] for e in self.groups[group] if _is_ref(e) and "/" in e)
        return refs


def _is_ref(entry: str) -> bool:
    return entry.startswith("@")


def parse_rule(text: str, name: str, source: str) -> Rule:
    """Parse one rule file. Raises RuleFileError naming `source` and the line."""
    rule = Rule(name=name, category="", window=0)
    group: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"{source}:{number}"
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
            if not group or group in rule.groups:
                raise RuleFileError(f"{where}: empty or repeated group name")
            rule.groups[group] = []
        elif group is None:
            key, sep, value = (part.strip() for part in line.partition(":"))
            if not sep:
                raise RuleFileError(f"{where}: expected 'category: ...', 'window: ...' or a [group]")
            if key == "category":
                if value not in CATEGORIES:
                    raise RuleFileError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
                rule.category = value
            elif key == "own_negator":
                rule.own_negator = value
            elif key == "window":
                if not value.isdigit() or not 0 < int(value) <= _MAX_WINDOW:
                    raise RuleFileError(f"{where}: window must be a whole number from 1 to {_MAX_WINDOW}")
                rule.window = int(value)
            else:
                raise RuleFileError(f"{where}: unknown key {key!r}")
        else:
            if _is_ref(line) and "/" in line:
                ref_rule, _, ref_group = line[1:].partition("/")
                if not ref_rule.strip() or not ref_group.strip() or "/" in ref_group:
                    raise RuleFileError(f"{where}: {line} must be @<rule>/<group>")
            elif _is_ref(line) and line[1:] not in CATEGORIES:
                raise RuleFileError(f"{where}: {line} names no category")
            rule.groups[group].append(line)
    if not rule.category or not rule.window or not rule.groups:
        raise RuleFileError(f"{source}: a rule needs a category, a window and at least one [group]")
    if any(not terms for terms in rule.groups.values()):
        raise RuleFileError(f"{source}: every group needs at least one term")
    if rule.own_negator is not None and rule.own_negator not in rule.groups:
        raise RuleFileError(f"{source}: own_negator names no group of the rule: {rule.own_negator!r}")
    return rule


def read_rule_file(path: str | Path) -> Rule:
    path = Path(path)
    return parse_rule(path.read_text(encoding="utf-8"), path.stem, str(path))


def merge(rules: Iterable[Rule]) -> list[Rule]:
    """Rules of the same name (one file per language) as one rule with the groups merged."""
    merged: dict[str, Rule] = {}
    for rule in rules:
        have = merged.get(rule.name)
        if have is None:
            groups = {g: list(t) for g, t in rule.groups.items()}
            merged[rule.name] = Rule(rule.name, rule.category, rule.window, groups, own_negator=rule.own_negator)
            continue
        mine = (have.category, have.window, set(have.groups), have.own_negator)
        if mine != (rule.category, rule.window, set(rule.groups), rule.own_negator):
            raise RuleFileError(
                f"rule {rule.name}: files of that name disagree on category, window, own_negator or groups"
            )
        for group, terms in rule.groups.items():
            have.groups[group].extend(terms)
    rules_out = list(merged.values())
    known = {f"{r.name}/{g}" for r in rules_out for g in r.groups}
    for rule in rules_out:
        for group in rule.groups:
            unknown = sorted(rule.part_references(group) - known)
            if unknown:
                raise RuleFileError(f"rule {rule.name}, [{group}]: @{unknown[0]} names no group of any rule")
    return rules_out


@functools.lru_cache(maxsize=1)
def shipped_rules() -> tuple[Rule, ...]:
    """The rules shipped under lexicons/<lang>/rules/, merged across languages."""
    found = []
    base = resources.files(__package__).joinpath("lexicons")
    for lang in LANGUAGES:
        folder = base.joinpath(lang).joinpath("rules")
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda r: r.name):
            if item.name.endswith(".txt"):
                name = item.name[: -len(".txt")]
                found.append(parse_rule(item.read_text(encoding="utf-8"), name, f"lexicons/{lang}/rules/{item.name}"))
    return tuple(merge(found))


# --- matching --------------------------------------------------------------------------------


def fires(rule: Rule, positions: dict[str, list[int]]) -> bool:
    """Whether every group has a position and some choice of one per group spans at most
    `rule.window` words. `positions` maps each group to the word positions of its matches."""
    groups = list(rule.groups)
    if any(not positions.get(g) for g in groups):
        return False
    if len(groups) == 1:
        return True
    # Smallest window covering every group: one sweep over the positions in order.
    events = sorted((p, i) for i, g in enumerate(groups) for p in positions[g])
    count = [0] * len(groups)
    covered = 0
    left = 0
    for pos, i in events:
        if count[i] == 0:
            covered += 1
        count[i] += 1
        while covered == len(groups):
            if pos - events[left][0] <= rule.window:
                return True
            j = events[left][1]
            count[j] -= 1
            if count[j] == 0:
                covered -= 1
            left += 1
    return False
