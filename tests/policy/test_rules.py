"""Composition rules: the file format, merging across languages, a policy's own rule files."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from otel_aiaudit.errors import PolicyFileError
from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.config import load_policy
from otel_aiaudit.policy.engine import PolicyEngine
from otel_aiaudit.policy.rules import Rule, RuleFileError, fires, merge, parse_rule, shipped_rules
from otel_aiaudit.policy.terms import parse_lines

RULE = """\
# a rule of our own
category: violence
window: 5
[act]
feeds          # comments after a term
[target]
piranhas
@explicit
"""


def test_parse_rule() -> None:
    rule = parse_rule(RULE, "piranha", "x.txt")
    assert (rule.category, rule.window) == ("violence", 5)
    assert rule.groups == {"act": ["feeds"], "target": ["piranhas", "@explicit"]}
    assert rule.references("target") == frozenset({"explicit"})
    assert sorted(rule.terms()) == [("feeds", "piranha/act"), ("piranhas", "piranha/target")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("window: 3\n[a]\nx\n", "needs a category"),
        ("category: gore\nwindow: 3\n[a]\nx\n", "category must be one of"),
        ("category: violence\nwindow: 0\n[a]\nx\n", "window must be"),
        ("category: violence\nwindow: 3\n[a]\n[b]\nx\n", "every group needs"),
        ("category: violence\nwindow: 3\n[a]\n@nothing\n", "names no category"),
        ("category: violence\nwindow: 3\ncolour: red\n[a]\nx\n", "unknown key"),
        ("category: violence\nwindow: 3\n[a]\nx\n[a]\ny\n", "repeated group"),
        ("category: violence\nwindow: 3\n[a]\n@/group\n", "must be @<rule>/<group>"),
        ("category: violence\nwindow: 3\n[a]\n@rule/\n", "must be @<rule>/<group>"),
        ("category: violence\nwindow: 3\nown_negator: b\n[a]\nx\n", "own_negator names no group"),
    ],
)
def test_bad_rule_files_are_refused_with_a_line(text: str, problem: str) -> None:
    with pytest.raises(RuleFileError, match=problem):
        parse_rule(text, "bad", "bad.txt")


def test_window_is_the_span_of_one_match_per_group() -> None:
    rule = Rule("r", "violence", 3, {"a": ["x"], "b": ["y"], "c": ["z"]})
    assert fires(rule, {"a": [0], "b": [2], "c": [3]})
    assert not fires(rule, {"a": [0], "b": [2], "c": [4]})
    assert fires(rule, {"a": [0, 10], "b": [2, 12], "c": [20, 11]})  # the later trio is close
    assert not fires(rule, {"a": [0], "b": [1], "c": []})
    assert fires(Rule("one", "violence", 1, {"a": ["x"]}), {"a": [7]})


def test_languages_of_one_rule_are_merged() -> None:
    en = Rule("r", "violence", 3, {"a": ["x"], "b": ["y"]})
    th = Rule("r", "violence", 3, {"a": ["ก"], "b": ["ข"]})
    (merged,) = merge([en, th])
    assert merged.groups == {"a": ["x", "ก"], "b": ["y", "ข"]}
    with pytest.raises(RuleFileError, match="disagree"):
        merge([en, Rule("r", "violence", 5, {"a": ["x"], "b": ["y"]})])


def test_shipped_rules_load() -> None:
    names = {r.name: r.category for r in shipped_rules()}
    assert {
        "hate_dehumanising": "hate_speech",
        "minors": "minors",
        "violence_vulnerable": "violence",
    }.items() <= names.items()
    # A rule file is named after its category, so a reader knows what a file can raise.
    prefixes = {
        "violence": "violence",
        "hate_speech": "hate",
        "explicit": "explicit",
        "minors": "minors",
        "deepfake": "deepfake",
    }
    assert {n: c for n, c in names.items() if not n.startswith(prefixes[c])} == {}


def test_policy_rule_files_are_read_relative_to_the_policy(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "piranha.txt").write_text(RULE, encoding="utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "version: 1\nmode: enforce\ncontent_filter:\n  action: block\n  rule_files: [rules/piranha.txt]\n",
        encoding="utf-8",
    )
    engine = PolicyEngine(load_policy(policy))

    def categories(prompt: str) -> set[str]:
        d = engine.evaluate(Generation(provider="test", prompt=prompt))
        return {h.category for h in d.hits if h.rule == "content"}

    assert categories("a man feeds his rival to the piranhas") == {"violence"}  # 5 words apart
    assert categories("piranhas in a river; miles away, in a quiet village, a farmer feeds") == set()
    assert categories("piranhas in a river") == set()
    assert categories("a man feeds pigeons") == set()


def test_missing_or_broken_rule_file_is_a_policy_error(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\ncontent_filter:\n  rule_files: [nope.txt]\n", encoding="utf-8")
    with pytest.raises(PolicyFileError, match="rule_files"):
        PolicyEngine(load_policy(policy))
    (tmp_path / "bad.txt").write_text("category: gore\n", encoding="utf-8")
    policy.write_text("version: 1\ncontent_filter:\n  rule_files: [bad.txt]\n", encoding="utf-8")
    with pytest.raises(PolicyFileError, match="bad.txt:1"):
        PolicyEngine(load_policy(policy))


def test_negative_prompt_and_prompt_are_not_one_window() -> None:
    from otel_aiaudit.policy.config import ContentFilter, PolicyConfig

    # The rules alone: what is tested is the window, and the prompt model reads the prompt on its
    # own ("a gunman" alone sits at its violence threshold).
    content = ContentFilter(action="block", prompt_model=False)
    engine = PolicyEngine(PolicyConfig(mode="enforce", content_filter=content))
    d = engine.evaluate(Generation(provider="test", prompt="a gunman in a field", negative_prompt="school"))
    assert not [h for h in d.hits if h.category == "violence"]


def test_a_group_may_name_another_rule_s_group() -> None:
    rule = parse_rule("category: hate_speech\nwindow: 4\n[verb]\nshoo\n[who]\n@pests/animal\n", "shoo", "x.txt")
    assert rule.part_references("who") == frozenset({"pests/animal"}) and rule.references("who") == frozenset()
    pests = parse_rule("category: violence\nwindow: 3\n[kill]\npoison\n[animal]\npigeons\n", "pests", "y.txt")
    merge([rule, pests])  # the group it names exists
    with pytest.raises(RuleFileError, match="@pests/animal names no group"):
        merge([rule])


def test_own_negator_counts_what_the_refusal_negates(tmp_path: Path) -> None:
    # "says no pigeons": "pigeons" reads as negated (a mention ruled out); for a rule whose first
    # group says no itself, it is the refusal's object.
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "pests.txt").write_text("category: violence\nwindow: 3\n[kill]\npoison\n[animal]\npigeons\n")
    refusal = "category: violence\nwindow: 6\n{key}[refuse]\nsays no\n[who]\n@pests/animal\n[sign]\nsign\n"
    for key, expected in (("own_negator: refuse\n", {"violence"}), ("", set())):
        (rules / "refusal.txt").write_text(refusal.format(key=key))
        policy = tmp_path / "policy.yaml"
        policy.write_text(
            "version: 1\nmode: enforce\ncontent_filter:\n  action: block\n"
            "  rule_files: [rules/pests.txt, rules/refusal.txt]\n",
            encoding="utf-8",
        )
        engine = PolicyEngine(load_policy(policy))
        decision = engine.evaluate(Generation(provider="test", prompt="the park sign says no pigeons"))
        assert {h.category for h in decision.hits if h.rule == "content"} == expected, key
    # Without the refusal, a negated word stays negated.
    decision = engine.evaluate(Generation(provider="test", prompt="a park sign with no pigeons"))
    assert decision.hits == []


def test_no_shipped_lexicon_lists_a_term_twice_in_one_group() -> None:
    # A repeated line changes nothing the filter decides but hides what a file holds: a reader
    # who removes one copy believes the term gone. Each file (and each group of a rule file) once.
    base = Path(str(resources.files("otel_aiaudit.policy").joinpath("lexicons")))
    repeated: list[str] = []
    for path in sorted(base.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(base).as_posix()
        if path.parent.name == "rules":
            groups = parse_rule(text, path.stem, name).groups
        else:
            groups = {"": parse_lines(text)}
        for group, terms in groups.items():
            counts = Counter(terms)
            repeated += [f"{name} [{group}] {term}" for term, n in counts.items() if n > 1]
    assert repeated == []
