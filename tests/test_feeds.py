"""iCalendar feeds: valid, authorised by an API token, filtered, and stable across changes."""

from icalendar import Calendar

from tests.factories import API, create, make_deadline, make_person, make_programme, make_project


async def token_for(client, programme) -> str:
    issued = await create(
        client, "/api-tokens", {"programme_id": programme["id"], "name": "Outlook"}
    )
    return issued["token"]


def items(response) -> dict[str, dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(c["uid"]): c for c in calendar.walk("VEVENT")}


class TestDeadlineFeed:
    async def test_a_moved_deadline_keeps_its_uid_and_raises_its_sequence(self, client, anonymous):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        deadline = await make_deadline(
            client, programme, person, title="Arbeidsbok v2", due_at="2030-09-20T12:00:00+02:00"
        )
        token = await token_for(client, programme)
        url = f"{API}/deadlines.ics"
        before = items(await anonymous.get(url, params={"token": token}))
        uid = f"{deadline['id']}@samskap"
        assert str(before[uid]["summary"]) == "Frist: Arbeidsbok v2"
        assert before[uid].decoded("dtstart").isoformat() == "2030-09-20T10:00:00+00:00"
        await client.patch(
            f"{API}/deadlines/{deadline['id']}", json={"due_at": "2030-09-27T12:00:00+02:00"}
        )
        after = items(await anonymous.get(url, params={"token": token}))
        assert list(after) == [uid]
        assert after[uid].decoded("dtstart").isoformat() == "2030-09-27T10:00:00+00:00"
        assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])

    async def test_filters_and_programmes_apply(self, client, anonymous):
        programme, other = await make_programme(client), await make_programme(client)
        person = await make_person(client, programme)
        project = await make_project(client, programme)
        ours = await make_deadline(client, programme, person, project_id=project["id"])
        await make_deadline(client, programme, person)
        await make_deadline(client, other, await make_person(client, other))
        token = await token_for(client, programme)
        found = items(
            await anonymous.get(
                f"{API}/deadlines.ics", params={"token": token, "project_id": project["id"]}
            )
        )
        assert list(found) == [f"{ours['id']}@samskap"]
        everything = items(await anonymous.get(f"{API}/deadlines.ics", params={"token": token}))
        assert len(everything) == 2

    async def test_without_a_token_or_with_a_login_token_in_the_url_it_is_refused(
        self, client, anonymous, accounts
    ):
        assert (await anonymous.get(f"{API}/deadlines.ics")).status_code == 401
        user = await accounts.user(system_admin=True)
        jwt = await accounts.token_for(user)
        r = await anonymous.get(f"{API}/deadlines.ics", params={"token": jwt})
        assert r.status_code == 401
        assert (await client.get(f"{API}/deadlines.ics")).status_code == 200


class TestEventFeed:
    async def test_events_with_location_and_agenda(self, client, anonymous):
        programme = await make_programme(client)
        event = await create(
            client,
            "/events",
            {
                "programme_id": programme["id"],
                "title": "Samling 2: Vi jobber sammen!",
                "kind": "gathering",
                "location": "Kolben",
                "starts_at": "2030-10-11T09:00:00+02:00",
                "ends_at": "2030-10-11T15:00:00+02:00",
                "agenda": [{"time": "09:00", "title": "Velkommen"}],
            },
        )
        token = await token_for(client, programme)
        found = items(await anonymous.get(f"{API}/events.ics", params={"token": token}))
        item = found[f"{event['id']}@samskap"]
        assert (str(item["summary"]), str(item["location"])) == (
            "Samling 2: Vi jobber sammen!",
            "Kolben",
        )
        assert "09:00 Velkommen" in str(item["description"])
