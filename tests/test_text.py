"""One convention for text UTF-8 cannot encode: surrogates written as visible `\\uXXXX`, used alike by
the hasher, the record text and the ledger; and what may be sent to a provider."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from otel_aiaudit.hashing import Hasher
from otel_aiaudit.ledger import LedgerSink, find_records
from otel_aiaudit.ledger.chain import canonical
from otel_aiaudit.ledger.verify import verify
from otel_aiaudit.telemetry.capture import PromptCapture
from otel_aiaudit.text import encodable, for_provider
from tests.ledger.records import records


def test_encodable_escapes_each_surrogate_and_keeps_the_rest() -> None:
    assert encodable("a cat \ud800 on a sofa") == "a cat \\ud800 on a sofa"
    assert encodable("\udfff\ud83d\ude00 ok 😀 ก") == "\\udfff\\ud83d\\ude00 ok 😀 ก"
    text = "plain ascii and ภาษาไทย"
    assert encodable(text) is text  # no copy when there is nothing to escape
    for value in ("\ud800", "x\udc80y", "😀\ud800"):
        encodable(value).encode("utf-8")  # never raises


def test_hash_is_over_the_escaped_text() -> None:
    prompt = "a cat \ud800 on a sofa"
    escaped = b"a cat \\ud800 on a sofa"
    assert Hasher().text(prompt) == "sha256:" + hashlib.sha256(escaped).hexdigest()
    assert Hasher("k").text(prompt) == "hmac-sha256:" + hmac.new(b"k", escaped, hashlib.sha256).hexdigest()
    assert Hasher().text(prompt) == Hasher().text(prompt)
    # Valid text hashes exactly as before: the UTF-8 of the text itself.
    assert Hasher().text("ภาพ 😀") == "sha256:" + hashlib.sha256("ภาพ 😀".encode()).hexdigest()


def test_record_text_is_escaped_in_every_capture_mode_that_keeps_text() -> None:
    prompt = "mail jo@example.com \ud800"
    assert PromptCapture("full").for_record(prompt) == "mail jo@example.com \\ud800"
    assert PromptCapture("redacted").for_record(prompt) == "mail [EMAIL] \\ud800"
    assert PromptCapture("hash").for_record(prompt) is None


def test_canonical_json_escapes_surrogates_anywhere() -> None:
    doc = {"user": "eve\udc80", "list": ["\ud800", 1, None], "k\ud801": True}
    out = canonical(doc)
    out.encode("utf-8")
    assert out == '{"k\\\\ud801":true,"list":["\\\\ud800",1,null],"user":"eve\\\\udc80"}'
    assert canonical({"a": "ภ"}) == '{"a":"ภ"}'  # valid text keeps its characters


def test_ledger_write_never_fails_on_text(tmp_path: Path) -> None:
    sink = LedgerSink(tmp_path / "ledger.db")
    try:
        recs = records(user="eve\udc80", prompt="a dog \ud800")
        sink.ledger.append(recs)
        (user,) = sink.ledger.conn().execute("SELECT DISTINCT user FROM records").fetchone()
        assert user == "eve\\udc80"
        prompt = next(r for r in find_records(sink.path, recs[0].generation_id) if r["type"] == "prompt")
        assert prompt["body"]["prompt"] == "a dog \\ud800"
        assert verify(sink.ledger).ok
    finally:
        sink.close()


def test_for_provider_strips_controls_and_surrogates() -> None:
    assert for_provider("a calm sea\nat dawn") == ("a calm sea\nat dawn", 0)
    assert for_provider("ภาพ 😀\u200b") == ("ภาพ 😀\u200b", 0)  # format characters may be meaningful
    assert for_provider("a\x00b\tc\r\nd\re\x7f\x85f\ud800") == ("ab c\nd\ne\nf", 7)
