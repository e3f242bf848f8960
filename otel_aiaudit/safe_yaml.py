"""Bounded YAML loading for every file a user hands us (policy, prices, REST mappings).

PyYAML's SafeLoader refuses arbitrary objects but not arbitrary size: a few hundred bytes of nested
aliases ("billion laughs") compose into a graph whose expansion is exponential, and anything that
walks the result (line mapping, pydantic) then runs out of memory. The loader here is SafeLoader with
bounds checked while composing, so a hostile or broken file is refused in well under a second:

- `MAX_BYTES` (1 MiB): the file itself; policies, price lists and mappings are a few KiB.
- `MAX_ALIASES` (100): alias nodes (`*name`) in one document.
- `MAX_ALIAS_NODES` (10,000): the nodes those aliases stand for once expanded (an alias to a node
  counts the whole subtree under that node, aliases inside it included).
- `MAX_DEPTH` (100): nesting, well below Python's recursion limit which PyYAML's composer recurses on.

Deep nesting in flow style ("[[[[...") is refused before PyYAML's scanner sees it: the scanner
looks ahead over every open bracket for a possible mapping key, which is quadratic in the depth
(5,000 brackets took most of a second before the composer could count them).

An alias to a node that contains it (a recursive structure) is refused as well: nothing downstream
could walk it. Every failure is a `YAMLFileError` whose text is one line: `file:line: problem`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1 << 20
MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000
MAX_DEPTH = 100
# One wording whichever check finds the nesting: the flow pre-scan or the composer.
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


class YAMLFileError(ValueError):
    """A YAML file that cannot be read or is refused; `unreadable` marks I/O failures (missing file)."""

    def __init__(self, source: str, problem: str, line: int | None = None, *, unreadable: bool = False) -> None:
        # `problem` alone reads well inside a caller's own message ("cannot read prices file: ...").
        text = f"cannot read: {problem}" if unreadable else problem
        super().__init__(f"{source}:{line}: {text}" if line is not None else f"{source}: {text}")
        self.source = source
        self.problem = problem
        self.line = line
        self.unreadable = unreadable


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts, while composing, what each alias expands to and how deep nodes nest."""

    def __init__(self, stream: str, source: str) -> None:
        super().__init__(stream)
        self._source = source
        self._aliases = 0
        self._alias_nodes = 0
        self._nodes = 0  # nodes composed so far, each alias counted as its expansion
        self._depth = 0
        # Expanded size of each finished anchored node, by id: the nodes live as long as the loader.
        self._weights: dict[int, int] = {}

    def _refuse(self, problem: str, mark: yaml.Mark | None) -> YAMLFileError:
        return YAMLFileError(self._source, problem, mark.line + 1 if mark is not None else None)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            weight = self._weights.get(id(node))
            if weight is None:  # the anchored node is still open: the alias sits inside it
                raise self._refuse(f"alias *{event.anchor} refers to a node that contains it", event.start_mark)
            self._aliases += 1
            self._alias_nodes += weight
            self._nodes += weight
            if self._aliases > MAX_ALIASES:
                raise self._refuse(f"more than {MAX_ALIASES} aliases", event.start_mark)
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise self._refuse(
                    f"aliases expand to more than {MAX_ALIAS_NODES} nodes (nested anchors)", event.start_mark
                )
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._refuse(_TOO_DEEP, event.start_mark)
        start = self._nodes
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._nodes += 1
        if event.anchor is not None:
            self._weights[id(node)] = self._nodes - start
        return node


def read_bounded(path: str | Path) -> bytes:
    """The bytes of `path`, refusing more than MAX_BYTES without reading further (pipes, /dev/zero)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise YAMLFileError(str(p), str(exc.strerror or exc), unreadable=True) from None
    if len(raw) > MAX_BYTES:
        raise YAMLFileError(str(p), f"file is larger than {MAX_BYTES // (1 << 20)} MiB")
    return raw


# What can open or close a flow collection, with quoted scalars and comments matched whole so that
# the brackets inside them are skipped.
_FLOW_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|(?<!\S)#[^\n]*|[\[\]{}]""")


def _flow_too_deep(text: str) -> int | None:
    """The line of the first flow bracket nested more than MAX_DEPTH deep, if any. Brackets inside a
    plain scalar ("a[b]") are counted too: a file needs a hundred unclosed ones to be refused here,
    and the composer's own count stays the rule for everything else."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _FLOW_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def compose_and_load(data: str | bytes, source: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (every key keeps its line) and the plain data of one YAML document."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise YAMLFileError(source, f"file is larger than {MAX_BYTES // (1 << 20)} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YAMLFileError(source, f"not UTF-8 text ({exc.reason})") from None
    line = _flow_too_deep(text)
    if line is not None:
        raise YAMLFileError(source, _TOO_DEEP, line)
    loader = _BoundedLoader(text, source)
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed"
        raise YAMLFileError(source, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YAMLFileError(source, f"invalid YAML: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()
    return node, value


def load(data: str | bytes, source: str) -> Any:
    """The plain data of one YAML document, within the bounds above."""
    return compose_and_load(data, source)[1]


def load_file(path: str | Path) -> Any:
    """Read `path` (at most MAX_BYTES) and load it; every failure is a one-line `YAMLFileError`."""
    return load(read_bounded(path), str(path))
