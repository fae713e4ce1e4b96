import uuid
from datetime import UTC, datetime, timedelta

from tests.factories import (
    API,
    create,
    make_deadline,
    make_group,
    make_person,
    make_programme,
    make_project,
)


def at(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


class TestOverdue:
    async def test_overdue_is_computed_when_read(self, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        past = await make_deadline(client, programme, rikke, due_at=at(timedelta(hours=-1)))
        future = await make_deadline(client, programme, rikke, due_at=at(timedelta(days=3)))
        assert past["overdue"] is True
        assert future["overdue"] is False
        r = await client.patch(f"{API}/deadlines/{past['id']}", json={"status": "submitted"})
        assert r.json()["overdue"] is False

    async def test_overdue_filter_uses_the_current_time(self, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        await make_deadline(
            client, programme, rikke, title="Forsinket", due_at=at(timedelta(minutes=-5))
        )
        await make_deadline(
            client,
            programme,
            rikke,
            title="Levert i tide",
            due_at=at(timedelta(minutes=-5)),
            status="submitted",
        )
        await make_deadline(
            client, programme, rikke, title="Neste uke", due_at=at(timedelta(days=7))
        )
        overdue = (await client.get(f"{API}/deadlines", params={"overdue": "true"})).json()
        assert [d["title"] for d in overdue["items"]] == ["Forsinket"]
        rest = (await client.get(f"{API}/deadlines", params={"overdue": "false"})).json()
        assert sorted(d["title"] for d in rest["items"]) == ["Levert i tide", "Neste uke"]


class TestCreateDeadline:
    async def test_who_sends_what_to_whom_by_when(self, client):
        programme = await make_programme(client)
        sender, recipient = (
            await make_person(client, programme),
            await make_person(client, programme),
        )
        deadline = await make_deadline(
            client,
            programme,
            sender,
            recipient_id=recipient["id"],
            title="Send revidert versjon av arbeidsboken",
            due_at="2018-09-20T12:00:00+02:00",
        )
        assert deadline["due_at"] == "2018-09-20T10:00:00Z"
        assert deadline["recipient_id"] == recipient["id"]

    async def test_exactly_one_responsible(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        group = await make_group(client, programme)
        base = {"programme_id": programme["id"], "title": "X", "due_at": "2030-01-01T12:00:00Z"}
        r = await client.post(f"{API}/deadlines", json=base)
        assert r.status_code == 422
        r = await client.post(
            f"{API}/deadlines",
            json=base
            | {"responsible_person_id": person["id"], "responsible_group_id": group["id"]},
        )
        assert r.status_code == 422
        r = await client.post(f"{API}/deadlines", json=base | {"responsible_group_id": group["id"]})
        assert r.status_code == 201

    async def test_due_time_needs_an_offset(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        r = await client.post(
            f"{API}/deadlines",
            json={
                "programme_id": programme["id"],
                "title": "X",
                "due_at": "2030-01-01T12:00:00",
                "responsible_person_id": person["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/due_at"

    async def test_references_stay_inside_the_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        person = await make_person(client, programme)
        foreign_project = await make_project(client, other)
        r = await client.post(
            f"{API}/deadlines",
            json={
                "programme_id": programme["id"],
                "title": "X",
                "due_at": "2030-01-01T12:00:00Z",
                "responsible_person_id": person["id"],
                "project_id": foreign_project["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/project_id"


class TestLateness:
    async def test_a_deadline_met_after_its_due_time_says_so_and_by_how_much(self, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        due = "2018-10-04T12:00:00+02:00"
        late = await make_deadline(
            client,
            programme,
            rikke,
            title="Levert for sent",
            due_at=due,
            status="submitted",
            submitted_at="2018-10-08T09:40:00+02:00",
        )
        assert (late["overdue"], late["submitted_late"]) == (False, True)
        assert late["late_by_seconds"] == ((3 * 24 + 21) * 60 + 40) * 60
        on_time = await make_deadline(
            client,
            programme,
            rikke,
            title="Levert i tide",
            due_at=due,
            status="submitted",
            submitted_at="2018-10-04T12:00:00+02:00",
        )
        assert (on_time["submitted_late"], on_time["late_by_seconds"]) == (False, None)
        missing = await make_deadline(client, programme, rikke, title="Ikke levert", due_at=due)
        assert (missing["overdue"], missing["submitted_late"]) == (True, False)
        assert missing["late_by_seconds"] is None
        # Computed on read: waiving the late one clears it, reopening and submitting it late
        # again brings it back.
        url = f"{API}/deadlines/{late['id']}"
        r = await client.patch(
            url, json={"status": "waived"}, headers={"If-Match": f'"{late["version"]}"'}
        )
        assert (r.json()["submitted_late"], r.json()["late_by_seconds"]) == (False, None)
        r = await client.patch(
            url,
            json={"status": "submitted", "submitted_at": "2018-10-04T12:00:01+02:00"},
            headers={"If-Match": r.headers["ETag"]},
        )
        assert (r.json()["submitted_late"], r.json()["late_by_seconds"]) == (True, 1)

    async def test_late_submissions_are_a_list_filter(self, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        due = "2018-10-04T12:00:00+02:00"
        for title, submitted_at in [
            ("For sent", "2018-10-05T08:00:00+02:00"),
            ("I tide", "2018-10-03T08:00:00+02:00"),
            ("Åpen", None),
        ]:
            await make_deadline(
                client,
                programme,
                rikke,
                title=title,
                due_at=due,
                status="submitted" if submitted_at else "open",
                submitted_at=submitted_at,
            )
        r = await client.get(f"{API}/deadlines", params={"submitted_late": "true"})
        assert [d["title"] for d in r.json()["items"]] == ["For sent"]
        r = await client.get(f"{API}/deadlines", params={"submitted_late": "false"})
        assert sorted(d["title"] for d in r.json()["items"]) == ["I tide", "Åpen"]


class TestSubmitDeadline:
    async def test_submitting_stamps_the_time_and_reopening_clears_it(self, client):
        programme = await make_programme(client)
        deadline = await make_deadline(client, programme, await make_person(client, programme))
        url = f"{API}/deadlines/{deadline['id']}"
        r = await client.patch(url, json={"status": "submitted"})
        assert r.json()["submitted_at"] is not None
        r = await client.patch(url, json={"status": "open"})
        assert r.json()["submitted_at"] is None

    async def test_submitted_in_the_future_is_refused(self, client):
        programme = await make_programme(client)
        deadline = await make_deadline(client, programme, await make_person(client, programme))
        r = await client.patch(
            f"{API}/deadlines/{deadline['id']}",
            json={"status": "submitted", "submitted_at": at(timedelta(days=2))},
        )
        assert r.status_code == 422


class TestListDeadlines:
    async def test_dates_without_offset_mean_oslo_time(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        # 23:30 in Oslo on 6 September is 21:30 UTC: due before 7 September, Oslo time.
        await make_deadline(
            client, programme, person, title="Kveld", due_at="2018-09-06T23:30:00+02:00"
        )
        await make_deadline(
            client, programme, person, title="Morgen", due_at="2018-09-07T08:00:00+02:00"
        )
        r = await client.get(f"{API}/deadlines", params={"due_before": "2018-09-07"})
        assert [d["title"] for d in r.json()["items"]] == ["Kveld"]
        r = await client.get(f"{API}/deadlines", params={"due_after": "2018-09-07T00:00:00"})
        assert [d["title"] for d in r.json()["items"]] == ["Morgen"]

    async def test_sorted_by_due_time_by_default(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        for day in ["20", "06", "13"]:
            await make_deadline(
                client, programme, person, title=day, due_at=f"2018-09-{day}T12:00:00+02:00"
            )
        r = await client.get(f"{API}/deadlines")
        assert [d["title"] for d in r.json()["items"]] == ["06", "13", "20"]


async def make_gathering(client, programme: dict, **overrides) -> dict:
    return await create(
        client,
        "/events",
        {
            "programme_id": programme["id"],
            "title": "Samling 1: Samme visjon, samme mål!",
            "kind": "gathering",
            "starts_at": "2018-09-06T09:00:00+02:00",
            "ends_at": "2018-09-07T15:00:00+02:00",
        }
        | overrides,
    )


class TestTaskGivenAtAGathering:
    async def test_a_task_given_at_a_gathering_names_it_both_ways(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        gathering = await make_gathering(client, programme)
        task = await make_deadline(
            client,
            programme,
            person,
            title="Oppgave 2b: innspill til organisering",
            due_at="2018-09-20T12:00:00+02:00",
            event_id=gathering["id"],
        )
        assert task["event_id"] == gathering["id"]
        # The delivery is still computed on read.
        assert task["delivery"] == "missing"
        url = f"{API}/deadlines/{task['id']}"
        r = await client.patch(url, json={"event_id": None})
        assert r.status_code == 200
        assert r.json()["event_id"] is None
        r = await client.patch(url, json={"event_id": gathering["id"]})
        assert r.json()["event_id"] == gathering["id"]
        assert (await client.get(url)).json()["event_id"] == gathering["id"]

    async def test_an_event_of_another_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        person = await make_person(client, programme)
        foreign = await make_gathering(client, other)
        body = {
            "programme_id": programme["id"],
            "title": "Oppgave 2b",
            "due_at": "2018-09-20T12:00:00+02:00",
            "responsible_person_id": person["id"],
        }
        r = await client.post(f"{API}/deadlines", json=body | {"event_id": foreign["id"]})
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/event_id", "unknown_reference")
        r = await client.post(f"{API}/deadlines", json=body | {"event_id": str(uuid.uuid4())})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/event_id"
        # Nothing was stored; and a change to another programme's event is refused too.
        listed = await client.get(f"{API}/deadlines", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []
        task = await make_deadline(client, programme, person)
        r = await client.patch(f"{API}/deadlines/{task['id']}", json={"event_id": foreign["id"]})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"
        assert (await client.get(f"{API}/deadlines/{task['id']}")).json()["event_id"] is None

    async def test_the_tasks_of_a_gathering_are_listed_by_event(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        first = await make_gathering(client, programme)
        second = await make_gathering(
            client,
            programme,
            title="Samling 2: Vi jobber sammen!",
            starts_at="2018-10-18T09:00:00+02:00",
            ends_at="2018-10-18T15:00:00+02:00",
        )
        await make_deadline(client, programme, person, title="2b", event_id=first["id"])
        await make_deadline(client, programme, person, title="PPT", event_id=first["id"])
        await make_deadline(client, programme, person, title="V3", event_id=second["id"])
        await make_deadline(client, programme, person, title="Uten samling")
        r = await client.get(f"{API}/deadlines", params={"event_id": first["id"]})
        assert sorted(d["title"] for d in r.json()["items"]) == ["2b", "PPT"]
        r = await client.get(f"{API}/deadlines", params={"event_id": second["id"]})
        assert [d["title"] for d in r.json()["items"]] == ["V3"]

    async def test_a_gathering_with_tasks_is_not_deleted_from_under_them(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        gathering = await make_gathering(client, programme)
        await make_deadline(client, programme, person, event_id=gathering["id"])
        r = await client.delete(f"{API}/events/{gathering['id']}")
        assert r.status_code == 409
        assert (await client.get(f"{API}/events/{gathering['id']}")).status_code == 200
