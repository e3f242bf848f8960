"""The policy engine: one Generation in, one Decision out, before the provider is called.

Rules, in order: content filter (lexicons, deepfake), copyright, PII, prompt length, then the
extra classifiers (skipped when a local rule already blocks: no need to pay for a remote call).
The engine is pure: it knows no OTel and no tracing state, so the same prompt gets the same
decision at any sampling rate or with no SDK at all. It never raises on any input; an internal
error yields an "allow" decision marked degraded (instrumentation must not break the call).

In observe mode the outcome is computed exactly as in enforce mode, so "would block" is recorded;
`decision.mode` says "observe" and the auditor then neither blocks nor modifies. One exception:
a `minors` hit (sexual content involving minors) is enforced in every mode, see `_finish`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from pathlib import Path

from ..errors import (
    ContentBlocked,
    CopyrightBlocked,
    GovernanceUnavailable,
    PIIBlocked,
    PolicyFileError,
    PolicyViolation,
    PromptTooLong,
)
from ..generation import Decision, Generation, Hit
from ..text import for_provider
from . import pii
from .classifiers import Classifier, Verdict, aclassify_all, classify_all
from .config import ContentFilter, CopyrightConfig, PIIConfig, PolicyConfig
from .content import (
    ALWAYS_BLOCKED,
    HIT_ACTION,
    RuleBook,
    content_entries,
    content_hits,
    content_rules,
    model_hits,
    quiet_tags,
)
from .copyright import copyright_entries, copyright_hits
from .length import length_hit, truncate
from .normalize import variants
from .prompt_model import ModelFileError, PromptModel, displayed, shipped_model
from .rules import Rule, RuleFileError
from .sentences import sentence_starts
from .terms import ARTIST, TermIndex, TermMatch, cached_index

log = logging.getLogger(__name__)

# Hit action -> the outcome it asks for.
_OUTCOME = {
    "block": "block",
    "warn": "warn",
    "redact": "modify",
    "truncate": "modify",
    "strip": "modify",
    "observe": "allow",
}
_RANK = {"allow": 0, "warn": 1, "modify": 2, "block": 5}
_APART = 1_000_000  # word offset of the negative prompt's matches


def builtin_config() -> PolicyConfig:
    """No policy file: observe only; content, copyright and PII checks flag, nothing blocks."""
    return PolicyConfig(
        mode="observe",
        content_filter=ContentFilter(action="warn"),
        pii=PIIConfig(action="warn"),
        copyright=CopyrightConfig(action="warn"),
    )


class PolicyEngine:
    def __init__(self, config: PolicyConfig | None = None) -> None:
        self._builtin = config is None
        self._config = builtin_config() if config is None else config
        cfg = self._config
        if self._builtin:
            self._version = "builtin"
        elif cfg.digest == "builtin":  # built in code, not loaded from a file: hash its content
            digest = hashlib.sha256(cfg.model_dump_json().encode("utf-8")).hexdigest()[:12]
            self._version = f"sha256:{digest}"
        else:
            self._version = cfg.digest
        base_dir = Path(cfg.source).parent if cfg.source else None
        entries = []
        self._rules: tuple[Rule, ...] = ()
        if cfg.content_filter is not None:
            try:
                self._rules = content_rules(cfg.content_filter, base_dir)
            except OSError as exc:
                raise _file_error(cfg, "rule_files", f"cannot read {exc.filename}: {exc.strerror}") from exc
            except RuleFileError as exc:
                raise _file_error(cfg, "rule_files", str(exc)) from exc
        self._rule_book = RuleBook(self._rules)
        try:
            if cfg.content_filter is not None:
                entries.extend(content_entries(cfg.content_filter, base_dir, self._rules))
        except OSError as exc:
            raise _file_error(cfg, "lexicon_files", f"cannot read {exc.filename}: {exc.strerror}") from exc
        if cfg.copyright is not None:
            entries.extend(copyright_entries(cfg.copyright))
        self._index: TermIndex | None = cached_index(tuple(entries), quiet_tags(self._rules)) if entries else None
        self._classifiers: list[Classifier] = []
        cf = cfg.content_filter
        if cf is not None:
            for i, ccfg in enumerate(cf.classifiers):
                try:
                    self._classifiers.append(Classifier(ccfg))
                except Exception as exc:
                    raise PolicyFileError(
                        f"{cfg.source or '<policy>'}: content_filter.classifiers[{i}] ({ccfg.name}): "
                        f"{type(exc).__name__}: {exc}",
                        path=cfg.source or "",
                        key=f"content_filter.classifiers.{i}",
                    ) from exc
        self._model: PromptModel | None = None
        if cf is not None and cf.prompt_model:
            try:
                self._model = shipped_model()
            except ModelFileError as exc:
                raise PolicyFileError(
                    f"{cfg.source or '<policy>'}: content_filter.prompt_model: the shipped model cannot be "
                    f"read ({exc}); reinstall otel-aiaudit or set prompt_model: false",
                    path=cfg.source or "",
                    key="content_filter.prompt_model",
                ) from exc
        self._error_logged = False

    @classmethod
    def from_file(cls, path: str | Path) -> PolicyEngine:
        from .config import load_policy

        return cls(load_policy(path))

    @property
    def config(self) -> PolicyConfig:
        return self._config

    @property
    def version(self) -> str:
        return self._version

    @property
    def classifiers(self) -> list[Classifier]:
        return list(self._classifiers)

    # --- evaluation --------------------------------------------------------------------------

    def evaluate(self, gen: Generation) -> Decision:
        """Decide on `gen` (classifiers are called with their timeouts). Never raises."""
        try:
            hits, modified = self._local(gen)
            if self._classifiers and not _blocks(hits):
                text = gen.prompt or ""
                verdicts = classify_all(self._classifiers, text, self._model_budget())
                hits.extend(self._verdict_hits(verdicts))
                return self._finish(gen, hits, modified, [v.name for v in verdicts if v.error])
            return self._finish(gen, hits, modified)
        except Exception as exc:
            return self._failed(exc)

    async def aevaluate(self, gen: Generation) -> Decision:
        """`evaluate` for async callers: remote classifiers are awaited concurrently."""
        try:
            hits, modified = self._local(gen)
            if self._classifiers and not _blocks(hits):
                text = gen.prompt or ""
                verdicts = await aclassify_all(self._classifiers, text, self._model_budget())
                hits.extend(self._verdict_hits(verdicts))
                return self._finish(gen, hits, modified, [v.name for v in verdicts if v.error])
            return self._finish(gen, hits, modified)
        except Exception as exc:
            return self._failed(exc)

    def _scan(self, text: str, forms: list[str] | None = None) -> list[TermMatch]:
        return self._scan_forms(variants(text) if forms is None else forms)[0]

    def _scan_forms(self, forms: list[str]) -> tuple[list[TermMatch], int]:
        """The matches of every form, and how many of them (the first ones) come from `forms[0]`,
        whose offsets they carry."""
        assert self._index is not None
        matches = self._index.scan(forms[0])
        primary = len(matches)
        if len(forms) > 1:
            seen = set(matches)
            for form in forms[1:]:
                for m in self._index.scan(form):
                    if m not in seen:
                        seen.add(m)
                        matches.append(m)
        return matches, primary

    def _within_sentences(self, prompt: str, form: str, matches: list[TermMatch], primary: int) -> list[TermMatch]:
        """The matches of the first form placed again sentence by sentence, when the prompt has
        several: a negation ends with its sentence. Only a prompt with a negated match pays for
        this (its sentences normalised apart, its first form's matches placed again)."""
        assert self._index is not None
        opens = sentence_starts(prompt, form)
        if not opens:
            return matches
        first = self._index.in_sentences(form, matches[:primary], opens)
        seen = set(first)
        return first + [m for m in matches[primary:] if m not in seen]

    def _local(self, gen: Generation) -> tuple[list[Hit], str | None]:
        cfg = self._config
        prompt = gen.prompt if isinstance(gen.prompt, str) else ("" if gen.prompt is None else str(gen.prompt))
        hits: list[Hit] = []
        forms = variants(prompt) if prompt and (self._index is not None or self._model is not None) else []
        primary = 0
        if self._index is not None and prompt:
            # Words cut by separators are read joined too, by the lexicons only: the prompt model
            # reads the forms it was trained on.
            joined = self._index.joined(prompt)
            scanned = forms if joined is None else forms + [f for f in variants(joined) if f not in forms]
            matches, primary = self._scan_forms(scanned)
            if any(m.negated for m in matches[:primary]):
                matches = self._within_sentences(prompt, forms[0], matches, primary)
        else:
            matches = []
        cf = cfg.content_filter
        if cf is not None:
            content_matches = matches
            negative = gen.negative_prompt
            if cf.check_negative_prompt and isinstance(negative, str) and negative and self._index is not None:
                # Word positions moved far past the prompt's: a rule's window never spans both texts.
                content_matches = matches + [
                    dataclasses.replace(m, first=m.first + _APART, last=m.last + _APART)
                    for m in self._scan(negative)
                    if m.kind != ARTIST
                ]
            if content_matches:
                hits.extend(content_hits(cf, content_matches, self._rule_book))
            if self._model is not None and forms:
                read = displayed(prompt, forms)
                # Spans of negated terms are cut from what the model reads; their offsets are
                # valid only in the first form.
                located = matches[:primary] if read is forms[0] else []
                hits.extend(model_hits(cf, self._model, read, hits, matches, located))
        if cfg.copyright is not None and matches:
            hits.extend(copyright_hits(cfg.copyright, matches))

        modified: str | None = None
        # Control characters and surrogates are never sent: the later rules work on the clean text.
        given = len(prompt)
        clean, removed = for_provider(prompt)
        if removed:
            hits.append(Hit("input", "control_characters", "strip", f"{removed} control characters removed"))
            prompt = modified = clean
        if cfg.pii is not None and prompt:
            found = pii.detect(prompt, cfg.pii.detectors)
            for m in found:
                hits.append(Hit("pii", m.type, cfg.pii.action, f"{m.type} at {m.start}-{m.end}"))
            if found and cfg.pii.action == "redact":
                modified = pii.redact_matches(prompt, found)

        if cfg.prompt_length is not None:
            sent = prompt if modified is None else modified
            hit = length_hit(cfg.prompt_length, sent)
            if hit is not None:
                hits.append(hit)
                if hit.action == "truncate":
                    modified = truncate(cfg.prompt_length, sent)
                    hit.detail = f"prompt of {given} chars truncated to {len(modified)} (max_chars)"
        return hits, modified

    def _model_budget(self) -> float | None:
        cf = self._config.content_filter
        return cf.model_budget_seconds if cf is not None else None

    def _verdict_hits(self, verdicts: list[Verdict]) -> list[Hit]:
        cf = self._config.content_filter
        assert cf is not None
        hits: list[Hit] = []
        by_name = {c.name: c for c in self._classifiers}
        for verdict in verdicts:
            ccfg = by_name[verdict.name].cfg
            if verdict.error is not None:
                mode = self._classifier_mode(ccfg.fail_mode)
                action = "block" if mode == "fail_closed" else "observe"
                detail = f"classifier {verdict.name} {verdict.error}; {mode}"
                hits.append(Hit("classifier", "unavailable", action, detail))
                continue
            for category, score in sorted(verdict.scores.items()):
                # `minors` is blocked whatever the policy lists and whatever its action says.
                always = category == ALWAYS_BLOCKED
                if (always or category in cf.blocked_categories) and score >= ccfg.threshold:
                    hits.append(
                        Hit(
                            "classifier",
                            category,
                            "block" if always else HIT_ACTION[cf.action],
                            f"classifier {verdict.name} scored {category} {score:.2f} >= {ccfg.threshold:g}",
                            score=score,
                        )
                    )
        return hits

    def _finish(
        self, gen: Generation, hits: list[Hit], modified: str | None, degraded: list[str] | None = None
    ) -> Decision:
        cfg = self._config
        outcome = "allow"
        for hit in hits:
            wanted = _OUTCOME.get(hit.action, "warn")
            if _RANK[wanted] > _RANK[outcome]:
                outcome = wanted
        # Sexual content involving minors is blocked in observe mode too: observing lets a call
        # through to learn what a policy would do, and no policy may let this content be produced.
        # The decision is marked enforced, so every caller that honours enforce blocks it.
        mode = cfg.mode
        if any(
            h.category == ALWAYS_BLOCKED and h.rule in ("content", "classifier") and h.action == "block" for h in hits
        ):
            mode = "enforce"
        decision = Decision(
            outcome=outcome,  # type: ignore[arg-type]
            hits=hits,
            modified_prompt=modified if outcome == "modify" else None,
            policy_version=self._version,
            mode=mode,
        )
        if degraded:  # "<step>_unavailable:<fail mode>", as every governance step reports it
            own = next(c.cfg.fail_mode for c in self._classifiers if c.name == degraded[0])
            decision.degraded = f"classifier_unavailable:{self._classifier_mode(own)}"
        cf = cfg.content_filter
        if cf is not None and cf.action == "block_and_alert":
            decision.alert = any(h.rule in ("content", "classifier") and h.action == "block" for h in hits)
        return decision

    def _classifier_mode(self, own: str | None) -> str:
        """A classifier's own `fail_mode`, else the policy's for the classifier step."""
        from .failmode import fail_mode

        return own or fail_mode(self._config, "classifier")

    def _failed(self, exc: Exception) -> Decision:
        if not self._error_logged:
            self._error_logged = True
            log.exception("otel-aiaudit: policy evaluation failed; the call is let through (degraded)")
        return Decision(
            outcome="allow",
            policy_version=self._version,
            mode=self._config.mode,
            degraded=f"policy_error:{type(exc).__name__}",
        )


def _file_error(cfg: PolicyConfig, key: str, problem: str) -> PolicyFileError:
    """A file the policy's content filter names cannot be used: one line with the policy and the key."""
    where = f"content_filter.{key}"
    return PolicyFileError(f"{cfg.source or '<policy>'}: {where}: {problem}", path=cfg.source or "", key=where)


def _blocks(hits: list[Hit]) -> bool:
    return any(h.action == "block" for h in hits)


_ERRORS: dict[str, type[PolicyViolation]] = {
    "content": ContentBlocked,
    "classifier": ContentBlocked,
    "pii": PIIBlocked,
    "copyright": CopyrightBlocked,
    "prompt_length": PromptTooLong,
}

_WHY = {
    "content": "the prompt matches a blocked content category",
    "classifier": "a content classifier flagged the prompt",
    "pii": "the prompt contains personal data and the PII action is block",
    "copyright": "the prompt names a living artist and the copyright action is block",
    "prompt_length": "the prompt is longer than allowed and the action is block",
}


def raise_for(decision: Decision) -> None:
    """Raise the PolicyViolation of an enforced block decision."""
    violation = violation_for(decision)
    if violation is not None:
        raise violation


def violation_for(decision: Decision) -> PolicyViolation | None:
    """The PolicyViolation matching the first blocking hit of an enforced block decision (None when
    the decision does not block). A block no specific error names is still a refusal."""
    if decision.outcome != "block" or decision.mode != "enforce":
        return None
    hit = next((h for h in decision.hits if h.action == "block" and h.rule in _ERRORS), None)
    if hit is None:
        rules = ", ".join(sorted({h.flag for h in decision.hits if h.action == "block"})) or "policy"
        return PolicyViolation(f"blocked by policy ({rules}) [policy {decision.policy_version}]", decision)
    if hit.rule == "classifier" and hit.category == "unavailable":
        return GovernanceUnavailable(
            f"governance step 'classifier' failed and fails closed: the call was not made ({hit.detail}) "
            f"[policy {decision.policy_version}]",
            decision,
            step="classifier",
        )
    why = _WHY[hit.rule]
    message = (
        f"blocked by policy rule {hit.rule} (category {hit.category}): {why}; {hit.detail} "
        f"[policy {decision.policy_version}]"
    )
    return _ERRORS[hit.rule](message, decision)
