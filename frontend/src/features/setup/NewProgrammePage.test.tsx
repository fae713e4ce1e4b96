import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render";
import NewProgrammePage from "./NewProgrammePage";

const json = (body: unknown, status = 200, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

const SKI = { number: "0213", name: "Ski", county: "Akershus", valid_from: "2013-01-01", valid_to: "2019-12-31" };

function stubApi(answer: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/auth/me")
        return json({ id: "u1", email: "admin@x.no", name: "Admin", system_admin: true, via: "password", memberships: [] });
      if (url.pathname === "/api/v1/municipalities")
        return json({ items: url.searchParams.get("q") === "0213" ? [SKI] : [], next_cursor: null });
      if (url.pathname === "/api/v1/programmes" && request.method === "POST") {
        const body = await request.json();
        posted.push(body);
        return answer(body);
      }
      if (url.pathname === "/api/v1/programmes") return json({ items: [], next_cursor: null });
      return json({ title: "Not Found" }, 404);
    }),
  );
  return posted;
}

function renderPage() {
  return renderWithApp(
    <Routes>
      <Route path="/programmes/new" element={<NewProgrammePage />} />
      <Route path="/p/:programmeId" element={<p>Programmet er åpnet</p>} />
    </Routes>,
    { route: "/programmes/new" },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("NewProgrammePage", () => {
  it("sends the municipalities chosen from the list and the template, then opens the programme", async () => {
    const posted = stubApi(() => json({ id: "p1" }, 201));
    renderPage();
    await userEvent.type(await screen.findByLabelText("Navn på programmet"), "Nordre Follo 2020");
    await userEvent.type(screen.getByLabelText("Søk etter kommune"), "0213");
    await userEvent.click(await screen.findByRole("button", { name: /^Legg til Ski \(0213\), Akershus/ }));
    await userEvent.click(screen.getByRole("radio", { name: "Mal for kommunesammenslåing" }));
    await userEvent.click(screen.getByRole("button", { name: "Opprett program" }));
    expect(await screen.findByText("Programmet er åpnet")).toBeInTheDocument();
    expect(posted).toEqual([
      expect.objectContaining({
        name: "Nordre Follo 2020",
        municipalities: [{ name: "Ski", number: "0213" }],
        template: "merger",
      }),
    ]);
  });

  it("asks for the name before sending anything", async () => {
    const posted = stubApi(() => json({ id: "p1" }, 201));
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Opprett program" }));
    expect(await screen.findByText("Skriv inn navnet på programmet.")).toBeInTheDocument();
    expect(screen.getByLabelText("Navn på programmet")).toHaveAttribute("aria-invalid", "true");
    expect(posted).toEqual([]);
  });

  it("shows the API's error about a municipality at the municipalities", async () => {
    stubApi(() =>
      json(
        {
          type: "https://samskap.no/problems/validation",
          title: "Invalid input",
          status: 422,
          errors: [
            {
              pointer: "/municipalities/0/name",
              code: "municipality_name_mismatch",
              detail: "municipality 0213 is called Ski on the official list",
              params: { number: "0213", name: "Ski" },
            },
          ],
        },
        422,
        "application/problem+json",
      ),
    );
    renderPage();
    await userEvent.type(await screen.findByLabelText("Navn på programmet"), "Feil");
    await userEvent.click(screen.getByRole("button", { name: "Opprett program" }));
    const message = await screen.findByText("Kommunenummeret har et annet navn i den offisielle kommunelisten: Ski.");
    expect(message.closest("fieldset")).toHaveTextContent("Kommuner");
  });
});
