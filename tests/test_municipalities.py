from tests.factories import API, make_programme


async def names(client, **params) -> list[tuple[str, str]]:
    r = await client.get(f"{API}/municipalities", params=params)
    assert r.status_code == 200, r.text
    return [(m["number"], m["name"]) for m in r.json()["items"]]


class TestListMunicipalities:
    async def test_merged_municipalities_are_listed_with_their_time(self, client):
        r = await client.get(f"{API}/municipalities", params={"q": "0213"})
        assert r.json()["items"] == [
            {
                "number": "0213",
                "name": "Ski",
                "county": "Akershus",
                "valid_from": "2013-01-01",
                "valid_to": "2019-12-31",
            }
        ]

    async def test_a_name_is_found_under_each_number_it_had(self, client):
        assert await names(client, q="Nordre Follo") == [
            ("3020", "Nordre Follo"),
            ("3207", "Nordre Follo"),
        ]

    async def test_valid_on_gives_the_list_of_that_day(self, client):
        assert await names(client, q="Nordre Follo", valid_on="2021-06-01") == [
            ("3020", "Nordre Follo")
        ]
        assert await names(client, q="Ski", valid_on="2019-12-31", limit=1) == [("0213", "Ski")]
        assert ("0213", "Ski") not in await names(client, q="Ski", valid_on="2020-01-01")

    async def test_the_current_list_has_the_357_municipalities_of_2024(self, client):
        seen, cursor = [], None
        while True:
            params = {"valid_on": "2024-01-01", "limit": 100}
            if cursor:
                params["cursor"] = cursor
            page = (await client.get(f"{API}/municipalities", params=params)).json()
            seen += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == 357
        assert len({m["number"] for m in seen}) == 357
        assert all(m["valid_to"] is None for m in seen)

    async def test_names_that_start_with_the_query_come_first(self, client):
        found = await names(client, q="ski", valid_on="2019-01-01")
        assert found[0] == ("0213", "Ski")
        assert ("0806", "Skien") in found

    async def test_unknown_parameter_and_bad_date_are_refused(self, client):
        r = await client.get(f"{API}/municipalities", params={"kommune": "Ski"})
        assert r.status_code == 400
        r = await client.get(f"{API}/municipalities", params={"valid_on": "2020-13-01"})
        assert r.status_code == 422
        assert r.headers["content-type"] == "application/problem+json"

    async def test_a_forged_cursor_is_refused(self, client):
        r = await client.get(f"{API}/municipalities", params={"cursor": "bm90LWEtY3Vyc29y"})
        assert r.status_code == 400

    async def test_needs_a_token(self, accounts):
        r = await accounts.anonymous().get(f"{API}/municipalities")
        assert r.status_code == 401


class TestProgrammeMunicipalities:
    async def test_a_number_not_on_the_list_is_refused(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={"name": "Feil", "municipalities": [{"name": "Ingensteds", "number": "0001"}]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/municipalities/0/number"
        assert r.json()["errors"][0]["code"] == "unknown_municipality"

    async def test_a_name_that_does_not_match_its_number_is_refused(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={
                "name": "Feil",
                "municipalities": [
                    {"name": "Ski", "number": "0213"},
                    {"name": "Ski", "number": "0217"},
                ],
            },
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert error["pointer"] == "/municipalities/1/name"
        assert error["code"] == "municipality_name_mismatch"
        assert error["params"] == {"number": "0217", "name": "Oppegård"}
        listed = (await client.get(f"{API}/programmes", params={"q": "Feil"})).json()
        assert listed["items"] == []

    async def test_a_sami_or_norwegian_form_of_the_name_is_accepted(self, client):
        programme = await make_programme(
            client,
            municipalities=[{"name": "Hamarøy", "number": "1875"}],
        )
        assert programme["municipalities"] == [{"name": "Hamarøy", "number": "1875"}]

    async def test_a_change_is_checked_too(self, client):
        programme = await make_programme(client)
        r = await client.patch(
            f"{API}/programmes/{programme['id']}",
            json={"municipalities": [{"name": "Oslo", "number": "0213"}]},
            headers={"If-Match": f'"{programme["version"]}"'},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/municipalities/0/name"
        r = await client.patch(
            f"{API}/programmes/{programme['id']}",
            json={"municipalities": [{"name": "Nordre Follo", "number": "3020"}]},
            headers={"If-Match": f'"{programme["version"]}"'},
        )
        assert r.status_code == 200
