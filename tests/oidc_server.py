"""A real OpenID Connect provider for the tests: oidc-provider-mock (a Flask app on werkzeug)
on a free port of localhost, in a thread of its own. It discovers, signs ID tokens with its
own RSA key (served as JWKS), keeps each authorisation code for one use, and signs in
whichever subject its authorisation form is given; `set_user` sets the claims a subject gets.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import httpx
import oidc_provider_mock


class Provider:
    def __init__(self, port: int) -> None:
        # The provider names itself after the Host it is asked with: always `localhost`.
        self.issuer = f"http://localhost:{port}"

    def set_user(self, subject: str, **claims: object) -> None:
        """The claims the provider gives `subject` from now on (e.g. email, email_verified,
        name)."""
        r = httpx.put(f"{self.issuer}/users/{quote(subject, safe='')}", json=claims)
        r.raise_for_status()


@contextmanager
def oidc_provider() -> Iterator[Provider]:
    """The provider, running until the block ends; it refuses an authorisation request
    without a nonce, as Samskap always sends one."""
    with oidc_provider_mock.run_server_in_thread(port=0, require_nonce=True) as server:
        yield Provider(server.server_port)
