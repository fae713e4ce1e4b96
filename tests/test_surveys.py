"""Survey rounds: lifecycle, anonymous answering, the anonymity threshold on every read and
export, closing into indicator measurements, and imported results."""

import csv
import io
import uuid

import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from samskap.kit.ids import uuid7
from samskap.models import Goal, Indicator, Measurement
from samskap.models.survey import SurveyAnswer, SurveyInvitation
from tests.factories import (
    API,
    make_group,
    make_member,
    make_person,
    make_programme,
    make_project,
    make_survey_question,
    make_survey_round,
)


def public_client(app) -> httpx.AsyncClient:
    """A browser without an account: its own cookie jar, as a new browser context has."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
    )


async def act(client, survey: dict, action: str) -> httpx.Response:
    current = await client.get(f"{API}/survey-rounds/{survey['id']}")
    return await client.post(
        f"{API}/survey-rounds/{survey['id']}/{action}",
        headers={"If-Match": current.headers["etag"]},
    )


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


async def answer(app, token: str, answers: list[tuple[str, object]]) -> httpx.Response:
    async with public_client(app) as browser:
        return await browser.post(
            f"{API}/survey-answers/{token}",
            json={"answers": [{"question_id": q, "value": v} for q, v in answers]},
        )


async def make_indicator(app, programme: dict) -> str:
    async with app.state.sessions() as session:
        goal = Goal(
            id=uuid7(),
            programme_id=uuid.UUID(programme["id"]),
            kind="effect",
            title="Bedre samarbeid i teamene",
            status="active",
            sort_order=0,
            in_catalogue=False,
        )
        session.add(goal)
        await session.flush()
        indicator = Indicator(
            id=uuid7(),
            programme_id=goal.programme_id,
            goal_id=goal.id,
            name="Opplevd samarbeid (1-5)",
            direction="higher_is_better",
            method="survey",
            target_value=4.5,
        )
        session.add(indicator)
        await session.commit()
        return str(indicator.id)


async def open_link_round(client, programme, kinds=("likert",), **overrides):
    survey = await make_survey_round(client, programme, **overrides)
    questions = [
        await make_survey_question(client, survey, kind=kind, text=f"Spørsmål {i} ({kind})")
        for i, kind in enumerate(kinds)
    ]
    r = await act(client, survey, "open")
    assert r.status_code == 200, r.text
    return r.json(), questions


class TestLifecycle:
    async def test_draft_open_answer_close(self, app, client):
        programme = await make_programme(client)
        survey = await make_survey_round(client, programme, title="Arbeidsmiljø 2013")
        assert survey["status"] == "draft"
        assert survey["min_responses"] == 5
        assert survey["response_count"] == 0
        assert survey["link_url"] is None
        r = await act(client, survey, "open")
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "no_questions"
        question = await make_survey_question(client, survey)
        opened = (await act(client, survey, "open")).json()
        assert opened["status"] == "open"
        assert opened["invitations"] == []
        assert opened["link_url"] == f"/s/{opened['link_token']}"
        assert len(opened["link_token"]) >= 43
        # Questions are fixed once the round is open.
        r = await client.patch(f"{API}/survey-questions/{question['id']}", json={"text": "Nytt"})
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "round_not_draft"
        r = await client.post(
            f"{API}/survey-questions",
            json={"round_id": survey["id"], "text": "X", "kind": "likert"},
        )
        assert r.status_code == 409
        r = await client.patch(f"{API}/survey-rounds/{survey['id']}", json={"audience": "group"})
        assert r.status_code == 409
        r = await client.delete(f"{API}/survey-rounds/{survey['id']}")
        assert r.status_code == 409
        assert (await answer(app, opened["link_token"], [(question["id"], 4)])).status_code == 200
        assert (await client.get(f"{API}/survey-rounds/{survey['id']}")).json()[
            "response_count"
        ] == 1
        closed = (await act(client, survey, "close")).json()
        assert closed["status"] == "closed"
        assert closed["closed_at"] is not None
        assert (await act(client, survey, "close")).json()["errors"][0]["code"] == "round_closed"
        r = await answer(app, opened["link_token"], [(question["id"], 4)])
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "round_not_open"

    async def test_threshold_may_be_raised_but_not_lowered(self, client):
        programme = await make_programme(client)
        assert (await make_survey_round(client, programme, min_responses=8))["min_responses"] == 8
        r = await client.post(
            f"{API}/survey-rounds",
            json={"programme_id": programme["id"], "title": "X", "min_responses": 3},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "below_minimum"

    async def test_audience_needs_its_group_or_project(self, client):
        programme = await make_programme(client)
        for audience, field in (("group", "/group_id"), ("project", "/project_id")):
            r = await client.post(
                f"{API}/survey-rounds",
                json={"programme_id": programme["id"], "title": "X", "audience": audience},
            )
            assert r.status_code == 422
            assert r.json()["errors"][0] == {
                "pointer": field,
                "code": "required_for_audience",
                "detail": f"audience {audience} needs a {field[1:-3]}",
            }

    async def test_question_positions_and_free_text_cannot_feed_an_indicator(self, app, client):
        programme = await make_programme(client)
        indicator_id = await make_indicator(app, programme)
        survey = await make_survey_round(client, programme)
        first = await make_survey_question(client, survey)
        second = await make_survey_question(client, survey, indicator_id=indicator_id)
        assert (first["position"], second["position"]) == (0, 1)
        r = await client.post(
            f"{API}/survey-questions",
            json={
                "round_id": survey["id"],
                "text": "Kommentar",
                "kind": "free_text",
                "indicator_id": indicator_id,
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "free_text_cannot_feed_indicator"
        other = await make_programme(client)
        foreign = await make_indicator(app, other)
        r = await client.patch(
            f"{API}/survey-questions/{first['id']}", json={"indicator_id": foreign}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"
        listed = await client.get(f"{API}/survey-questions", params={"round_id": survey["id"]})
        assert [q["id"] for q in listed.json()["items"]] == [first["id"], second["id"]]


class TestAnswering:
    async def test_public_endpoints_need_no_account_and_show_nothing_else(self, app, client):
        programme = await make_programme(client)
        survey, _ = await open_link_round(
            client,
            programme,
            kinds=("likert", "yes_no", "number", "free_text"),
            description="Om samarbeid",
        )
        async with public_client(app) as browser:
            r = await browser.get(f"{API}/survey-answers/{survey['link_token']}")
            assert r.status_code == 200
            shown = r.json()
            assert set(shown) == {"title", "description", "status", "already_answered", "questions"}
            assert shown["already_answered"] is False
            assert [q["kind"] for q in shown["questions"]] == [
                "likert",
                "yes_no",
                "number",
                "free_text",
            ]
            assert programme["id"] not in r.text
            assert (await browser.get(f"{API}/survey-answers/{'x' * 43}")).status_code == 404
            # The protected API stays closed to this browser.
            assert (await browser.get(f"{API}/survey-rounds")).status_code == 401

    async def test_each_kind_is_validated(self, app, client):
        programme = await make_programme(client)
        survey, qs = await open_link_round(
            client, programme, kinds=("likert", "yes_no", "number", "free_text")
        )
        token = survey["link_token"]
        r = await answer(
            app,
            token,
            [(qs[0]["id"], 6), (qs[1]["id"], "ja"), (qs[2]["id"], "mange"), (qs[3]["id"], 12)],
        )
        assert r.status_code == 422
        assert [(e["pointer"], e["code"]) for e in r.json()["errors"]] == [
            ("/answers/0/value", "likert_out_of_range"),
            ("/answers/1/value", "yes_no_expected"),
            ("/answers/2/value", "number_expected"),
            ("/answers/3/value", "text_expected"),
        ]
        r = await answer(app, token, [(qs[0]["id"], 2.5), (str(uuid.uuid4()), 1)])
        assert [e["code"] for e in r.json()["errors"]] == ["likert_expected", "unknown_question"]
        r = await answer(app, token, [(qs[0]["id"], 3), (qs[0]["id"], 4)])
        assert r.json()["errors"][0]["code"] == "duplicate_answer"
        # Nothing of the refused answers was kept.
        assert (await client.get(f"{API}/survey-rounds/{survey['id']}")).json()[
            "response_count"
        ] == 0
        r = await answer(
            app,
            token,
            [(qs[0]["id"], 5), (qs[1]["id"], False), (qs[2]["id"], 12.5), (qs[3]["id"], "Bra")],
        )
        assert r.status_code == 200, r.text

    async def test_required_questions(self, app, client):
        programme = await make_programme(client)
        survey = await make_survey_round(client, programme)
        q = await make_survey_question(client, survey, required=True)
        opened = (await act(client, survey, "open")).json()
        r = await answer(app, opened["link_token"], [])
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "answer_required"
        assert r.json()["errors"][0]["params"]["question_id"] == q["id"]
        r = await answer(app, opened["link_token"], [(q["id"], None)])
        assert r.status_code == 422

    async def test_a_link_answers_once_per_browser(self, app, client):
        programme = await make_programme(client)
        survey, (q,) = await open_link_round(client, programme)
        path = f"{API}/survey-answers/{survey['link_token']}"
        body = {"answers": [{"question_id": q["id"], "value": 3}]}
        async with public_client(app) as browser:
            r = await browser.post(path, json=body)
            assert r.status_code == 200
            cookie = r.headers["set-cookie"].lower()
            assert "httponly" in cookie and "samesite=strict" in cookie
            assert f"path={path.lower()}" in cookie
            assert (await browser.get(path)).json()["already_answered"] is True
            r = await browser.post(path, json=body)
            assert r.status_code == 409
            assert r.json()["errors"][0]["code"] == "already_answered"
        # A new browser can answer again: the documented weakness of an open link.
        assert (await answer(app, survey["link_token"], [(q["id"], 3)])).status_code == 200
        assert (await client.get(f"{API}/survey-rounds/{survey['id']}")).json()[
            "response_count"
        ] == 2

    async def test_an_invitation_answers_once_and_keeps_no_link(self, app, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        people = [await make_person(client, programme) for _ in range(3)]
        for person in people:
            await make_member(client, group, person)
        survey = await make_survey_round(client, programme, audience="group", group_id=group["id"])
        q = await make_survey_question(client, survey)
        opened = (await act(client, survey, "open")).json()
        assert opened["link_token"] is None
        links = opened["invitations"]
        assert sorted(i["person_id"] for i in links) == sorted(p["id"] for p in people)
        token = token_of(links[0]["url"])
        assert (await answer(app, token, [(q["id"], 4)])).status_code == 200
        r = await answer(app, token, [(q["id"], 4)])
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "already_answered"
        async with public_client(app) as browser:
            assert (await browser.get(f"{API}/survey-answers/{token}")).json()[
                "already_answered"
            ] is True
        # The links are shown once: the round as read again has none, and only hashes are kept.
        again = (await client.get(f"{API}/survey-rounds/{survey['id']}")).json()
        assert "invitations" not in again
        async with app.state.sessions() as session:
            hashes = set(await session.scalars(select(SurveyInvitation.token_hash)))
            answers = (await session.scalars(select(SurveyAnswer))).all()
        assert token not in hashes and len(hashes) == 3
        columns = set(SurveyAnswer.__table__.columns.keys())
        assert columns == {
            "id",
            "programme_id",
            "round_id",
            "question_id",
            "response_key",
            "number_value",
            "text_value",
        }
        assert len(answers) == 1

    async def test_project_audience_invites_the_people_of_its_groups(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        a = await make_group(client, programme, project_id=project["id"])
        b = await make_group(client, programme, project_id=project["id"])
        shared, only_a, only_b = [await make_person(client, programme) for _ in range(3)]
        for group, person in ((a, shared), (b, shared), (a, only_a), (b, only_b)):
            await make_member(client, group, person)
        outsider_group = await make_group(client, programme)
        await make_member(client, outsider_group, await make_person(client, programme))
        survey = await make_survey_round(
            client, programme, audience="project", project_id=project["id"]
        )
        await make_survey_question(client, survey)
        opened = (await act(client, survey, "open")).json()
        assert sorted(i["person_id"] for i in opened["invitations"]) == sorted(
            p["id"] for p in (shared, only_a, only_b)
        )


async def answer_many(app, survey, rows: list[list[tuple[str, object]]]) -> None:
    for row in rows:
        r = await answer(app, survey["link_token"], row)
        assert r.status_code == 200, r.text


class TestThreshold:
    async def results(self, client, survey, **params) -> dict:
        r = await client.get(f"{API}/survey-rounds/{survey['id']}/results", params=params)
        assert r.status_code == 200, r.text
        return r.json()

    async def test_results_appear_only_at_the_threshold(self, app, client, accounts):
        programme = await make_programme(client)
        survey, (q, t) = await open_link_round(client, programme, kinds=("likert", "free_text"))
        await answer_many(
            app, survey, [[(q["id"], v), (t["id"], f"Svar {v}")] for v in (4, 2, 5, 3)]
        )
        observer = await accounts.role(programme, "observer")
        for reader in (client, observer):
            shown = await self.results(reader, survey)
            assert shown["response_count"] == 4
            for result in shown["questions"]:
                assert result["suppressed"] is True and result["n"] == 4
                assert result["mean"] is None and result["distribution"] is None
                assert result["texts"] is None
            exported = (await reader.get(f"{API}/survey-rounds/{survey['id']}/results.csv")).text
            assert "Svar" not in exported and "3.5" not in exported
            rows = list(csv.reader(io.StringIO(exported)))
            assert rows[1][3:6] == ["4", "true", ""]
        await answer_many(app, survey, [[(q["id"], 1), (t["id"], "Aaa")]])
        shown = await self.results(client, survey)
        likert, texts = shown["questions"]
        assert likert["suppressed"] is False
        assert likert["mean"] == 3.0
        assert likert["distribution"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}
        assert texts["texts"] == ["Aaa", "Svar 2", "Svar 3", "Svar 4", "Svar 5"]
        rows = list(
            csv.reader(
                io.StringIO(
                    (await client.get(f"{API}/survey-rounds/{survey['id']}/results.csv")).text
                )
            )
        )
        assert rows[0][:6] == ["position", "question", "kind", "n", "suppressed", "mean"]
        assert rows[1][3:11] == ["5", "false", "3.0", "1", "1", "1", "1", "1"]

    async def test_nobody_learns_one_answer_by_narrowing_or_subtracting_a_cut(self, app, client):
        """Six answer; one of them says no to the first question. Every way of isolating
        that person (the cut of no, the cut of yes subtracted from the whole, a cut by a
        Likert value held by one) is refused."""
        programme = await make_programme(client)
        survey, (yn, likert, secret) = await open_link_round(
            client, programme, kinds=("yes_no", "likert", "likert")
        )
        rows = [[(yn["id"], True), (likert["id"], 3), (secret["id"], 4)] for _ in range(5)]
        rows.append([(yn["id"], False), (likert["id"], 5), (secret["id"], 1)])
        await answer_many(app, survey, rows)
        whole = await self.results(client, survey)
        assert whole["questions"][2]["mean"] == 3.5  # 6 answers: shown
        # Narrowing: the one who said no.
        cut = await self.results(client, survey, cut_question_id=yn["id"], cut_value="no")
        assert cut["cut"]["suppressed"] is True and cut["cut"]["respondents"] is None
        assert all(
            q["suppressed"] and q["mean"] is None and q["n"] is None for q in cut["questions"]
        )
        # Subtracting: the five who said yes, from the whole six.
        cut = await self.results(client, survey, cut_question_id=yn["id"], cut_value="yes")
        assert cut["cut"]["suppressed"] is True
        assert all(q["mean"] is None and q["distribution"] is None for q in cut["questions"])
        # A Likert value only one gave.
        cut = await self.results(client, survey, cut_question_id=likert["id"], cut_value="5")
        assert all(q["mean"] is None for q in cut["questions"])
        csv_cut = (
            await client.get(
                f"{API}/survey-rounds/{survey['id']}/results.csv",
                params={"cut_question_id": yn["id"], "cut_value": "yes"},
            )
        ).text
        assert "3.0" not in csv_cut and ",4.0," not in csv_cut
        rows = list(csv.reader(io.StringIO(csv_cut)))
        assert all(row[4] == "true" and row[5] == "" for row in rows[1:4])

    async def test_a_cut_is_shown_when_both_sides_are_large_enough(self, app, client):
        programme = await make_programme(client)
        survey, (yn, likert) = await open_link_round(client, programme, kinds=("yes_no", "likert"))
        rows = [[(yn["id"], True), (likert["id"], 4)] for _ in range(5)]
        rows += [[(yn["id"], False), (likert["id"], 2)] for _ in range(5)]
        await answer_many(app, survey, rows)
        cut = await self.results(client, survey, cut_question_id=yn["id"], cut_value="yes")
        assert cut["cut"] == {
            "question_id": yn["id"],
            "value": "yes",
            "respondents": 5,
            "suppressed": False,
        }
        assert cut["questions"][1]["mean"] == 4.0
        # One of the cut skipped the Likert question elsewhere? Then per question it holds
        # too: here every side has five, so it is shown.
        assert cut["questions"][0]["distribution"] == {"yes": 5, "no": 0}

    async def test_a_question_skipped_by_one_outside_the_cut_is_suppressed(self, app, client):
        programme = await make_programme(client)
        survey, (yn, likert) = await open_link_round(client, programme, kinds=("yes_no", "likert"))
        rows = [[(yn["id"], True), (likert["id"], 4)] for _ in range(5)]
        rows += [[(yn["id"], False)] for _ in range(4)]
        rows.append([(yn["id"], False), (likert["id"], 1)])
        await answer_many(app, survey, rows)
        cut = await self.results(client, survey, cut_question_id=yn["id"], cut_value="yes")
        assert cut["cut"]["suppressed"] is False
        # The whole shows the Likert question over six, the cut over five: the difference
        # would be one person's answer, so the cut's figure is withheld.
        assert (await self.results(client, survey))["questions"][1]["suppressed"] is False
        assert cut["questions"][1]["suppressed"] is True and cut["questions"][1]["mean"] is None

    async def test_bad_cuts(self, app, client):
        programme = await make_programme(client)
        survey, (num, likert) = await open_link_round(client, programme, kinds=("number", "likert"))
        path = f"{API}/survey-rounds/{survey['id']}/results"
        r = await client.get(path, params={"cut_question_id": num["id"], "cut_value": "1"})
        assert r.status_code == 422 and r.json()["errors"][0]["code"] == "cut_question_kind"
        r = await client.get(path, params={"cut_question_id": likert["id"], "cut_value": "7"})
        assert r.json()["errors"][0]["code"] == "invalid_cut_value"
        r = await client.get(path, params={"cut_question_id": likert["id"]})
        assert r.json()["errors"][0]["code"] == "cut_incomplete"


class TestClosingMeasures:
    async def test_closing_writes_the_baseline_and_a_second_round_moves_it(self, app, client):
        programme = await make_programme(client)
        indicator_id = await make_indicator(app, programme)
        first = await make_survey_round(client, programme, title="Kartlegging 2013")
        q1 = await make_survey_question(client, first, indicator_id=indicator_id)
        share = await make_survey_question(
            client, first, kind="yes_no", indicator_id=indicator_id, text="Trives du?"
        )
        opened = (await act(client, first, "open")).json()
        for v in (3, 3, 4, 2, 3, 3):
            r = await answer(app, opened["link_token"], [(q1["id"], v)])
            assert r.status_code == 200
        r = await answer(app, opened["link_token"], [(share["id"], True)])
        closed = (await act(client, first, "close")).json()
        assert [
            (m["question_id"], m["value"], m["respondents"]) for m in closed["measurements"]
        ] == [(q1["id"], 3.0, 6)]
        assert closed["skipped"] == [
            {
                "question_id": share["id"],
                "indicator_id": indicator_id,
                "respondents": 1,
                "reason": "too_few_responses",
            }
        ]
        async with app.state.sessions() as session:
            indicator = await session.get(Indicator, uuid.UUID(indicator_id))
            assert indicator.baseline_value == 3.0
            baseline = (await session.scalars(select(Measurement))).one()
            assert baseline.source == "Kartlegging 2013"
            assert str(baseline.survey_round_id) == first["id"]
            assert baseline.respondents == 6
        second = await make_survey_round(client, programme, title="Oppfølging 2014")
        q2 = await make_survey_question(client, second, indicator_id=indicator_id)
        opened = (await act(client, second, "open")).json()
        for v in (4, 4, 5, 4, 3):
            await answer(app, opened["link_token"], [(q2["id"], v)])
        closed = (await act(client, second, "close")).json()
        assert closed["measurements"][0]["value"] == 4.0
        async with app.state.sessions() as session:
            values = sorted(
                m.value
                for m in await session.scalars(
                    select(Measurement).where(Measurement.indicator_id == uuid.UUID(indicator_id))
                )
            )
            indicator = await session.get(Indicator, uuid.UUID(indicator_id))
        assert values == [3.0, 4.0]
        assert indicator.baseline_value == 3.0

    async def test_yes_no_writes_the_share_of_yes(self, app, client):
        programme = await make_programme(client)
        indicator_id = await make_indicator(app, programme)
        survey = await make_survey_round(client, programme)
        q = await make_survey_question(client, survey, kind="yes_no", indicator_id=indicator_id)
        opened = (await act(client, survey, "open")).json()
        for v in (True, True, True, False, False):
            await answer(app, opened["link_token"], [(q["id"], v)])
        closed = (await act(client, survey, "close")).json()
        assert closed["measurements"][0]["value"] == 60.0

    async def test_closing_dates_the_measurements_as_asked_never_in_the_future(self, app, client):
        programme = await make_programme(client)
        indicator_id = await make_indicator(app, programme)
        survey = await make_survey_round(client, programme, title="Kartlegging høsten 2013")
        q = await make_survey_question(client, survey, indicator_id=indicator_id)
        opened = (await act(client, survey, "open")).json()
        for v in (3, 4, 4, 2, 3):
            await answer(app, opened["link_token"], [(q["id"], v)])

        async def close(body: dict) -> httpx.Response:
            current = await client.get(f"{API}/survey-rounds/{survey['id']}")
            return await client.post(
                f"{API}/survey-rounds/{survey['id']}/close",
                json=body,
                headers={"If-Match": current.headers["etag"]},
            )

        r = await close({"measured_on": "2999-01-01"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/measured_on"
        assert r.json()["errors"][0]["code"] == "in_future"
        assert (await client.get(f"{API}/survey-rounds/{survey['id']}")).json()["status"] == "open"
        r = await close({"measured_on": "2013-10-15"})
        assert r.status_code == 200, r.text
        async with app.state.sessions() as session:
            measurement = (await session.scalars(select(Measurement))).one()
            indicator = await session.get(Indicator, uuid.UUID(indicator_id))
        assert measurement.measured_on.isoformat() == "2013-10-15"
        assert indicator.baseline_on.isoformat() == "2013-10-15"


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class TestImport:
    async def upload(self, client, survey, content: bytes, name="results.csv", **params):
        path = f"{API}/survey-rounds/{survey['id']}/imported-results"
        files = {"file": (name, content, "application/octet-stream")}
        if not params.get("dry_run"):
            return await client.post(path, params=params, files=files)
        # A dry run writes nothing, so it leaves nothing in the audit trail either: sent past
        # the fixture that checks that every successful write is audited.
        async with httpx.AsyncClient(
            transport=client._transport,
            base_url=client.base_url,
            headers={"Authorization": client.headers["authorization"]},
        ) as unrecorded:
            return await unrecorded.post(path, params=params, files=files)

    async def test_bad_rows_are_reported_and_nothing_saved(self, client):
        programme = await make_programme(client)
        survey = await make_survey_round(client, programme, source="imported")
        content = (
            "question;n;mean;1;2;3;4;5;yes;no\n"
            "Samarbeidet fungerer godt;12;3,8;;;;;;;\n"
            ";5;3;;;;;;;\n"
            "Jeg trives;mange;;;;;;;;\n"
            "Fordeling;10;;1;2;3;1;1;;\n"
            "Ja eller nei;8;;;;;;;5;2\n"
            "For høyt;6;7;;;;;;;\n"
        ).encode()
        r = await self.upload(client, survey, content)
        assert r.status_code == 422
        assert [(e["pointer"], e["code"]) for e in r.json()["errors"]] == [
            ("/rows/3/question", "required"),
            ("/rows/4/n", "integer_expected"),
            ("/rows/4/mean", "mean_or_distribution_required"),
            ("/rows/5/n", "distribution_total_mismatch"),
            ("/rows/6/n", "distribution_total_mismatch"),
            ("/rows/7/mean", "mean_out_of_range"),
        ]
        questions = await client.get(f"{API}/survey-questions", params={"round_id": survey["id"]})
        assert questions.json()["items"] == []
        r = await self.upload(client, survey, b"sporsmal,antall\nx,1\n")
        assert {e["code"] for e in r.json()["errors"]} == {"column_missing", "unknown_column"}
        r = await self.upload(client, survey, b"\xff\xfe\x00binary")
        assert r.status_code == 415

    async def test_a_good_csv_dry_run_then_saved_and_thresholded(self, client):
        programme = await make_programme(client)
        survey = await make_survey_round(client, programme, source="imported")
        content = (
            "question,n,mean,1,2,3,4,5,yes,no\n"
            "Samarbeidet fungerer godt,12,3.8,,,,,,,\n"
            "Fordeling,10,,1,2,3,3,1,,\n"
            "Ja eller nei,7,,,,,,,5,2\n"
            "Få svar,3,4.2,,,,,,,\n"
        ).encode()
        dry = await self.upload(client, survey, content, dry_run="true")
        assert dry.status_code == 200, dry.text
        assert dry.json()["dry_run"] is True
        assert [row["creates_question"] for row in dry.json()["rows"]] == [True] * 4
        assert (
            await client.get(f"{API}/survey-questions", params={"round_id": survey["id"]})
        ).json()["items"] == []
        saved = await self.upload(client, survey, content)
        assert saved.status_code == 200
        results = (await client.get(f"{API}/survey-rounds/{survey['id']}/results")).json()
        by_text = {q["text"]: q for q in results["questions"]}
        assert by_text["Samarbeidet fungerer godt"]["mean"] == 3.8
        assert by_text["Fordeling"]["mean"] == 3.1
        assert by_text["Fordeling"]["distribution"] == {"1": 1, "2": 2, "3": 3, "4": 3, "5": 1}
        assert by_text["Ja eller nei"]["kind"] == "yes_no"
        assert by_text["Ja eller nei"]["mean"] == pytest.approx(71.4286)
        few = by_text["Få svar"]
        assert few["suppressed"] is True and few["mean"] is None and few["n"] == 3
        exported = (await client.get(f"{API}/survey-rounds/{survey['id']}/results.csv")).text
        assert "4.2" not in exported
        # A second import matches the questions by text instead of adding them.
        again = await self.upload(
            client, survey, b"question,n,mean\nsamarbeidet fungerer godt,20,4\n"
        )
        assert again.json()["rows"][0]["creates_question"] is False
        results = (await client.get(f"{API}/survey-rounds/{survey['id']}/results")).json()
        assert len(results["questions"]) == 4
        assert results["questions"][0]["mean"] == 4.0

    async def test_xlsx_import_and_closing_writes_measurements(self, app, client):
        programme = await make_programme(client)
        indicator_id = await make_indicator(app, programme)
        survey = await make_survey_round(
            client, programme, source="imported", title="QuestBack 2015"
        )
        q = await make_survey_question(
            client, survey, text="Samarbeidet fungerer godt", indicator_id=indicator_id
        )
        content = xlsx([["question", "n", "mean"], ["Samarbeidet fungerer godt", 14, 3.6]])
        r = await self.upload(client, survey, content, name="results.xlsx")
        assert r.status_code == 200, r.text
        assert r.json()["rows"][0]["question_id"] == q["id"]
        assert (await act(client, survey, "open")).json()["errors"][0]["code"] == "imported_round"
        closed = (await act(client, survey, "close")).json()
        assert closed["measurements"][0]["value"] == 3.6
        assert closed["measurements"][0]["respondents"] == 14
        r = await self.upload(client, survey, content, name="results.xlsx")
        assert r.status_code == 409

    async def test_import_only_into_an_imported_round(self, client):
        programme = await make_programme(client)
        survey = await make_survey_round(client, programme)
        r = await self.upload(client, survey, b"question,n,mean\nA,5,3\n")
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "not_imported_round"


class TestAuthorization:
    async def test_observers_read_members_manage_their_own(self, client, accounts):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        person = await make_person(client, programme)
        await make_member(client, group, person)
        observer = await accounts.role(programme, "observer")
        member = await accounts.role(programme, "member", person)
        editor = await accounts.role(programme, "editor")
        body = {"programme_id": programme["id"], "title": "Team", "audience": "link"}
        assert (await observer.post(f"{API}/survey-rounds", json=body)).status_code == 403
        assert (await member.post(f"{API}/survey-rounds", json=body)).status_code == 403
        own = await member.post(f"{API}/survey-rounds", json=body | {"group_id": group["id"]})
        assert own.status_code == 201
        assert own.json()["link_url"] is None
        q = await make_survey_question(member, own.json())
        current = await member.get(f"{API}/survey-rounds/{own.json()['id']}")
        r = await member.post(
            f"{API}/survey-rounds/{own.json()['id']}/open",
            headers={"If-Match": current.headers["etag"]},
        )
        assert r.status_code == 200, r.text
        # The link is for editors and administrators to see.
        assert r.json()["link_token"] is None
        assert (await editor.get(f"{API}/survey-rounds/{own.json()['id']}")).json()["link_url"]
        for reader in (member, observer):
            shown = await reader.get(
                f"{API}/survey-rounds", params={"programme_id": programme["id"]}
            )
            assert shown.json()["items"][0]["link_token"] is None
        assert (
            await observer.get(f"{API}/survey-rounds/{own.json()['id']}/results")
        ).status_code == 200
        outsider = await accounts.client()
        assert (await outsider.get(f"{API}/survey-rounds/{own.json()['id']}")).status_code == 404
        assert (
            await outsider.get(f"{API}/survey-rounds/{own.json()['id']}/results")
        ).status_code == 404
        assert q["programme_id"] == programme["id"]


class TestLists:
    def test_every_filter_is_backed_by_an_index(self):
        from samskap.surveys.service import SurveyQuestionService, SurveyRoundService

        for service in (SurveyRoundService, SurveyQuestionService):
            table = service.model.__table__
            leaders = {next(iter(ix.columns)).name for ix in table.indexes}
            for f in service.spec.filters:
                assert f.column.key in leaders, (table.name, f.name)

    async def test_lists_cost_the_same_for_any_page_size(self, app, client):
        from sqlalchemy import event

        programme = await make_programme(client)
        survey = await make_survey_round(client, programme)
        for _ in range(8):
            await make_survey_round(client, programme)
            await make_survey_question(client, survey)
        engine = app.state.engine.sync_engine
        for path in ("survey-rounds", "survey-questions"):
            counts = set()
            for limit in (1, 50, 500):
                statements: list[str] = []

                def count(_conn, _cursor, statement, *_args, into=statements):
                    into.append(statement)

                event.listen(engine, "before_cursor_execute", count)
                try:
                    r = await client.get(f"{API}/{path}", params={"limit": limit})
                    assert r.status_code == 200
                finally:
                    event.remove(engine, "before_cursor_execute", count)
                counts.add(len(statements))
            assert len(counts) == 1, (path, counts)


def test_the_access_log_never_shows_a_link_secret():
    import logging

    from samskap.surveys.answering import HideAnswerTokens

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", "/api/v1/survey-answers/SECRETtoken123?x=1", "1.1", 200),
        None,
    )
    HideAnswerTokens().filter(record)
    assert "SECRET" not in record.getMessage()
    assert "/api/v1/survey-answers/…?x=1" in record.getMessage()


class TestAnsweringLimits:
    async def test_answering_is_rate_limited_per_address(self, app, client):
        from samskap.auth.ratelimit import RequestLimit

        programme = await make_programme(client)
        survey, (q,) = await open_link_round(client, programme)
        app.state.survey_answer_limiter = RequestLimit(2, 60)
        try:
            async with public_client(app) as browser:
                path = f"{API}/survey-answers/{survey['link_token']}"
                assert (await browser.get(path)).status_code == 200
                assert (await browser.get(path)).status_code == 200
                r = await browser.post(
                    path, json={"answers": [{"question_id": q["id"], "value": 3}]}
                )
                assert r.status_code == 429
                assert int(r.headers["retry-after"]) >= 1
        finally:
            del app.state.survey_answer_limiter
        assert (await client.get(f"{API}/survey-rounds/{survey['id']}")).json()[
            "response_count"
        ] == 0

    async def test_the_audit_trail_keeps_no_link_secret(self, app, client):
        from samskap.models import AuditEvent

        programme = await make_programme(client)
        survey, (q,) = await open_link_round(client, programme)
        assert (await answer(app, survey["link_token"], [(q["id"], 2)])).status_code == 200
        async with app.state.sessions() as session:
            events = (await session.scalars(select(AuditEvent))).all()
        trail = repr([(e.before, e.after) for e in events])
        assert survey["link_token"] not in trail
        assert any(e.action == "answer" and str(e.record_id) == survey["id"] for e in events)
