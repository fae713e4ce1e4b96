from tests.factories import API, make_programme, make_submission, make_template


class TestTemplates:
    async def test_ordered_sections_and_required_attachments(self, client):
        programme = await make_programme(client)
        template = await make_template(
            client,
            programme,
            title="Mal for innspill",
            guidance="Maks 2 sider pluss organisasjonskart.",
            required_attachments=[{"key": "org-kart", "title": "Organisasjonskart"}],
        )
        assert [s["key"] for s in template["sections"]] == ["organisering", "ansvar"]
        assert template["sections"][0]["max_length"] == 200
        assert template["sections"][1]["max_length"] is None
        assert template["required_attachments"][0] == {
            "key": "org-kart",
            "title": "Organisasjonskart",
            "description": None,
        }
        listed = (
            await client.get(f"{API}/templates", params={"programme_id": programme["id"]})
        ).json()
        assert [t["title"] for t in listed["items"]] == ["Mal for innspill"]

    async def test_sections_are_reordered_by_replacing_the_list(self, client):
        programme = await make_programme(client)
        template = await make_template(client, programme)
        reordered = [
            *reversed(template["sections"]),
            {"key": "moteplasser", "title": "Møteplasser", "max_length": 1000},
        ]
        r = await client.patch(f"{API}/templates/{template['id']}", json={"sections": reordered})
        assert r.status_code == 200, r.text
        assert [s["key"] for s in r.json()["sections"]] == ["ansvar", "organisering", "moteplasser"]
        assert r.json()["version"] == template["version"] + 1

    async def test_a_key_used_twice_is_refused_at_its_place(self, client):
        programme = await make_programme(client)
        sections = [
            {"key": "a", "title": "A"},
            {"key": "b", "title": "B"},
            {"key": "a", "title": "A igjen"},
        ]
        r = await client.post(
            f"{API}/templates",
            json={"programme_id": programme["id"], "title": "Mal", "sections": sections},
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/sections/2/key", "duplicate_key")
        attachments = [{"key": "kart", "title": "Kart"}, {"key": "kart", "title": "Kart"}]
        r = await client.post(
            f"{API}/templates",
            json={
                "programme_id": programme["id"],
                "title": "Mal",
                "required_attachments": attachments,
            },
        )
        assert r.json()["errors"][0]["pointer"] == "/required_attachments/1/key"
        listed = await client.get(f"{API}/templates", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []

    async def test_keys_are_slugs_and_lengths_positive(self, client):
        programme = await make_programme(client)
        for section, pointer in (
            ({"key": "Med mellomrom", "title": "X"}, "/sections/0/key"),
            ({"key": "ok", "title": "X", "max_length": 0}, "/sections/0/max_length"),
            ({"key": "ok", "title": ""}, "/sections/0/title"),
        ):
            r = await client.post(
                f"{API}/templates",
                json={"programme_id": programme["id"], "title": "Mal", "sections": [section]},
            )
            assert r.status_code == 422, section
            assert r.json()["errors"][0]["pointer"] == pointer

    async def test_a_template_in_use_cannot_be_deleted(self, client):
        programme = await make_programme(client)
        template = await make_template(client, programme)
        project = (
            await client.post(
                f"{API}/projects",
                json={"programme_id": programme["id"], "code": "OPP", "name": "Oppvekst"},
            )
        ).json()
        await make_submission(client, programme, template, project_id=project["id"])
        r = await client.delete(f"{API}/templates/{template['id']}")
        assert r.status_code == 409
        unused = await make_template(client, programme)
        assert (await client.delete(f"{API}/templates/{unused['id']}")).status_code == 204

    async def test_observers_read_and_members_do_not_write(self, client, accounts):
        programme = await make_programme(client)
        template = await make_template(client, programme)
        observer = await accounts.role(programme, "observer")
        member = await accounts.role(programme, "member")
        assert (await observer.get(f"{API}/templates/{template['id']}")).status_code == 200
        for who in (observer, member):
            r = await who.patch(f"{API}/templates/{template['id']}", json={"title": "Ny"})
            assert r.status_code == 403
        editor = await accounts.role(programme, "editor")
        r = await editor.patch(f"{API}/templates/{template['id']}", json={"title": "Ny"})
        assert r.status_code == 200
        other = await make_programme(client)
        stranger = await accounts.role(other, "programme_admin")
        assert (await stranger.get(f"{API}/templates/{template['id']}")).status_code == 404
