"""Bad input fails with BadRequestError before any request is sent, naming what
was wrong: non-finite numbers (which json.dumps would write as NaN), unknown
parameters, wrong types, out-of-range values, non-JSON values."""

from __future__ import annotations

import math

import pytest
from helpers import BY_NAME, MESSAGES, params

import edgequake_python as litellm


@pytest.mark.parametrize(
    ("field", "value"),
    [("temperature", math.nan), ("top_p", math.inf), ("timeout", -math.inf), ("presence_penalty", math.nan)],
)
def test_non_finite_numbers_are_refused_by_name(fake, field, value):
    before = len(fake.chat_requests())
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(**params(BY_NAME["openai"], fake.url, None, **{field: value}))
    assert f"`{field}` is {value}" in str(caught.value)
    assert "finite" in str(caught.value)
    assert len(fake.chat_requests()) == before, "no request was sent"


def test_non_finite_number_deep_inside_is_named_with_its_path(fake):
    tools = [{"type": "function", "function": {"name": "f", "parameters": {"maximum": math.inf}}}]
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(**params(BY_NAME["openai"], fake.url, None, tools=tools))
    assert "`tools[0].function.parameters.maximum` is inf" in str(caught.value)


def test_unknown_parameter_is_named():
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(model="openai/gpt-4o-mini", messages=MESSAGES, temprature=0.2, mock_response="x")
    assert "temprature" in str(caught.value)


def test_out_of_range_value_names_the_field_and_range():
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(model="openai/gpt-4o-mini", messages=MESSAGES, temperature=7, mock_response="x")
    assert "temperature" in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"messages": MESSAGES}, "model"),
        ({"model": "openai/gpt-4o-mini"}, "messages"),
        ({"model": "openai/gpt-4o-mini", "messages": []}, "messages"),
        ({"model": "", "messages": MESSAGES}, "model"),
        ({"model": "openai/gpt-4o-mini", "messages": "hello"}, "messages"),
        ({"model": "openai/gpt-4o-mini", "messages": MESSAGES, "stream": "yes"}, "stream"),
        ({"model": "nosuchprovider/x", "messages": MESSAGES}, "nosuchprovider"),
    ],
)
def test_wrong_shapes_are_named(kwargs, needle):
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(mock_response="x", **kwargs)
    assert needle in str(caught.value)


def test_values_json_cannot_carry_are_refused():
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": object()}])
    assert "not JSON-serializable" in str(caught.value)


def test_none_means_unset_as_in_litellm():
    r = litellm.completion(model="openai/gpt-4o-mini", messages=MESSAGES, temperature=None, mock_response="ok")
    assert r.choices[0].message.content == "ok"


def test_streams_fail_before_any_request_too(fake):
    before = len(fake.chat_requests())
    with pytest.raises(litellm.BadRequestError):
        litellm.completion(**params(BY_NAME["anthropic"], fake.url, None, stream=True, top_k=-1))
    assert len(fake.chat_requests()) == before


def test_list_models_and_warm_refuse_wrong_shapes():
    with pytest.raises(litellm.BadRequestError):
        litellm.list_models(None)  # type: ignore[arg-type]
    with pytest.raises(litellm.BadRequestError):
        litellm.list_models("nosuch")
    with pytest.raises(litellm.BadRequestError):
        litellm.warm(None)  # type: ignore[arg-type]
