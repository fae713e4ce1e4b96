"""Whom the public accessibility statement names for reporting a barrier."""

import httpx

from samskap.main import create_app
from tests.factories import API

URL = f"{API}/accessibility/contact"


async def _contact_with(settings, **changes) -> httpx.Response:
    app = create_app(settings.model_copy(update=changes))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as anonymous:
            return await anonymous.get(URL)
    finally:
        await app.state.engine.dispose()


class TestAccessibilityContact:
    async def test_without_a_contact_of_its_own_names_the_mail_sender_without_login(
        self, anonymous
    ):
        r = await anonymous.get(URL)
        assert r.status_code == 200, r.text
        assert r.json() == {"contact": "samskap@kommune.example", "kind": "email"}

    async def test_names_the_configured_address(self, settings):
        r = await _contact_with(settings, accessibility_contact=" uu@kommune.example ")
        assert r.json() == {"contact": "uu@kommune.example", "kind": "email"}

    async def test_names_a_web_form_as_a_link(self, settings):
        r = await _contact_with(
            settings, accessibility_contact="https://kommune.example/meld-fra-om-feil"
        )
        assert r.json() == {"contact": "https://kommune.example/meld-fra-om-feil", "kind": "url"}
