"""What the three audit records leave out: no null and no empty list or map (OTLP has no null, and
empty fields only cost bytes), while a zero, False or an empty string is a value and stays."""

from __future__ import annotations

from otel_aiaudit.generation import Hit
from tests.ledger.records import records


def by_type(**kwargs: object) -> dict:
    return {r.type: r for r in records(**kwargs)}


def test_empty_lists_and_maps_are_left_out_of_bodies_and_attributes() -> None:
    recs = by_type(images=0, team=None, purpose=None)
    log_body, log_attrs = recs["log"].body, recs["log"].attributes
    # No hits, no warnings, no approval, no usage: none of those keys, not even empty.
    for key in ("budget_warnings", "approval", "usage", "team", "purpose", "error_type"):
        assert key not in log_body, key
    assert "hits" not in log_body["policy"] and "flags" not in log_body["policy"]
    assert "aiaudit.policy.flags" not in log_attrs and "aiaudit.team" not in log_attrs
    image_body, image_attrs = recs["image"].body, recs["image"].attributes
    assert "images" not in image_body and "aiaudit.image.hashes" not in image_attrs
    for rec in recs.values():
        for container in (rec.body, rec.attributes):
            assert all(v is not None and v != [] and v != {} for v in container.values()), container


def test_zero_values_are_kept() -> None:
    recs = by_type(cost=0.0, status="blocked", outcome="block")
    assert recs["log"].body["cost"]["usd"] == 0.0
    assert recs["log"].attributes["aiaudit.cost.usd"] == 0.0


def test_filled_lists_are_kept() -> None:
    hit = Hit(rule="content", category="violence", action="block", detail="term")
    recs = by_type(hits=[hit], images=2, outcome="block", status="blocked")
    assert recs["log"].attributes["aiaudit.policy.flags"] == ["content:violence"]
    assert recs["log"].body["policy"]["hits"] == [
        {"rule": "content", "category": "violence", "action": "block", "detail": "term"}
    ]
    assert len(recs["image"].body["images"]) == 2
    assert len(recs["image"].attributes["aiaudit.image.hashes"]) == 2
