"""Logged-in test clients: users with roles in programmes, and API tokens."""

import uuid
from datetime import timedelta

import httpx

from samskap.auth.passwords import hash_password
from samskap.auth.tokens import digest, issue_access_token, new_secret
from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.models import AuthSession, Membership, User

PASSWORD = "correct horse battery staple"
_WRITES = {"POST", "PATCH", "PUT", "DELETE"}


class Accounts:
    def __init__(self, app):
        self.app = app
        self.clients: list[httpx.AsyncClient] = []
        # (method, url, request id) of every successful write, to check the audit trail.
        self.writes: list[tuple[str, str, str]] = []
        self._hash: str | None = None

    def _http(self, headers: dict[str, str], *, reads_etag: bool = True) -> httpx.AsyncClient:
        async def send_current_etag(request: httpx.Request) -> None:
            """Behave as the web app does: a change names the version it was based on. A test
            about If-Match itself sends its own header, or uses a client with reads_etag off."""
            if request.method not in ("PATCH", "DELETE") or "if-match" in request.headers:
                return
            current = await http.get(str(request.url))
            if "etag" in current.headers:
                request.headers["If-Match"] = current.headers["etag"]

        async def remember(response: httpx.Response) -> None:
            request = response.request
            empty_patch = request.method == "PATCH" and request.content.strip() == b"{}"
            if (
                request.method in _WRITES
                and response.is_success
                and not empty_patch
                and "/auth/" not in request.url.path
                # An anonymous answer is audited without its request id, so that nothing ties
                # the trail to the request that sent it (tests/test_surveys.py checks its event).
                and "/survey-answers/" not in request.url.path
                # So is an idea sent through a participation link (tests/test_ideas.py).
                and "/participation/" not in request.url.path
            ):
                self.writes.append(
                    (request.method, request.url.path, response.headers.get("x-request-id", ""))
                )

        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
        http = httpx.AsyncClient(
            transport=transport,
            base_url="http://test",
            headers=headers,
            event_hooks={
                "request": [send_current_etag] if reads_etag else [],
                "response": [remember],
            },
        )
        self.clients.append(http)
        return http

    def anonymous(self) -> httpx.AsyncClient:
        return self._http({})

    async def user(
        self,
        *,
        system_admin: bool = False,
        email: str | None = None,
        roles: dict[str, tuple[str, str | None] | str] | None = None,
    ) -> User:
        """A user with a password (PASSWORD) and roles: {programme_id: role | (role, person)}."""
        self._hash = self._hash or hash_password(PASSWORD)
        async with self.app.state.sessions() as session:
            user = User(
                id=uuid7(),
                email=email or f"user-{uuid.uuid4().hex[:8]}@example.no",
                name="Testbruker",
                password_hash=self._hash,
                system_admin=system_admin,
                active=True,
            )
            session.add(user)
            await session.flush()
            for programme_id, role in (roles or {}).items():
                role, person_id = role if isinstance(role, tuple) else (role, None)
                session.add(
                    Membership(
                        id=uuid7(),
                        programme_id=uuid.UUID(programme_id),
                        user_id=user.id,
                        role=role,
                        person_id=uuid.UUID(person_id) if person_id else None,
                    )
                )
            await session.commit()
        return user

    async def token_for(self, user: User) -> str:
        async with self.app.state.sessions() as session:
            login = AuthSession(
                id=uuid7(),
                user_id=user.id,
                refresh_token_hash=digest(new_secret("")),
                expires_at=utcnow() + timedelta(days=1),
            )
            session.add(login)
            await session.commit()
        return issue_access_token(self.app.state.settings, user.id, login.id)

    async def client(self, *, reads_etag: bool = True, **kwargs) -> httpx.AsyncClient:
        """A logged-in client; with reads_etag off it sends no If-Match unless told to."""
        user = await self.user(**kwargs)
        return self.bearer(await self.token_for(user), reads_etag=reads_etag)

    async def role(self, programme: dict, role: str, person: dict | None = None):
        """A client for a user with one role in one programme."""
        value = (role, person["id"]) if person else role
        return await self.client(roles={programme["id"]: value})

    def bearer(self, token: str, *, reads_etag: bool = True) -> httpx.AsyncClient:
        return self._http({"Authorization": f"Bearer {token}"}, reads_etag=reads_etag)

    async def close(self) -> None:
        for http in self.clients:
            await http.aclose()
