"""The HTTP server's own answers: a request the parser cannot read (a malformed request line,
bytes no URL may hold) never reaches the application, so uvicorn answers it itself — here as
problem details like every other refusal, not text/plain."""

from __future__ import annotations

import json

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MALFORMED = json.dumps(
    {
        "type": "https://duban.example/problems/malformed-request",
        "title": "Bad Request",
        "status": 400,
        "detail": "the request line or headers cannot be read as HTTP/1.1 "
        "(a URL must be percent-encoded: curl --data-urlencode, or encodeURIComponent)",
        "rule": "malformed-request",
    }
).encode("ascii")


def malformed_response(keep: list[tuple[bytes, bytes]]) -> bytes:
    head = [b"HTTP/1.1 400 Bad Request"]
    head += [name + b": " + value for name, value in keep]
    head += [
        b"content-type: application/problem+json",
        b"content-length: " + str(len(MALFORMED)).encode("ascii"),
        b"connection: close",
    ]
    return b"\r\n".join(head) + b"\r\n\r\n" + MALFORMED


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(malformed_response(self.server_state.default_headers))
        self.transport.close()


class ProblemH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(malformed_response(self.server_state.default_headers))
        self.transport.close()
