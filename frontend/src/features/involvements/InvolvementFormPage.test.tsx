import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../../i18n";
import InvolvementFormPage from "./InvolvementFormPage";
import InvolvementsPage from "./InvolvementsPage";


const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const KARI = "0193a0e4-7c1e-7000-8000-000000000003";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" },
  });

function stubApi(answerPost: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/people") {
        return json({ items: [{ id: KARI, name: "Kari Nordmann" }], next_cursor: null });
      }
      if (url.pathname === "/api/v1/projects" || url.pathname === "/api/v1/groups") {
        return json({ items: [], next_cursor: null });
      }
      if (url.pathname === "/api/v1/involvements" && request.method === "POST") {
        const body = await request.json();
        posted.push(body);
        return answerPost(body);
      }
      if (url.pathname === "/api/v1/involvements") return json({ items: [], next_cursor: null });
      return json({ title: "Not found", status: 404 }, 404);
    }),
  );
  return posted;
}

function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/p/${PROGRAMME}/involvements/new`]}>
          <Routes>
            <Route path="/p/:programmeId/involvements/new" element={<InvolvementFormPage />} />
            <Route path="/p/:programmeId/involvements" element={<InvolvementsPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(await screen.findByLabelText("Hvem ble involvert"), "union_representatives");
  await user.click(await screen.findByRole("checkbox", { name: "Kari Nordmann" }));
  await user.selectOptions(screen.getByLabelText("Medvirkningsform"), "consultation");
  await user.type(screen.getByRole("textbox", { name: /^Saken/ }), "Forslag til organisering av oppvekst");
  await user.type(screen.getByRole("textbox", { name: /^Hva ble sagt/ }), "Ønsker tydeligere ledernivåer.");
}

afterEach(() => vi.unstubAllGlobals());

describe("InvolvementFormPage", () => {
  it("shows the field errors of a 422 problem next to their fields and in a summary", async () => {
    stubApi(() =>
      json(
        {
          type: "https://samskap.no/problems/validation",
          title: "Invalid input",
          status: 422,
          detail: "occurred_on: an involvement is recorded once it has happened",
          errors: [
            { pointer: "/occurred_on", code: "in_future", detail: "an involvement is recorded once it has happened" },
            {
              pointer: "/matter",
              code: "string_too_long",
              params: { max_length: "20000" },
              detail: "String should have at most 20000 characters",
            },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderForm();
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Lagre medvirkningen" }));

    const date = screen.getByLabelText("Dato");
    await waitFor(() => expect(date).toHaveAttribute("aria-invalid", "true"));
    const dateField = date.closest("ds-field") as HTMLElement;
    expect(within(dateField).getByText(/Datoen kan ikke være fram i tid/)).toBeInTheDocument();
    const matter = screen.getByRole("textbox", { name: /^Saken/ });
    expect(matter).toHaveAttribute("aria-invalid", "true");
    // The limit is written as Norwegian writes numbers.
    expect(within(matter.closest("ds-field") as HTMLElement).getByText(/^Kan ha høyst 20\s000 tegn\.$/)).toBeInTheDocument();

    const summary = screen.getByRole("heading", { name: "Rett opp dette før du lagrer:" }).parentElement!;
    const links = within(summary).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["#involvement-occurred-on", "#involvement-matter"]);
    expect(date).toHaveAttribute("id", "involvement-occurred-on");
  });

  it("asks for participants or a head count before sending anything", async () => {
    const posted = stubApi(() => json({}, 201));
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(await screen.findByLabelText("Hvem ble involvert"), "employees");
    await user.click(screen.getByRole("button", { name: "Lagre medvirkningen" }));
    expect(await screen.findAllByText("Velg deltakere eller oppgi hvor mange som deltok.")).toHaveLength(2);
    expect(screen.getAllByText("Velg hvordan de ble involvert.")).toHaveLength(2);
    expect(posted).toHaveLength(0);
  });

  it("posts the involvement and returns to the log", async () => {
    const posted = stubApi((body) => json({ ...body, id: "x" }, 201));
    const user = userEvent.setup();
    renderForm();
    await fillIn(user);
    await user.type(screen.getByLabelText(/^Antall deltakere/), "6");
    await user.click(screen.getByRole("button", { name: "Lagre medvirkningen" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Medvirkning" })).toBeInTheDocument();
    expect(screen.getByText("Medvirkningen om «Forslag til organisering av oppvekst» er registrert.")).toBeInTheDocument();
    expect(posted[0]).toMatchObject({
      programme_id: PROGRAMME,
      stakeholder_kind: "union_representatives",
      participant_ids: [KARI],
      head_count: 6,
      form: "consultation",
      matter: "Forslag til organisering av oppvekst",
      statements: "Ønsker tydeligere ledernivåer.",
      outcome: null,
    });
    expect(posted[0].occurred_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
