"""Images made through the Responses API's image_generation tool: create, parse, stream; sync and async."""

from __future__ import annotations

import pytest

TOOLS = [{"type": "image_generation", "model": "gpt-image-2", "quality": "low", "size": "1024x1024"}]
# The fake reports 3 text tokens in and 272 image tokens out for "draw a fox" at low quality.
FOX_COST = (3 * 5.00 + 272 * 30.00) / 1e6


def _assert_fox(span) -> None:
    attrs = dict(span.attributes)
    assert attrs["gen_ai.request.model"] == "gpt-image-2"
    assert attrs["aiaudit.request.quality"] == "low"
    assert attrs["aiaudit.response.image_count"] == 1
    assert attrs["gen_ai.usage.output_tokens"] == 272
    assert attrs["aiaudit.cost.usd"] == pytest.approx(FOX_COST)
    assert attrs["gen_ai.response.id"] == "resp_1"


def test_create(instrument_with_content, telemetry, openai_client) -> None:
    response = openai_client.responses.create(model="gpt-5", input="draw a fox", tools=TOOLS)
    assert response.output[0].type == "image_generation_call"
    (span,) = telemetry.finished_spans()
    _assert_fox(span)
    assert span.attributes["aiaudit.response.revised_prompt"] == "Revised: draw a fox"


def test_text_only_response_is_not_audited(instrument_no_content, telemetry, openai_client) -> None:
    openai_client.responses.create(model="gpt-5", input="hello")
    assert telemetry.finished_spans() == []
    assert telemetry.records() == []


def test_parse(instrument_no_content, telemetry, openai_client) -> None:
    openai_client.responses.parse(model="gpt-5", input="draw a fox", tools=TOOLS)
    (span,) = telemetry.finished_spans()
    _assert_fox(span)


def test_message_list_input(instrument_no_content, telemetry, openai_client, oai) -> None:
    messages = [{"role": "user", "content": [{"type": "input_text", "text": "draw a fox"}]}]
    openai_client.responses.create(model="gpt-5", input=messages, tools=TOOLS)
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.prompt.length"] == len("draw a fox")


def test_stream_create(instrument_no_content, telemetry, openai_client) -> None:
    tools = [{**TOOLS[0], "partial_images": 2}]
    events = list(openai_client.responses.create(model="gpt-5", input="draw a fox", tools=tools, stream=True))
    assert events[-1].type == "response.completed"
    (span,) = telemetry.finished_spans()
    _assert_fox(span)


def test_stream_helper_is_audited_once(instrument_no_content, telemetry, openai_client) -> None:
    with openai_client.responses.stream(model="gpt-5", input="draw a fox", tools=TOOLS) as stream:
        for _ in stream:
            pass
        final = stream.get_final_response()
    assert final.output[0].type == "image_generation_call"
    (span,) = telemetry.finished_spans()
    _assert_fox(span)


async def test_async_create_and_stream(instrument_no_content, telemetry, async_openai_client) -> None:
    await async_openai_client.responses.create(model="gpt-5", input="draw a fox", tools=TOOLS)
    stream = await async_openai_client.responses.create(
        model="gpt-5", input="draw a fox", tools=TOOLS, stream=True
    )
    async for _ in stream:
        pass
    spans = telemetry.finished_spans()
    assert len(spans) == 2
    for span in spans:
        _assert_fox(span)
