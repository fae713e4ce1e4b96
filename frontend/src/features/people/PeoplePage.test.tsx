import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { aPerson, aProgramme, fakeApi, me, page, PROGRAMME_ID, renderPage, type ApiCall } from "../projects/testing";
import PeoplePage from "./PeoplePage";

const line = aPerson();
const marius = aPerson({
  id: "00000000-0000-7000-8000-0000000000p3",
  name: "Marius Sandvik",
  title: "Plasstillitsvalgt",
  municipality_number: "0213",
  affiliation: "union_representative",
});

/** People as the API would find them: q in the name, affiliation exact, two per page. */
function peopleApi() {
  const everyone = [line, marius];
  return fakeApi({
    "GET /api/v1/auth/me": me(),
    [`GET /api/v1/programmes/${PROGRAMME_ID}`]: { body: aProgramme() },
    "GET /api/v1/people": (call: ApiCall) => {
      const q = call.query.get("q")?.toLowerCase();
      const affiliation = call.query.getAll("affiliation");
      const found = everyone.filter(
        (p) =>
          (!q || p.name.toLowerCase().includes(q)) && (affiliation.length === 0 || affiliation.includes(p.affiliation)),
      );
      // The first page holds one person and a cursor to the rest.
      return call.query.get("cursor") === "next"
        ? page(found.slice(1))
        : page(found.slice(0, 1), found.length > 1 ? "next" : null);
    },
  });
}

const render = (url = `/p/${PROGRAMME_ID}/people`) =>
  renderPage(<PeoplePage />, { route: "/p/:programmeId/people", url });

afterEach(() => vi.unstubAllGlobals());

describe("PeoplePage", () => {
  test("lists people with their municipality's name and loads the next page by cursor", async () => {
    const api = peopleApi();
    const user = userEvent.setup();
    render();
    expect(await screen.findByRole("link", { name: "Line Aasheim" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/people/${line.id}`,
    );
    expect(await screen.findByRole("cell", { name: "Oppegård" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Marius Sandvik" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Vis flere" }));
    expect(await screen.findByRole("link", { name: "Marius Sandvik" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "Tillitsvalgt" })).toBeInTheDocument();
    const calls = api.made("GET", "/api/v1/people");
    expect(calls.at(-1)?.query.get("cursor")).toBe("next");
    expect(calls.at(-1)?.query.get("programme_id")).toBe(PROGRAMME_ID);
    expect(screen.queryByRole("button", { name: "Vis flere" })).not.toBeInTheDocument();
  });

  test("searching sends q to the API, and the affiliation filter sends the affiliation", async () => {
    const api = peopleApi();
    const user = userEvent.setup();
    render();
    await screen.findByRole("link", { name: "Line Aasheim" });

    await user.type(screen.getByRole("searchbox", { name: "Søk" }), "sand");
    expect(await screen.findByRole("link", { name: "Marius Sandvik" })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("link", { name: "Line Aasheim" })).not.toBeInTheDocument());
    expect(api.made("GET", "/api/v1/people").at(-1)?.query.get("q")).toBe("sand");

    await user.clear(screen.getByRole("searchbox", { name: "Søk" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Tilknytning" }), "Tillitsvalgt");
    await waitFor(() =>
      expect(api.made("GET", "/api/v1/people").at(-1)?.query.getAll("affiliation")).toEqual(["union_representative"]),
    );
    expect(await screen.findByRole("link", { name: "Marius Sandvik" })).toBeInTheDocument();
  });

  test("the search and filter are read from the address", async () => {
    const api = peopleApi();
    render(`/p/${PROGRAMME_ID}/people?q=line&affiliation=employee`);
    expect(await screen.findByRole("link", { name: "Line Aasheim" })).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Søk" })).toHaveValue("line");
    expect(screen.getByRole("combobox", { name: "Tilknytning" })).toHaveValue("employee");
    const [first] = api.made("GET", "/api/v1/people");
    expect(first.query.get("q")).toBe("line");
    expect(first.query.getAll("affiliation")).toEqual(["employee"]);
  });
});
