"""Two programmes side by side, each holding one record of every kind, for access tests."""

from dataclasses import dataclass, field

from tests.factories import (
    API,
    PDF_BYTES,
    create,
    make_deadline,
    make_file,
    make_group,
    make_involvement,
    make_member,
    make_person,
    make_programme,
    make_project,
    make_task,
)


@dataclass
class Programme:
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


async def build_programme(client, accounts) -> Programme:
    """Records of every kind in one programme, made by a system administrator (`client`)."""
    p = Programme()
    programme = await make_programme(client)
    person = await make_person(
        client, programme, affiliation="union_representative", union="Fagforbundet"
    )
    project = await make_project(
        client, programme, phase_template="reorganisation-five-phases", leader_id=person["id"]
    )
    group = await make_group(client, programme, project_id=project["id"], kind="project_board")
    member = await make_member(client, group, person)
    phases = (await client.get(f"{API}/phases", params={"project_id": project["id"]})).json()
    phase = phases["items"][0]
    task = await make_task(client, project, phase_id=phase["id"], assignee_id=person["id"])
    deadline = await make_deadline(client, programme, person, project_id=project["id"])
    involvement = await make_involvement(
        client, programme, project_id=project["id"], participant_ids=[person["id"]]
    )
    event = await create(
        client,
        "/events",
        {
            "programme_id": programme["id"],
            "group_id": group["id"],
            "title": "Drøftingsmøte",
            "kind": "consultation_meeting",
            "starts_at": "2018-11-20T09:00:00+01:00",
            "ends_at": "2018-11-20T11:00:00+01:00",
            "participants": [{"person_id": person["id"], "attendance": "present"}],
        },
    )
    decision = await create(
        client,
        "/decisions",
        {
            "programme_id": programme["id"],
            "body_group_id": group["id"],
            "decided_on": "2018-12-14",
            "title": "Organisering",
            "reorganisation": True,
            "consultation_event_id": event["id"],
        },
    )
    indicator_goal = await create(
        client,
        "/goals",
        {"programme_id": programme["id"], "kind": "effect", "title": "Bedre medvirkning"},
    )
    indicator = await create(
        client,
        "/indicators",
        {
            "programme_id": programme["id"],
            "goal_id": indicator_goal["id"],
            "name": "Opplevd medvirkning",
            "method": "survey",
        },
    )
    measurement = await create(
        client,
        "/measurements",
        {"indicator_id": indicator["id"], "value": 3.1, "measured_on": "2018-10-15"},
    )
    goal = await create(
        client,
        "/goals",
        {"programme_id": programme["id"], "kind": "societal", "title": "Gode tjenester"},
    )
    catalogue_goal = await create(
        client,
        "/goals",
        {
            "programme_id": programme["id"],
            "kind": "effect",
            "title": "Trygg oppvekst",
            "theme": "Oppvekst",
            "in_catalogue": True,
        },
    )
    selection = await create(
        client,
        "/goal-selections",
        {"goal_id": catalogue_goal["id"], "project_id": project["id"], "rationale": "Viktig"},
    )
    survey = await create(
        client,
        "/survey-rounds",
        {"programme_id": programme["id"], "title": "Medarbeiderundersøkelse", "audience": "link"},
    )
    question = await create(
        client,
        "/survey-questions",
        {
            "round_id": survey["id"],
            "text": "Jeg blir hørt",
            "kind": "likert",
            "indicator_id": indicator["id"],
        },
    )
    imported = await create(
        client,
        "/survey-rounds",
        {"programme_id": programme["id"], "title": "Fra Questback", "source": "imported"},
    )
    measure = await create(
        client,
        "/measures",
        {
            "programme_id": programme["id"],
            "title": "Arbeidslag",
            "goal_ids": [indicator_goal["id"]],
            "task_ids": [task["id"]],
        },
    )
    criterion = await create(
        client,
        "/group-criteria",
        {
            "programme_id": programme["id"],
            "group_kind": "project_board",
            "purpose": "setup",
            "title": "Partssammensatt",
        },
    )
    assessment = await create(
        client,
        "/criterion-assessments",
        {
            "group_id": group["id"],
            "criterion_id": criterion["id"],
            "assessed_on": "2018-11-20",
            "fulfilment": "partly_met",
        },
    )
    stored_file = await make_file(client, programme, "Høringsbrev.pdf")
    document = await create(
        client,
        "/documents",
        {
            "programme_id": programme["id"],
            "title": "Høringsbrev",
            "kind": "hearing_letter",
            "file_id": stored_file["id"],
            "decision_id": decision["id"],
        },
    )
    template = await create(
        client,
        "/templates",
        {
            "programme_id": programme["id"],
            "title": "Mal for innspill",
            "sections": [{"key": "organisering", "title": "Organisering", "max_length": 200}],
        },
    )
    submission = await create(
        client,
        "/submissions",
        {
            "programme_id": programme["id"],
            "title": "Arbeidsbok",
            "template_id": template["id"],
            "project_id": project["id"],
        },
    )
    submission_version = await create(
        client,
        "/submission-versions",
        {
            "submission_id": submission["id"],
            "label": "1",
            "deadline_id": deadline["id"],
            "sections": {"organisering": "To nivåer."},
        },
    )
    hearing = await create(
        client,
        "/hearings",
        {
            "programme_id": programme["id"],
            "title": "Høring: Overordnet organisering",
            "concerns_employees": True,
            "document_id": document["id"],
            "deadline_at": "2018-11-30T12:00:00+01:00",
            "invitees": [{"party": "union", "name": "Fagforbundet"}],
        },
    )
    current = await client.get(f"{API}/hearings/{hearing['id']}")
    opened = await client.post(
        f"{API}/hearings/{hearing['id']}/open", headers={"If-Match": current.headers["etag"]}
    )
    assert opened.status_code == 200, opened.text
    hearing_response = await create(
        client,
        "/hearing-responses",
        {
            "hearing_id": hearing["id"],
            "invitee_id": hearing["invitees"][0]["id"],
            "from_name": "Kari Nordmann",
            "text": "Vi støtter forslaget.",
            "received_at": "2018-11-28T10:00:00+01:00",
            "file_ids": [stored_file["id"]],
        },
    )
    idea = await create(
        client,
        "/ideas",
        {
            "programme_id": programme["id"],
            "title": "Felles vaktbytte",
            "description": "Spar tid i hjemmetjenesten.",
            "project_id": project["id"],
            "assessor_group_id": group["id"],
        },
    )
    participation_link = await create(
        client, "/participation-links", {"programme_id": programme["id"], "label": "Ansatte"}
    )
    planned_involvement = await create(
        client,
        "/planned-involvements",
        {
            "project_id": project["id"],
            "stakeholder_kind": "employees",
            "form": "information",
            "planned_on": "2018-10-01",
            "matter": "Allmøte om ny organisering",
            "responsible_person_id": person["id"],
            "decision_id": decision["id"],
        },
    )
    user = await accounts.user()
    membership = await create(
        client,
        f"/programmes/{programme['id']}/memberships",
        {"user_id": str(user.id), "role": "editor"},
    )
    token = await create(
        client, "/api-tokens", {"programme_id": programme["id"], "name": "Intranett"}
    )
    webhook = await create(
        client, "/webhooks", {"programme_id": programme["id"], "url": WEBHOOK_URL}
    )
    ping = await client.post(f"{API}/webhooks/{webhook['id']}/ping")
    assert ping.status_code == 202, ping.text
    # A dry run: the import is recorded, no person is written.
    dry_run = await client.post(
        f"{API}/imports",
        params={"programme_id": programme["id"], "resource": "people", "dry_run": "true"},
        files={"file": IMPORTED_PEOPLE},
    )
    assert dry_run.status_code == 201, dry_run.text
    events = (
        await client.get(
            f"{API}/audit-events", params={"programme_id": programme["id"], "limit": 1}
        )
    ).json()
    p.ids = {
        "programme_id": programme["id"],
        "person_id": person["id"],
        "project_id": project["id"],
        "group_id": group["id"],
        "member_id": member["id"],
        "phase_id": phase["id"],
        "result_id": phase["expected_results"][0]["id"],
        "task_id": task["id"],
        "deadline_id": deadline["id"],
        "involvement_id": involvement["id"],
        "membership_id": membership["id"],
        "token_id": token["id"],
        "audit_event_id": events["items"][0]["id"],
        "user_id": str(user.id),
        "event_id": event["id"],
        "decision_id": decision["id"],
        "indicator_goal_id": indicator_goal["id"],
        "indicator_id": indicator["id"],
        "measurement_id": measurement["id"],
        "goal_id": goal["id"],
        "catalogue_goal_id": catalogue_goal["id"],
        "selection_id": selection["id"],
        "survey_id": survey["id"],
        "question_id": question["id"],
        "imported_survey_id": imported["id"],
        "measure_id": measure["id"],
        "criterion_id": criterion["id"],
        "assessment_id": assessment["id"],
        "template_id": template["id"],
        "submission_id": submission["id"],
        "submission_version_id": submission_version["id"],
        "file_id": stored_file["id"],
        "document_id": document["id"],
        "hearing_id": hearing["id"],
        "hearing_response_id": hearing_response["id"],
        "planned_involvement_id": planned_involvement["id"],
        "idea_id": idea["id"],
        "participation_link_id": participation_link["id"],
        "import_id": dry_run.json()["id"],
        "webhook_id": webhook["id"],
        "delivery_id": ping.json()["id"],
    }
    await give_external_ids(client, p)
    return p


BY_EXTERNAL_ID = "/by-external-id/{external_id}"
# A webhook's target: a name that never resolves, so that nothing is ever sent from a test.
WEBHOOK_URL = "https://intranett.kommune.invalid/samskap/hooks"


def external_key(path: str, p: Programme) -> str:
    """The `external_id` of the record of programme `p` that a look-up path names."""
    base = path.removeprefix(API).removesuffix(BY_EXTERNAL_ID)
    return f"{base.strip('/')}:{p['programme_id']}"


async def give_external_ids(client, p: Programme) -> None:
    """Give the record of every resource that can be looked up by external id its own key."""
    for _, path, _ in await operations(client):
        if path.endswith(BY_EXTERNAL_ID):
            url = fill_path(path.removesuffix(BY_EXTERNAL_ID) + "/{id}", p)
            version = (await client.get(url)).headers["ETag"]
            r = await client.patch(
                url, json={"external_id": external_key(path, p)}, headers={"If-Match": version}
            )
            assert r.status_code == 200, (url, r.text)


# Operations that read nothing of any programme and answer every signed-in caller alike.
NOT_OF_A_PROGRAMME = {
    "phase-templates-list",
    "programme-templates-list",
    "municipalities-list",
    "import-templates-list",
    "import-templates-csv",
    "import-templates-xlsx",
    "webhooks-event-types",
}

# Operations on the signed-in user's own account (their mail choices, notifications,
# calendar feeds): of no programme, the same for every role; their own tests cover them.
OWN_ACCOUNT = {
    "me-mail-preferences-get",
    "me-mail-preferences-update",
    "me-notifications-list",
    "me-notifications-unread-count",
    "me-notifications-read",
    "me-notifications-read-all",
    "me-calendar-feeds-list",
    "me-calendar-feeds-create",
    "me-calendar-feeds-revoke",
}


# Which record each templated path names, by the path's parameters.
def fill_path(path: str, p: Programme) -> str:
    path = path.replace("{external_id}", external_key(path, p))
    path = path.replace("{resource}", "people")  # an import template's
    path = path.replace("{programme_id}", p["programme_id"])
    path = path.replace("{group_id}", p["group_id"]).replace("{phase_id}", p["phase_id"])
    path = path.replace("{delivery_id}", p["delivery_id"])
    if "{id}" not in path:
        return path
    base = path.removeprefix(API)
    ids = {
        "/programmes/{id}": "programme_id",
        "/programmes/{id}/overview": "programme_id",
        "/programmes/{id}/timeline": "programme_id",
        "/programmes/{id}/compliance": "programme_id",
        "/programmes/{id}/compliance/findings": "programme_id",
        "/programmes/{id}/export": "programme_id",
        "/groups/{id}/composition": "group_id",
        "/groups/{id}/attendance": "group_id",
        "/projects/{id}": "project_id",
        "/people/{id}": "person_id",
        "/people/{id}/export": "person_id",
        "/people/{id}/erase": "person_id",
        "/groups/{id}": "group_id",
        f"/groups/{p['group_id']}/members/{{id}}": "member_id",
        "/phases/{id}": "phase_id",
        f"/phases/{p['phase_id']}/expected-results/{{id}}": "result_id",
        "/tasks/{id}": "task_id",
        "/deadlines/{id}": "deadline_id",
        "/involvements/{id}": "involvement_id",
        f"/programmes/{p['programme_id']}/memberships/{{id}}": "membership_id",
        "/api-tokens/{id}": "token_id",
        "/audit-events/{id}": "audit_event_id",
        "/events/{id}": "event_id",
        "/decisions/{id}": "decision_id",
        "/users/{id}": "user_id",
        "/indicators/{id}": "indicator_id",
        "/indicators/{id}/series": "indicator_id",
        "/indicators/{id}/series.csv": "indicator_id",
        "/measurements/{id}": "measurement_id",
        "/goals/{id}": "goal_id",
        "/goal-selections/{id}": "selection_id",
        "/survey-rounds/{id}": "survey_id",
        "/survey-rounds/{id}/open": "survey_id",
        "/survey-rounds/{id}/results": "survey_id",
        "/survey-rounds/{id}/results.csv": "survey_id",
        # A draft imported round: the one whose results can be imported and that can close.
        "/survey-rounds/{id}/close": "imported_survey_id",
        "/survey-rounds/{id}/imported-results": "imported_survey_id",
        "/survey-questions/{id}": "question_id",
        "/measures/{id}": "measure_id",
        "/group-criteria/{id}": "criterion_id",
        "/criterion-assessments/{id}": "assessment_id",
        "/groups/{id}/criteria": "group_id",
        "/templates/{id}": "template_id",
        "/submissions/{id}": "submission_id",
        "/submission-versions/{id}": "submission_version_id",
        "/submission-versions/{id}/submit": "submission_version_id",
        "/files/{id}": "file_id",
        "/files/{id}/content": "file_id",
        "/documents/{id}": "document_id",
        "/hearings/{id}": "hearing_id",
        "/hearings/{id}/open": "hearing_id",
        "/hearings/{id}/close": "hearing_id",
        "/hearings/{id}/summary": "hearing_id",
        "/hearings/{id}/summary.docx": "hearing_id",
        "/hearing-responses/{id}": "hearing_response_id",
        "/planned-involvements/{id}": "planned_involvement_id",
        "/projects/{id}/involvement-plan": "project_id",
        "/decisions/{id}/trail": "decision_id",
        "/decisions/{id}/trail.csv": "decision_id",
        "/ideas/{id}": "idea_id",
        "/ideas/{id}/assess": "idea_id",
        "/ideas/{id}/status-changes": "idea_id",
        "/ideas/{id}/support": "idea_id",
        "/ideas/{id}/measure": "idea_id",
        "/ideas/{id}/task": "idea_id",
        "/participation-links/{id}": "participation_link_id",
        "/participation-links/{id}/close": "participation_link_id",
        "/events/{id}/reply": "event_id",
        "/survey-rounds/{id}/my-link": "survey_id",
        "/imports/{id}": "import_id",
        "/imports/{id}/rows": "import_id",
        "/imports/{id}/cancel": "import_id",
        "/webhooks/{id}": "webhook_id",
        "/webhooks/{id}/rotate-secret": "webhook_id",
        "/webhooks/{id}/ping": "webhook_id",
        "/webhooks/{id}/deliveries": "webhook_id",
        f"/webhooks/{{id}}/deliveries/{p['delivery_id']}": "webhook_id",
        f"/webhooks/{{id}}/deliveries/{p['delivery_id']}/redeliver": "webhook_id",
    }
    return path.replace("{id}", p[ids[base]])


def create_body(path: str, p: Programme, person_id: str | None = None) -> dict:
    """A valid body for each create operation, placed in programme `p`."""
    person = person_id or p["person_id"]
    bodies = {
        "/programmes": {"name": "Ny"},
        "/projects": {"programme_id": p["programme_id"], "code": "NY1", "name": "Ny"},
        "/people": {"programme_id": p["programme_id"], "name": "Ny person"},
        "/groups": {"programme_id": p["programme_id"], "kind": "working_group", "name": "Ny"},
        "/phases": {"project_id": p["project_id"], "name": "Ny fase"},
        "/tasks": {"project_id": p["project_id"], "title": "Ny oppgave"},
        "/deadlines": {
            "programme_id": p["programme_id"],
            "title": "Ny frist",
            "due_at": "2031-01-01T12:00:00+01:00",
            "responsible_person_id": person,
        },
        "/involvements": {
            "programme_id": p["programme_id"],
            "matter": "Ny sak",
            "stakeholder_kind": "employees",
            "form": "information",
            "occurred_on": "2018-09-06",
            "head_count": 3,
        },
        "/api-tokens": {"programme_id": p["programme_id"], "name": "Ny"},
        "/users": {"email": "ny@example.no", "name": "Ny", "password": "x" * 12},
        "/events": {
            "programme_id": p["programme_id"],
            "title": "Møte",
            "starts_at": "2031-01-01T09:00:00+01:00",
            "ends_at": "2031-01-01T10:00:00+01:00",
        },
        "/decisions": {
            "programme_id": p["programme_id"],
            "title": "Vedtak",
            "decided_on": "2018-12-14",
        },
        "/indicators": {
            "programme_id": p["programme_id"],
            "goal_id": p["indicator_goal_id"],
            "name": "Ny indikator",
            "method": "register_data",
        },
        "/measurements": {
            "indicator_id": p["indicator_id"],
            "value": 4,
            "measured_on": "2019-10-15",
        },
        "/goals": {"programme_id": p["programme_id"], "kind": "effect", "title": "Nytt mål"},
        "/goal-selections": {
            "goal_id": p["catalogue_goal_id"],
            "group_id": p["group_id"],
            "rationale": "Gruppen trenger det",
        },
        "/survey-rounds": {
            "programme_id": p["programme_id"],
            "title": "Ny kartlegging",
            "audience": "link",
        },
        "/survey-questions": {
            "round_id": p["survey_id"],
            "text": "Nytt spørsmål",
            "kind": "yes_no",
        },
        "/measures": {
            "programme_id": p["programme_id"],
            "title": "Nytt tiltak",
            "goal_ids": [p["indicator_goal_id"]],
        },
        "/group-criteria": {
            "programme_id": p["programme_id"],
            "group_kind": "project_board",
            "purpose": "evaluation",
            "title": "Nytt kriterium",
        },
        "/criterion-assessments": {
            "group_id": p["group_id"],
            "criterion_id": p["criterion_id"],
            "assessed_on": "2019-06-01",
            "fulfilment": "met",
        },
        "/documents": {
            "programme_id": p["programme_id"],
            "title": "Nytt notat",
            "kind": "note",
            "url": "https://example.no/notat",
        },
        "/templates": {"programme_id": p["programme_id"], "title": "Ny mal"},
        "/submissions": {
            "programme_id": p["programme_id"],
            "title": "Nytt innspill",
            "template_id": p["template_id"],
            "project_id": p["project_id"],
        },
        "/submission-versions": {"submission_id": p["submission_id"], "label": "2"},
        "/hearings": {
            "programme_id": p["programme_id"],
            "title": "Ny høring",
            "deadline_at": "2031-01-01T12:00:00+01:00",
        },
        "/hearing-responses": {
            "hearing_id": p["hearing_id"],
            "from_name": "Ny",
            "text": "Ny uttalelse",
            "received_at": "2018-11-29T10:00:00+01:00",
        },
        "/planned-involvements": {
            "project_id": p["project_id"],
            "stakeholder_kind": "union_representatives",
            "form": "consultation",
            "planned_on": "2019-01-15",
            "matter": "Ny drøfting",
        },
        "/ideas": {
            "programme_id": p["programme_id"],
            "title": "Nytt forslag",
            "description": "Bedre rutiner",
        },
        "/participation-links": {"programme_id": p["programme_id"]},
        "/ideas/{id}/assess": {"status": "assessing", "comment": "Vurderes"},
        "/ideas/{id}/measure": {"goal_ids": [p["indicator_goal_id"]]},
        "/ideas/{id}/task": {},
        "/ideas/{id}/support": {},
        "/events/{id}/reply": {"reply": "attending"},
        "/survey-rounds/{id}/my-link": {},
        "/webhooks": {"programme_id": p["programme_id"], "url": WEBHOOK_URL},
        "/webhooks/{id}/rotate-secret": {},
        "/webhooks/{id}/ping": {},
        "/webhooks/{id}/deliveries/{delivery_id}/redeliver": {},
    }
    base = path.removeprefix(API)
    if base.endswith(("/open", "/close", "/submit")):
        return {}
    if base.endswith("/members"):
        return {"person_id": person, "party": "employees", "role": "observer"}
    if base.endswith("/expected-results"):
        return {"text": "Nytt resultat"}
    if base.endswith("/memberships"):
        return {"user_id": p["user_id"], "role": "observer"}
    if base.endswith("/erase"):
        return {}
    return bodies[base]


PATCH_BODIES = {
    "programmes-update": {"description": "Endret"},
    "projects-update": {"description": "Endret"},
    "people-update": {"title": "Endret"},
    "groups-update": {"description": "Endret"},
    "group-members-update": {"allocation_percent": 10},
    "phases-update": {"description": "E"},
    "expected-results-update": {"done": True},
    "tasks-update": {"status": "done"},
    "deadlines-update": {"status": "submitted"},
    "involvements-update": {"outcome": "Endret"},
    "memberships-update": {"role": "observer"},
    "users-update": {"name": "Endret"},
    "events-update": {"location": "Rådhuset"},
    "decisions-update": {"text": "Endret"},
    "indicators-update": {"description": "Endret"},
    "measurements-update": {"note": "Endret"},
    "goals-update": {"description": "Endret"},
    "goal-selections-update": {"meaning": "Endret"},
    "survey-rounds-update": {"description": "Endret"},
    "survey-questions-update": {"required": True},
    "measures-update": {"description": "Endret"},
    "group-criteria-update": {"description": "Endret"},
    "criterion-assessments-update": {"note": "Endret"},
    "templates-update": {"guidance": "Endret"},
    "submissions-update": {"title": "Endret"},
    "submission-versions-update": {"sections": {"organisering": "Endret"}},
    "documents-update": {"description": "Endret"},
    "hearings-update": {"letter": "Endret"},
    "hearing-responses-update": {"handling": "accepted"},
    "planned-involvements-update": {"matter": "Endret"},
    "ideas-update": {"assessment": "Endret"},
    "webhooks-update": {"description": "Endret"},
}

# Aggregate results of an imported round, as another survey tool exports them.
IMPORTED_RESULTS = (
    "resultater.csv",
    "question,n,mean\nJeg blir hørt,12,3.8\n".encode(),
    "text/csv",
)

# A people file to import, as a script sends it.
IMPORTED_PEOPLE = ("personer.csv", b"external_id;name\nHR-1;Kari Nordmann\n", "text/csv")

# A file to upload, as a client sends it.
UPLOADED_FILE = ("Referat.pdf", PDF_BYTES, "application/pdf")

# Operations that name their programme in the query rather than the path.
PROGRAMME_IN_QUERY = {
    "goal-tree-get",
    "files-create",
    "submission-versions-compare",
    "delivery-matrix-get",
    "me-overview",
    "imports-create",
}


def query_of(operation: str, p: Programme) -> dict | None:
    """The query parameters an operation needs to name a record of programme `p`."""
    if operation == "submission-versions-compare":
        return {"from": p["submission_version_id"], "to": p["submission_version_id"]}
    if operation == "imports-create":
        return {"programme_id": p["programme_id"], "resource": "people"}
    if operation in PROGRAMME_IN_QUERY or (
        operation.endswith("-get-by-external-id") and operation != "programmes-get-by-external-id"
    ):
        return {"programme_id": p["programme_id"]}
    return None


def request_body(method: str, path: str, operation: str, p: Programme) -> dict:
    """Keyword arguments for httpx carrying a valid body for the operation in programme `p`:
    JSON for creates, actions and patches, a file for an import."""
    if operation == "survey-rounds-import":
        return {"files": {"file": IMPORTED_RESULTS}}
    if operation == "files-create":
        return {"files": {"file": UPLOADED_FILE}}
    if operation == "imports-create":
        return {"files": {"file": IMPORTED_PEOPLE}}
    if operation == "imports-cancel":
        return {}
    if method == "PATCH":
        return {"json": PATCH_BODIES[operation]}
    if method == "POST":
        return {"json": create_body(path, p)}
    return {}


async def operations(client) -> list[tuple[str, str, str]]:
    """(method, path, operationId) of every operation in the served OpenAPI document."""
    document = (await client.get(f"{API}/openapi.json")).json()
    return [
        (method.upper(), path, op["operationId"])
        for path, ops in document["paths"].items()
        for method, op in ops.items()
    ]
