"""Optimistic concurrency: ETag on reads, If-Match on writes, no silent overwrite."""

import asyncio
import uuid

from sqlalchemy.orm.exc import StaleDataError

from samskap.models import Programme
from tests.factories import API, make_programme


class TestEtags:
    async def test_get_create_and_update_carry_the_version(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "Nye Asker"})
        assert r.headers["etag"] == '"1"'
        assert r.headers["location"].endswith(f"/programmes/{r.json()['id']}")
        programme = r.json()
        r = await client.get(f"{API}/programmes/{programme['id']}")
        assert r.headers["etag"] == '"1"'
        r = await client.patch(
            f"{API}/programmes/{programme['id']}",
            json={"status": "active"},
            headers={"If-Match": '"1"'},
        )
        assert r.status_code == 200
        assert r.headers["etag"] == '"2"'
        assert r.json()["version"] == 2

    async def test_patch_without_changes_keeps_the_version(self, client):
        programme = await make_programme(client)
        r = await client.patch(f"{API}/programmes/{programme['id']}", json={})
        assert r.status_code == 200, r.text
        assert r.json()["version"] == programme["version"]


class TestStaleWrites:
    async def test_stale_patch_is_refused_and_changes_nothing(self, client):
        programme = await make_programme(client)
        url = f"{API}/programmes/{programme['id']}"
        assert (
            await client.patch(url, json={"name": "Først"}, headers={"If-Match": '"1"'})
        ).status_code == 200
        r = await client.patch(url, json={"name": "Sist"}, headers={"If-Match": '"1"'})
        assert r.status_code == 412
        assert (await client.get(url)).json()["name"] == "Først"

    async def test_stale_delete_is_refused(self, client):
        programme = await make_programme(client)
        url = f"{API}/programmes/{programme['id']}"
        await client.patch(url, json={"name": "Endret"})
        assert (await client.delete(url, headers={"If-Match": '"1"'})).status_code == 412
        assert (await client.get(url)).status_code == 200
        assert (await client.delete(url, headers={"If-Match": '"2"'})).status_code == 204
        assert (await client.get(url)).status_code == 404

    async def test_weak_and_listed_tags_are_understood(self, client):
        programme = await make_programme(client)
        url = f"{API}/programmes/{programme['id']}"
        r = await client.patch(url, json={"name": "A"}, headers={"If-Match": 'W/"1", "7"'})
        assert r.status_code == 200

    async def test_two_concurrent_updates_with_the_same_tag_one_wins(self, client):
        programme = await make_programme(client)
        url = f"{API}/programmes/{programme['id']}"
        results = await asyncio.gather(
            client.patch(url, json={"name": "Versjon A"}, headers={"If-Match": '"1"'}),
            client.patch(url, json={"name": "Versjon B"}, headers={"If-Match": '"1"'}),
        )
        statuses = sorted(r.status_code for r in results)
        assert statuses == [200, 412]
        winner = next(r for r in results if r.status_code == 200).json()
        stored = (await client.get(url)).json()
        assert stored["name"] == winner["name"]
        assert stored["version"] == 2

    async def test_interleaved_transactions_cannot_both_write(self, app, client):
        """Both transactions read version 1 before either writes: the database decides."""
        programme = await make_programme(client)
        sessions = app.state.sessions
        async with sessions() as first, sessions() as second:
            a = await first.get(Programme, uuid.UUID(programme["id"]))
            b = await second.get(Programme, uuid.UUID(programme["id"]))
            assert a.version == b.version == 1
            a.name = "Fra første"
            await first.commit()
            b.name = "Fra andre"
            try:
                await second.commit()
                raised = False
            except StaleDataError:
                raised = True
                await second.rollback()
        assert raised
        stored = (await client.get(f"{API}/programmes/{programme['id']}")).json()
        assert stored["name"] == "Fra første"
