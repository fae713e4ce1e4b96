"""A real HTTP server that receives webhook deliveries, for tests and benchmarks: a
ThreadingHTTPServer on a free port of 127.0.0.1, in a thread of the test process.

It verifies each delivery's signature with the Standard Webhooks reference library
(`standardwebhooks`), records what came, and answers as told: `plan(...)` lines up answers for
the next requests (a status, a body, or holding the request open until an event is set);
once they are used up it answers 200.
"""

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Answer:
    status: int = 200
    body: bytes = b'{"received":true}'
    # Hold the request open until this is set (or hold_seconds have passed), then answer.
    hold: threading.Event | None = None
    hold_seconds: float = 60.0


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    # The verified, parsed payload; None when the signature did not verify (see error).
    payload: Any | None
    error: str | None
    # time.monotonic() when the request had been read.
    arrived: float

    @property
    def message_id(self) -> str:
        return self.headers.get("webhook-id", "")


@dataclass
class Receiver:
    url: str = ""
    # The webhook's secret ("whsec_…"); set it once the webhook is created.
    secret: str | None = None
    received: list[Received] = field(default_factory=list)
    _plan: deque[Answer] = field(default_factory=deque)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def plan(self, *answers: Answer | int) -> None:
        """Answers for the next requests, in order: an Answer, or just a status."""
        with self._changed:
            for answer in answers:
                self._plan.append(Answer(status=answer) if isinstance(answer, int) else answer)

    def _next_answer(self) -> Answer:
        with self._changed:
            return self._plan.popleft() if self._plan else Answer()

    def _record(self, headers: dict[str, str], body: bytes) -> None:
        payload, error = None, None
        if self.secret is None:
            error = "no secret to verify with"
        else:
            try:
                payload = Webhook(self.secret).verify(body, headers)
            except WebhookVerificationError as exc:
                error = str(exc) or type(exc).__name__
        with self._changed:
            self.received.append(Received(headers, body, payload, error, time.monotonic()))
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """Blocks until at least `count` requests have come (or raises TimeoutError)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.received)} of {count} requests came")
                self._changed.wait(left)
            return list(self.received)

    def distinct_messages(self) -> set[str]:
        """The webhook-ids received: what a receiver that drops repeats handles once each."""
        return {r.message_id for r in self.received}

    def payloads(self) -> list[Any]:
        return [json.loads(r.body) for r in self.received]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            receiver._record({k.lower(): v for k, v in self.headers.items()}, body)
            answer = receiver._next_answer()
            if answer.hold is not None:
                answer.hold.wait(answer.hold_seconds)
            try:
                self.send_response(answer.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except OSError:
                pass  # the sender is gone (a killed worker)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def receiving() -> Iterator[Receiver]:
    """A receiver listening on a free port until the block ends."""
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/samskap"
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
