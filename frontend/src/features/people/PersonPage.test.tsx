import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { aPerson, aProgramme, fakeApi, me, problem, PROGRAMME_ID, renderPage, type ApiCall } from "../projects/testing";
import PersonPage from "./PersonPage";

type Person = Schemas["PersonRead"];

const PERSON = `/api/v1/people/${aPerson().id}`;

/** A person record the fake API keeps, with versions and If-Match as the real one does. */
function personApi(start: Person) {
  const state = { current: start };
  const api = fakeApi({
    "GET /api/v1/auth/me": me(),
    [`GET /api/v1/programmes/${PROGRAMME_ID}`]: { body: aProgramme() },
    [`GET ${PERSON}`]: () => ({ body: state.current, etag: `"${state.current.version}"` }),
    [`PATCH ${PERSON}`]: (call: ApiCall) => {
      if (call.ifMatch !== `"${state.current.version}"`) return problem(412);
      const body = call.body as Partial<Person>;
      if (body.email === "ikke-en-adresse") {
        return problem(422, [
          {
            pointer: "/email",
            code: "value_error",
            params: { reason: "An email address must have an @-sign." },
            detail: "value is not a valid email address: An email address must have an @-sign.",
          },
        ]);
      }
      state.current = { ...state.current, ...body, version: state.current.version + 1 };
      return { body: state.current, etag: `"${state.current.version}"` };
    },
  });
  return { ...api, state };
}

const render = () =>
  renderPage(<PersonPage />, {
    route: "/p/:programmeId/people/:personId",
    url: `/p/${PROGRAMME_ID}/people/${aPerson().id}`,
  });

afterEach(() => vi.unstubAllGlobals());

describe("PersonPage", () => {
  test("shows the person's details, without a union when the API leaves it out", async () => {
    personApi(aPerson({ email: "line@nordrefollo.example" }));
    render();
    expect(await screen.findByRole("heading", { level: 1, name: "Line Aasheim" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "line@nordrefollo.example" })).toHaveAttribute(
      "href",
      "mailto:line@nordrefollo.example",
    );
    expect(await screen.findByText("Oppegård")).toBeInTheDocument();
    expect(screen.getByText("Ansatt")).toBeInTheDocument();
    expect(screen.queryByText("Fagforening")).not.toBeInTheDocument();
  });

  test("a union the API returns is shown with the special-category hint, and is editable", async () => {
    personApi(aPerson({ affiliation: "union_representative", union: "Fagforbundet" }));
    const user = userEvent.setup();
    render();
    expect(await screen.findByText("Fagforbundet")).toBeInTheDocument();
    expect(screen.getByText(/særlig kategori personopplysninger/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Rediger personopplysninger" }));
    expect(screen.getByRole("textbox", { name: "Fagforening" })).toHaveValue("Fagforbundet");
  });

  test("saving sends only the changed fields with If-Match, and shows the result", async () => {
    const api = personApi(aPerson());
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger personopplysninger" }));
    expect(screen.queryByRole("textbox", { name: "Fagforening" })).not.toBeInTheDocument();
    const title = screen.getByRole("textbox", { name: "Stillingstittel" });
    await user.clear(title);
    await user.type(title, "Direktør oppvekst");
    await user.selectOptions(screen.getByRole("combobox", { name: "Kommune" }), "Ski");
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    expect(await screen.findByText("Direktør oppvekst")).toBeInTheDocument();
    const [patch] = api.made("PATCH", PERSON);
    expect(patch.ifMatch).toBe('"1"');
    expect(patch.body).toEqual({ title: "Direktør oppvekst", municipality_number: "0213" });
  });

  test("the API's field errors are shown next to the field", async () => {
    personApi(aPerson());
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger personopplysninger" }));
    await user.type(screen.getByRole("textbox", { name: "E-post" }), "ikke-en-adresse");
    await user.click(screen.getByRole("button", { name: "Lagre" }));
    const email = screen.getByRole("textbox", { name: "E-post" });
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Skriv en gyldig e-postadresse.");
  });

  test("an empty name is refused before the API", async () => {
    const api = personApi(aPerson());
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger personopplysninger" }));
    await user.clear(screen.getByRole("textbox", { name: "Navn" }));
    await user.click(screen.getByRole("button", { name: "Lagre" }));
    expect(screen.getByRole("textbox", { name: "Navn" })).toHaveAccessibleDescription("Skriv inn navnet.");
    expect(api.made("PATCH", PERSON)).toHaveLength(0);
  });

  test("when someone else saved meanwhile, the user chooses per field and the choice is saved", async () => {
    const api = personApi(aPerson());
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger personopplysninger" }));
    const title = screen.getByRole("textbox", { name: "Stillingstittel" });
    await user.clear(title);
    await user.type(title, "Direktør oppvekst");
    // Another user renames the title while the form is open.
    api.state.current = { ...api.state.current, title: "Kommunalsjef oppvekst", version: 2 };
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: "Lagret nå: Kommunalsjef oppvekst" }));
    await user.click(within(dialog).getByRole("radio", { name: "Din endring: Direktør oppvekst" }));
    await user.click(within(dialog).getByRole("button", { name: "Lagre valgene" }));

    expect(await screen.findByText("Direktør oppvekst")).toBeInTheDocument();
    const [first, second] = api.made("PATCH", PERSON);
    expect(first.ifMatch).toBe('"1"');
    expect(second.ifMatch).toBe('"2"');
    expect(second.body).toEqual({ title: "Direktør oppvekst" });
  });
});
