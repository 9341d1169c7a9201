"""The client address the log-in throttle counts: the source IP API Gateway saw, else the socket's
peer; X-Forwarded-For never, since a client writes what it likes there."""

from __future__ import annotations

from interview_core.api.client_address import client_address
from starlette.requests import Request

SPOOFED = [(b"x-forwarded-for", b"192.0.2.1, 192.0.2.2"), (b"x-real-ip", b"192.0.2.3")]


def request(**scope: object) -> Request:
    return Request(
        {"type": "http", "method": "POST", "path": "/token", "headers": SPOOFED, **scope}
    )


def test_behind_a_rest_api_it_is_the_events_identity_source_ip():
    event = {"requestContext": {"identity": {"sourceIp": "203.0.113.7"}}}
    assert client_address(request(client=("10.0.0.1", 0), **{"aws.event": event})) == "203.0.113.7"


def test_behind_an_http_api_it_is_the_events_http_source_ip():
    event = {"requestContext": {"http": {"sourceIp": "2001:db8::1"}}}
    assert client_address(request(**{"aws.event": event})) == "2001:db8::1"


def test_locally_it_is_the_socket_peer_and_forwarded_headers_are_ignored():
    assert client_address(request(client=("127.0.0.1", 51234))) == "127.0.0.1"
    assert (
        client_address(
            request(client=("127.0.0.1", 51234), **{"aws.event": {"requestContext": {}}})
        )
        == "127.0.0.1"
    )


def test_with_no_peer_at_all_it_is_unknown():
    assert client_address(request(client=None)) == "unknown"
