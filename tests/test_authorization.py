"""Authentication and object-level authorisation, walked over every operation of the API."""

import uuid

from tests.factories import API, make_programme
from tests.world import (
    NOT_OF_A_PROGRAMME,
    OWN_ACCOUNT,
    PROGRAMME_IN_QUERY,
    build_programme,
    create_body,
    fill_path,
    operations,
    query_of,
    request_body,
)

# Operations anyone may call without logging in: logging in, health, and answering a survey
# through its link (employees mostly have no account; the link's secret is the access).
PUBLIC = {
    "auth-token",
    "health-live",
    "health-ready",
    "survey-answers-get",
    "survey-answers-submit",
    # Ideas sent through a programme's participation link, and followed by their receipt.
    "participation-get",
    "participation-ideas-submit",
    "idea-receipts-get",
    # A person's mail choices through the link in every mail (the signed address is the
    # access).
    "mail-preferences-get",
    "mail-preferences-update",
    # A person's own calendar feed: the secret in its URL is the access.
    "calendar-personal-feed",
    # How one may log in, and signing in at the identity provider (tests/test_oidc.py).
    "auth-providers",
    "auth-oidc-login",
    "auth-oidc-callback",
    # Whom the public accessibility statement names for reporting a barrier.
    "accessibility-contact-get",
}
PROBLEM = "application/problem+json"


def _random_ids(path: str) -> str:
    for name in ("{id}", "{group_id}", "{phase_id}", "{programme_id}", "{token}"):
        path = path.replace(name, str(uuid.uuid4()))
    return path


class TestAuthenticationRequired:
    async def test_every_operation_but_login_and_health_answers_401(self, client, anonymous):
        checked = 0
        for method, path, operation in await operations(client):
            body = {} if method in {"POST", "PATCH"} else None
            r = await anonymous.request(method, _random_ids(path), json=body)
            if operation in PUBLIC:
                assert r.status_code != 401, operation
                continue
            assert r.status_code == 401, (operation, r.status_code, r.text)
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.headers["www-authenticate"].startswith("Bearer")
            checked += 1
        assert checked >= 60

    async def test_exactly_the_public_operations_are_declared_without_security(self, client):
        document = (await client.get(f"{API}/openapi.json")).json()
        unsecured = {
            op["operationId"]
            for ops in document["paths"].values()
            for op in ops.values()
            if "security" not in op
        }
        assert unsecured == PUBLIC

    async def test_a_survey_link_opens_its_round_and_nothing_else_without_an_account(
        self, client, anonymous, accounts
    ):
        ours = await build_programme(client, accounts)
        round_url = f"{API}/survey-rounds/{ours['survey_id']}"
        current = await client.get(round_url)
        opened = await client.post(
            f"{round_url}/open", headers={"If-Match": current.headers["etag"]}
        )
        assert opened.status_code == 200, opened.text
        secret = opened.json()["link_token"]
        link = f"{API}/survey-answers/{secret}"
        r = await anonymous.get(link)
        assert r.status_code == 200, r.text
        assert set(r.json()) == {"title", "description", "status", "already_answered", "questions"}
        answer = {"answers": [{"question_id": ours["question_id"], "value": 4}]}
        r = await anonymous.post(link, json=answer)
        assert r.status_code == 200, r.text
        assert r.json() == {"received": True}
        # The link is no key to the round's management or results.
        for url in (round_url, f"{round_url}/results", f"{round_url}/results.csv"):
            r = await anonymous.get(url, headers={"Authorization": f"Bearer {secret}"})
            assert r.status_code == 401, url
        for token in (str(uuid.uuid4()), ours["survey_id"], ours["question_id"]):
            r = await anonymous.get(f"{API}/survey-answers/{token}")
            assert r.status_code == 404, token
            assert r.headers["content-type"].startswith(PROBLEM)

    async def test_the_openapi_document_and_docs_are_public(self, anonymous):
        assert (await anonymous.get(f"{API}/openapi.json")).status_code == 200
        assert (await anonymous.get(f"{API}/docs")).status_code == 200

    async def test_garbage_and_other_schemes_are_refused(self, anonymous):
        for header in ["Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Token abc"]:
            r = await anonymous.get(f"{API}/programmes", headers={"Authorization": header})
            assert r.status_code == 401, header

    async def test_openapi_declares_the_bearer_scheme(self, client):
        document = (await client.get(f"{API}/openapi.json")).json()
        assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
        assert document["paths"]["/api/v1/projects"]["get"]["security"] == [{"bearer": []}]
        assert "security" not in document["paths"]["/api/v1/auth/token"]["post"]


# Goals and their measurement (issue 9), each listed by programme.
NEW_RESOURCES = [
    "goals",
    "goal-selections",
    "goal-selection-revisions",
    "indicators",
    "measurements",
    "survey-rounds",
    "survey-questions",
    "measures",
    "group-criteria",
    "criterion-assessments",
    # The document register and its files (issue 10).
    "files",
    "documents",
    # Templates, submissions and their versions (issue 10).
    "templates",
    "submissions",
    "submission-versions",
    # Hearings and their responses (issue 10).
    "hearings",
    "hearing-responses",
    # Involvement plans (issue 11).
    "planned-involvements",
    # Ideas and the participation links they come in by (issue 11).
    "ideas",
    "participation-links",
    # Webhooks (issue 13), listed only to the programme's administrators.
    "webhooks",
]


def _state_key(item: dict) -> tuple:
    return (item["id"], item.get("version", item.get("selection_version")))


async def _state_of(client, programme) -> dict:
    """Versions of every record of a programme, as a system administrator sees them."""
    state = {}
    for resource in [
        "projects",
        "people",
        "groups",
        "phases",
        "tasks",
        "deadlines",
        "involvements",
        "api-tokens",
        *NEW_RESOURCES,
    ]:
        items = (
            await client.get(
                f"{API}/{resource}",
                params={"programme_id": programme["programme_id"], "limit": 500},
            )
        ).json()["items"]
        state[resource] = sorted(_state_key(i) for i in items)
    for sub in [
        f"groups/{programme['group_id']}/members",
        f"phases/{programme['phase_id']}/expected-results",
        f"programmes/{programme['programme_id']}/memberships",
    ]:
        items = (await client.get(f"{API}/{sub}", params={"limit": 500})).json()["items"]
        state[sub] = sorted((i["id"], i["version"]) for i in items)
    state["programme"] = (await client.get(f"{API}/programmes/{programme['programme_id']}")).json()[
        "version"
    ]
    return state


class TestProgrammesAreKeptApart:
    async def test_a_user_of_one_programme_cannot_read_or_change_the_other(self, client, accounts):
        ours, theirs = (
            await build_programme(client, accounts),
            await build_programme(client, accounts),
        )
        admin = await accounts.client(roles={ours["programme_id"]: "programme_admin"})
        before = await _state_of(client, theirs)
        their_ids = set(theirs.ids.values())
        walked = 0
        for method, path, operation in await operations(client):
            if operation in PUBLIC | NOT_OF_A_PROGRAMME | OWN_ACCOUNT or operation.startswith(
                ("auth-", "users-")
            ):
                continue
            walked += 1
            url = fill_path(path, theirs)
            if path.endswith(".ics"):
                continue  # feeds: tests/test_feeds.py
            names_theirs = url != path or operation in PROGRAMME_IN_QUERY
            if names_theirs or operation == "people-export":  # names a record of theirs
                r = await admin.request(
                    method,
                    url,
                    params=query_of(operation, theirs),
                    headers={"If-Match": "*"},
                    **request_body(method, path, operation, theirs),
                )
                assert r.status_code == 404, (operation, r.status_code, r.text)
                assert r.headers["content-type"].startswith(PROBLEM)
            elif method == "GET":
                r = await admin.get(url, params={"limit": 500})
                assert r.status_code == 200, (operation, r.text)
                listed = {i["id"] for i in r.json()["items"]}
                assert not listed & their_ids, operation
                assert all(
                    i.get("programme_id") != theirs["programme_id"] for i in r.json()["items"]
                ), operation
            else:
                r = await admin.post(url, json=create_body(path, theirs))
                assert r.status_code in {403, 404, 422}, (operation, r.status_code, r.text)
        assert walked >= 100
        assert await _state_of(client, theirs) == before

    async def test_filtering_on_the_other_programme_finds_nothing(self, client, accounts):
        ours, theirs = (
            await build_programme(client, accounts),
            await build_programme(client, accounts),
        )
        admin = await accounts.client(roles={ours["programme_id"]: "programme_admin"})
        for resource in [
            "projects",
            "people",
            "groups",
            "phases",
            "tasks",
            "deadlines",
            "involvements",
            "api-tokens",
            "audit-events",
            *NEW_RESOURCES,
        ]:
            r = await admin.get(
                f"{API}/{resource}", params={"programme_id": theirs["programme_id"]}
            )
            assert r.json() == {"items": [], "next_cursor": None}, resource

    async def test_references_into_the_other_programme_are_refused(self, client, accounts):
        ours, theirs = (
            await build_programme(client, accounts),
            await build_programme(client, accounts),
        )
        editor = await accounts.client(roles={ours["programme_id"]: "editor"})
        r = await editor.post(
            f"{API}/tasks",
            json={
                "project_id": ours["project_id"],
                "title": "X",
                "assignee_id": theirs["person_id"],
            },
        )
        assert r.status_code == 422
        r = await editor.patch(
            f"{API}/tasks/{ours['task_id']}", json={"project_id": theirs["project_id"]}
        )
        assert r.status_code == 422


class TestRoles:
    async def test_an_observer_can_read_but_write_nothing(self, client, accounts):
        ours = await build_programme(client, accounts)
        observer = await accounts.client(roles={ours["programme_id"]: "observer"})
        before = await _state_of(client, ours)
        writes = 0
        for method, path, operation in await operations(client):
            if operation in PUBLIC | OWN_ACCOUNT or operation.startswith("auth-"):
                continue
            url = fill_path(path, ours)
            if method == "GET":
                if operation in {
                    "people-export",
                    "programmes-export",
                    "memberships-list",
                    "memberships-get",
                    "users-list",
                    "users-get",
                    "webhooks-get",
                    "webhooks-deliveries-list",
                    "webhooks-deliveries-get",
                }:
                    r = await observer.get(url)
                    assert r.status_code == 403, (operation, r.status_code)
                elif operation not in {"api-tokens-get", "audit-events-get"}:
                    r = await observer.get(url, params=query_of(operation, ours))
                    assert r.status_code == 200, (operation, r.status_code, r.text)
                continue
            r = await observer.request(
                method,
                url,
                params=query_of(operation, ours),
                headers={"If-Match": "*"},
                **request_body(method, path, operation, ours),
            )
            expected = {404} if operation in {"api-tokens-delete"} else {403}
            assert r.status_code in expected, (operation, r.status_code, r.text)
            writes += 1
        assert writes >= 60
        assert await _state_of(client, ours) == before

    async def test_a_member_changes_what_belongs_to_their_groups_and_projects(
        self, client, accounts
    ):
        ours = await build_programme(client, accounts)
        other_project = (
            await client.post(
                f"{API}/projects",
                json={"programme_id": ours["programme_id"], "code": "ANNET", "name": "Annet"},
            )
        ).json()
        outsider_task = (
            await client.post(
                f"{API}/tasks", json={"project_id": other_project["id"], "title": "Ikke min"}
            )
        ).json()
        member = await accounts.client(roles={ours["programme_id"]: ("member", ours["person_id"])})
        r = await member.patch(f"{API}/tasks/{ours['task_id']}", json={"status": "in_progress"})
        assert r.status_code == 200
        r = await member.patch(f"{API}/tasks/{outsider_task['id']}", json={"status": "done"})
        assert r.status_code == 403
        r = await member.post(
            f"{API}/tasks", json={"project_id": ours["project_id"], "title": "Ny i mitt prosjekt"}
        )
        assert r.status_code == 201
        unassigned = r.json()
        r = await member.patch(
            f"{API}/tasks/{unassigned['id']}", json={"project_id": other_project["id"]}
        )
        assert r.status_code == 403, r.text
        r = await member.patch(
            f"{API}/phases/{ours['phase_id']}/expected-results/{ours['result_id']}",
            json={"done": True},
        )
        assert r.status_code == 200
        r = await member.post(f"{API}/involvements", json=create_body("/involvements", ours))
        assert r.status_code == 201
        r = await member.post(f"{API}/projects", json=create_body("/projects", ours))
        assert r.status_code == 403
        r = await member.patch(f"{API}/people/{ours['person_id']}", json={"title": "Ny"})
        assert r.status_code == 403

    async def test_a_member_without_a_person_only_records_involvements(self, client, accounts):
        ours = await build_programme(client, accounts)
        member = await accounts.client(roles={ours["programme_id"]: "member"})
        r = await member.patch(f"{API}/tasks/{ours['task_id']}", json={"status": "done"})
        assert r.status_code == 403
        r = await member.post(f"{API}/involvements", json=create_body("/involvements", ours))
        assert r.status_code == 201

    async def test_an_editor_cannot_grant_roles_or_issue_tokens(self, client, accounts):
        ours = await build_programme(client, accounts)
        editor = await accounts.client(roles={ours["programme_id"]: "editor"})
        r = await editor.post(
            f"{API}/programmes/{ours['programme_id']}/memberships",
            json={"user_id": ours["user_id"], "role": "programme_admin"},
        )
        assert r.status_code == 403
        r = await editor.post(f"{API}/api-tokens", json=create_body("/api-tokens", ours))
        assert r.status_code == 403
        r = await editor.patch(f"{API}/projects/{ours['project_id']}", json={"name": "Nytt"})
        assert r.status_code == 200

    async def test_only_system_administrators_create_programmes_and_users(self, client, accounts):
        ours = await build_programme(client, accounts)
        admin = await accounts.client(roles={ours["programme_id"]: "programme_admin"})
        assert (await admin.post(f"{API}/programmes", json={"name": "X"})).status_code == 403
        assert (await admin.get(f"{API}/users")).status_code == 403
        r = await admin.patch(
            f"{API}/programmes/{ours['programme_id']}", json={"vision": "Nær og nyskapende"}
        )
        assert r.status_code == 200
        assert (await admin.delete(f"{API}/programmes/{ours['programme_id']}")).status_code == 403


class TestGrantingRoles:
    """A programme administrator sees the users of the programmes they administer, no others."""

    async def _grant(self, http, programme_id: str, user_id: str):
        return await http.post(
            f"{API}/programmes/{programme_id}/memberships",
            json={"user_id": user_id, "role": "member"},
        )

    async def test_an_unseen_user_and_an_unknown_id_answer_alike(self, client, accounts):
        ours = await make_programme(client)
        admin = await accounts.role(ours, "programme_admin")
        stranger = await accounts.user()
        elsewhere = await accounts.user(roles={(await make_programme(client))["id"]: "editor"})
        unknown = await self._grant(admin, ours["id"], str(uuid.uuid4()))
        assert unknown.status_code == 422
        assert unknown.headers["content-type"].startswith(PROBLEM)
        assert unknown.json()["errors"][0]["pointer"] == "/user_id"
        for user in (stranger, elsewhere):
            r = await self._grant(admin, ours["id"], str(user.id))
            assert r.status_code == unknown.status_code, r.text
            assert _without_request_id(r.json()) == _without_request_id(unknown.json())

    async def test_users_of_another_programme_one_administers_can_be_given_a_role(
        self, client, accounts
    ):
        ours, other = await make_programme(client), await make_programme(client)
        admin = await accounts.client(
            roles={ours["id"]: "programme_admin", other["id"]: "programme_admin"}
        )
        colleague = await accounts.user(roles={other["id"]: "observer"})
        assert (await self._grant(admin, ours["id"], str(colleague.id))).status_code == 201

    async def test_a_system_administrator_gives_any_user_a_role(self, client, accounts):
        ours = await make_programme(client)
        newcomer = await accounts.user()
        assert (await self._grant(client, ours["id"], str(newcomer.id))).status_code == 201
        unknown = await self._grant(client, ours["id"], str(uuid.uuid4()))
        assert unknown.status_code == 422


def _without_request_id(problem: dict) -> dict:
    return {k: v for k, v in problem.items() if k != "request_id"}
