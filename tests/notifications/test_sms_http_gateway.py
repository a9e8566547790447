"""The HTTP SMS gateway adapter against a real local HTTP server: 2xx sent, 5xx and timeouts
temporary, 4xx permanent."""

import pytest

from notifications.sms import HttpGatewayBackend, PermanentFailure, TemporaryFailure, sms_number


def gateway_backend(gateway, **kwargs) -> HttpGatewayBackend:
    return HttpGatewayBackend(url=gateway.url, token="secret-token", sender="KK Alfa", **kwargs)


def test_a_2xx_answer_is_sent_with_the_gateways_message_id(sms_gateway):
    provider_id = gateway_backend(sms_gateway).send("+306912345678", "Γεια σας", idempotency_key="k1")

    assert provider_id == "gw-1"
    [request] = sms_gateway.received
    assert request["body"] == {"to": "+306912345678", "text": "Γεια σας", "sender": "KK Alfa"}


def test_the_token_and_the_idempotency_key_travel_in_headers(sms_gateway):
    gateway_backend(sms_gateway).send("+306912345678", "Γεια σας", idempotency_key="key-123")

    headers = sms_gateway.received[0]["headers"]
    assert headers["Authorization"] == "Bearer secret-token"
    assert headers["Idempotency-Key"] == "key-123"


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_a_5xx_or_429_answer_is_a_temporary_failure(sms_gateway, status):
    sms_gateway.statuses = [status]

    with pytest.raises(TemporaryFailure):
        gateway_backend(sms_gateway).send("+306912345678", "x", idempotency_key="k")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_a_4xx_answer_is_a_permanent_failure(sms_gateway, status):
    sms_gateway.statuses = [status]

    with pytest.raises(PermanentFailure):
        gateway_backend(sms_gateway).send("+306912345678", "x", idempotency_key="k")


def test_a_gateway_that_does_not_answer_in_time_is_a_temporary_failure(sms_gateway):
    sms_gateway.delay = 1.0

    with pytest.raises(TemporaryFailure):
        gateway_backend(sms_gateway, timeout=0.2).send("+306912345678", "x", idempotency_key="k")


def test_a_gateway_that_is_not_there_is_a_temporary_failure():
    with pytest.raises(TemporaryFailure):
        HttpGatewayBackend(url="http://127.0.0.1:9/send", timeout=1).send("+306912345678", "x", idempotency_key="k")


@pytest.mark.parametrize(("phone", "number"), [
    ("6912345678", "+306912345678"), ("+30 691 234 5678", "+306912345678"), ("00306912345678", "+306912345678"),
    ("+447700900123", "+447700900123"), ("2821012345", None), ("69123", None), ("", None),
])
def test_only_mobile_numbers_receive_sms(phone, number):
    assert sms_number(phone) == number
