"""Small factories that create records through the API, with overridable defaults."""

import itertools
from typing import Any

import httpx

API = "/api/v1"
_seq = itertools.count(1)


async def create(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(API + path, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def make_programme(client, **overrides) -> dict:
    n = next(_seq)
    body = {
        "name": f"Sammenslåing {n}",
        "municipalities": [
            {"name": "Ski", "number": "0213"},
            {"name": "Oppegård", "number": "0217"},
        ],
        "starts_on": "2017-06-01",
        "target_on": "2020-01-01",
        "status": "active",
    }
    return await create(client, "/programmes", body | overrides)


async def make_person(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "name": f"Person {n}",
        "email": f"person{n}@example.kommune.no",
        "affiliation": "employee",
    }
    return await create(client, "/people", body | overrides)


async def make_project(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "code": f"P{n}",
        "name": f"Prosjekt {n}",
        "category": "administrative",
    }
    return await create(client, "/projects", body | overrides)


async def make_group(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"programme_id": programme["id"], "kind": "working_group", "name": f"Gruppe {n}"}
    return await create(client, "/groups", body | overrides)


async def make_member(client, group: dict, person: dict, **overrides) -> dict:
    body = {"person_id": person["id"], "role": "member", "party": "employees"}
    return await create(client, f"/groups/{group['id']}/members", body | overrides)


async def make_phase(client, project: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"project_id": project["id"], "name": f"Fase {n}"}
    return await create(client, "/phases", body | overrides)


async def make_task(client, project: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"project_id": project["id"], "title": f"Oppgave {n}"}
    return await create(client, "/tasks", body | overrides)


async def make_deadline(client, programme: dict, responsible: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "title": f"Frist {n}",
        "due_at": "2030-09-07T16:00:00+02:00",
        "responsible_person_id": responsible["id"],
    }
    return await create(client, "/deadlines", body | overrides)


async def make_involvement(client, programme: dict, **overrides) -> dict:
    body = {
        "programme_id": programme["id"],
        "matter": "Ny organisering av oppvekst",
        "stakeholder_kind": "employees",
        "form": "information",
        "occurred_on": "2018-09-06",
        "head_count": 40,
    }
    return await create(client, "/involvements", body | overrides)


async def make_decision(client, programme: dict, **overrides) -> dict:
    body = {
        "programme_id": programme["id"],
        "title": "Godkjenning av mandat",
        "decided_on": "2017-12-12",
        "status": "final",
    }
    return await create(client, "/decisions", body | overrides)


async def make_goal(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"programme_id": programme["id"], "kind": "societal", "title": f"Mål {n}"}
    return await create(client, "/goals", body | overrides)


async def make_goal_selection(client, goal: dict, **overrides) -> dict:
    body = {"goal_id": goal["id"], "rationale": "Viktig for området"}
    return await create(client, "/goal-selections", body | overrides)


async def make_indicator(client, goal: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": goal["programme_id"],
        "goal_id": goal["id"],
        "name": f"Indikator {n}",
        "method": "survey",
    }
    return await create(client, "/indicators", body | overrides)


async def make_measurement(client, indicator: dict, **overrides) -> dict:
    body = {"indicator_id": indicator["id"], "value": 3.0, "measured_on": "2013-10-15"}
    return await create(client, "/measurements", body | overrides)


async def make_survey_round(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"programme_id": programme["id"], "title": f"Kartlegging {n}", "audience": "link"}
    return await create(client, "/survey-rounds", body | overrides)


async def make_survey_question(client, survey: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"round_id": survey["id"], "text": f"Spørsmål {n}", "kind": "likert"}
    return await create(client, "/survey-questions", body | overrides)


async def make_template(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "title": f"Mal {n}",
        "sections": [
            {"key": "organisering", "title": "Organisasjons- og ledernivåer", "max_length": 200},
            {"key": "ansvar", "title": "Ansvar og oppgaver"},
        ],
    }
    return await create(client, "/templates", body | overrides)


async def make_submission(client, programme: dict, template: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "title": f"Innspill {n}",
        "template_id": template["id"],
    }
    return await create(client, "/submissions", body | overrides)


async def make_version(client, submission: dict, **overrides) -> dict:
    n = next(_seq)
    body = {"submission_id": submission["id"], "label": str(n)}
    return await create(client, "/submission-versions", body | overrides)


# Files and the document register (issue 10) ------------------------------------------------
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


async def upload_file(
    client, programme: dict, filename: str = "notat.pdf", content: bytes = PDF_BYTES
) -> httpx.Response:
    return await client.post(
        f"{API}/files",
        params={"programme_id": programme["id"]},
        files={"file": (filename, content, "application/octet-stream")},
    )


async def make_file(client, programme: dict, filename: str = "notat.pdf", **kwargs) -> dict:
    response = await upload_file(client, programme, filename, **kwargs)
    assert response.status_code == 201, response.text
    return response.json()


async def make_document(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "title": f"Dokument {n}",
        "kind": "note",
        "document_date": "2018-08-21",
        "url": f"https://www.nordrefollo.kommune.no/dokument/{n}",
    }
    return await create(client, "/documents", body | overrides)


async def make_hearing(client, programme: dict, **overrides) -> dict:
    body = {
        "programme_id": programme["id"],
        "title": "Høring: Overordnet organisering",
        "matter": "Valg av organisasjonsmodell",
        "concerns_employees": True,
        "letter": "Forslaget sendes på høring.",
        "deadline_at": "2018-11-30T12:00:00+01:00",
        "invitees": [
            {"party": "union_representatives", "name": "Hovedtillitsvalgte"},
            {"party": "joint_consultative_committee", "name": "PSU"},
        ],
    }
    return await create(client, "/hearings", body | overrides)


async def open_hearing(client, hearing: dict) -> dict:
    url = f"{API}/hearings/{hearing['id']}"
    current = await client.get(url)
    r = await client.post(f"{url}/open", headers={"If-Match": current.headers["etag"]})
    assert r.status_code == 200, r.text
    return r.json()


async def make_hearing_response(client, hearing: dict, **overrides) -> dict:
    body = {
        "hearing_id": hearing["id"],
        "from_name": "Kari Nordmann",
        "text": "Vi støtter modellen.",
        "received_at": "2018-11-28T10:00:00+01:00",
    }
    return await create(client, "/hearing-responses", body | overrides)


async def make_idea(client, programme: dict, **overrides) -> dict:
    n = next(_seq)
    body = {
        "programme_id": programme["id"],
        "title": f"Forbedringsforslag {n}",
        "description": "Felles vaktbytte i hjemmetjenesten sparer tid.",
    }
    return await create(client, "/ideas", body | overrides)


async def make_participation_link(client, programme: dict, **overrides) -> dict:
    body = {"programme_id": programme["id"], "label": "Forslag fra ansatte"}
    return await create(client, "/participation-links", body | overrides)


async def assess_idea(client, idea: dict, **body) -> httpx.Response:
    url = f"{API}/ideas/{idea['id']}"
    current = await client.get(url)
    return await client.post(
        f"{url}/assess", json=body, headers={"If-Match": current.headers["etag"]}
    )


async def make_planned_involvement(client, project: dict, **overrides) -> dict:
    body = {
        "project_id": project["id"],
        "stakeholder_kind": "union_representatives",
        "form": "consultation",
        "planned_on": "2018-10-11",
        "matter": "Drøfting av forslag til organisering",
    }
    return await create(client, "/planned-involvements", body | overrides)


async def make_webhook(client, programme: dict, url: str, **overrides) -> dict:
    """A webhook (its answer carries the secret, shown this once)."""
    body = {"programme_id": programme["id"], "url": url}
    return await create(client, "/webhooks", body | overrides)
