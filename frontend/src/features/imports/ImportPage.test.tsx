import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportRead } from "../../api/queries/imports";
import { LOCALES, type Locale } from "../../i18n";
import { renderWithApp } from "../../test/render";
import ImportPage from "./ImportPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const IMPORT = "0193a0e4-7c1e-7000-8000-0000000000a1";

const anImport = (overrides: Partial<ImportRead> = {}): ImportRead => ({
  id: IMPORT,
  created_at: "2026-12-03T11:00:00Z",
  updated_at: "2026-12-03T11:00:00Z",
  version: 1,
  programme_id: PROGRAMME,
  resource: "people",
  filename: "personer-1.csv",
  file_format: "csv",
  mode: "all_or_nothing",
  dry_run: true,
  background: false,
  status: "succeeded",
  total_rows: 3,
  rows_done: 3,
  counts: { created: 3, updated: 0, unchanged: 0, failed: 0 },
  errors: [],
  errors_truncated: false,
  requested_by_user_id: null,
  started_at: "2026-12-03T11:00:00Z",
  finished_at: "2026-12-03T11:00:01Z",
  cancel_requested_at: null,
  ...overrides,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" },
  });

type Handler = (request: Request) => Response | Promise<Response>;

/** The API as the page meets it: an editor's session, no earlier imports, and `routes` for the rest. */
function stubApi(routes: Record<string, Handler>) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      const handler = routes[`${request.method} ${url.pathname}`];
      if (handler) return handler(request);
      if (url.pathname === "/api/v1/auth/me") {
        return json({ id: "u1", name: "Kari", system_admin: false, memberships: [{ programme_id: PROGRAMME, role: "editor", person_id: null }] });
      }
      if (url.pathname === "/api/v1/imports") return json({ items: [], next_cursor: null });
      if (url.pathname === "/api/v1/imports/templates") return json([]);
      return json({ title: "Not found", status: 404 }, 404);
    }),
  );
  return calls;
}

function renderPage(resource = "people", locale: Locale = "nb") {
  return renderWithApp(
    <Routes>
      <Route path="/p/:programmeId/import/:resource" element={<ImportPage />} />
    </Routes>,
    { route: `/p/${PROGRAMME}/import/${resource}`, locale },
  );
}

const csv = () => new File(["external_id;name\nhr-1;Kari\n"], "personer-1.csv", { type: "text/csv" });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the import page's strings", () => {
  it("are in bokmål, nynorsk and English with the same placeholders", async () => {
    const files = import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true });
    const by = Object.fromEntries(Object.entries(files).map(([path, m]) => [path.split("/").pop()!.replace(".json", ""), m.default]));
    const keys = new Set(LOCALES.flatMap((l) => Object.keys(by[l])));
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of LOCALES) {
      for (const key of keys) {
        expect(by[locale][key]?.trim(), `${locale} ${key}`).toBeTruthy();
        expect(names(by[locale][key]), `${locale} ${key}`).toEqual(names(by.nb[key]));
      }
    }
  });
});

describe("ImportPage", () => {
  it("tries a file without a key and shows what would happen, each row's error worded by its code", async () => {
    const calls = stubApi({
      "POST /api/v1/imports": () =>
        json(
          anImport({
            status: "failed",
            counts: { created: 1, updated: 0, unchanged: 0, failed: 2 },
            errors: [
              { row: 3, column: "affiliation", code: "enum", detail: "Input should be 'employee', ..." },
              { row: 4, column: "municipality_number", code: "unknown_municipality", detail: "not one of the programme's municipalities" },
            ],
          }),
          201,
        ),
    });
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Importer personer" })).toBeInTheDocument();
    await userEvent.upload(await screen.findByLabelText("Fil"), csv());
    await userEvent.click(screen.getByRole("button", { name: "Prøv (tørrkjøring)" }));

    const result = await screen.findByRole("region", { name: "Resultat av tørrkjøringen" });
    expect(within(result).getByRole("heading", { level: 2 })).toHaveFocus();
    expect(within(result).getByText("2 rader har feil. Ingenting er lagret.")).toBeInTheDocument();
    expect(within(result).getByText("Blir opprettet").nextSibling).toHaveTextContent("1");
    const rows = within(result).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "3affiliationVelg en av de tillatte verdiene.",
      "4municipality_numberEr ikke en av kommunene i programmet.",
    ]);

    const post = calls.find((c) => c.method === "POST")!;
    const url = new URL(post.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      programme_id: PROGRAMME,
      resource: "people",
      mode: "all_or_nothing",
      dry_run: "true",
    });
    expect(post.headers.get("idempotency-key")).toBeNull();
    const body = await post.text();
    expect(body).toContain('name="file"');
    expect(body).toContain("hr-1;Kari");
  });

  it("imports with one Idempotency-Key for the chosen file, sent again on a retry", async () => {
    let attempts = 0;
    const calls = stubApi({
      "POST /api/v1/imports": () => {
        attempts += 1;
        if (attempts === 1) return json({ title: "Too many requests", status: 429 }, 429);
        return json(anImport({ dry_run: false, mode: "valid_rows" }), 201);
      },
    });
    renderPage("people", "en");
    await userEvent.upload(await screen.findByLabelText("File"), csv());
    await userEvent.click(screen.getByRole("radio", { name: /Valid rows only/ }));
    await userEvent.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByText("The import is done.")).toBeInTheDocument();
    expect(screen.getByText("Created").nextSibling).toHaveTextContent("3");

    const posts = calls.filter((c) => c.method === "POST");
    expect(posts).toHaveLength(2);
    const key = posts[0].headers.get("idempotency-key");
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(posts[1].headers.get("idempotency-key")).toBe(key);
    expect(new URL(posts[1].url).searchParams.get("mode")).toBe("valid_rows");
    expect(new URL(posts[1].url).searchParams.get("dry_run")).toBe("false");
  });

  it("follows a background import with a progress bar until it ends, and can cancel it", async () => {
    let polls = 0;
    const calls = stubApi({
      "POST /api/v1/imports": () =>
        json(anImport({ dry_run: false, background: true, status: "queued", total_rows: null, rows_done: 0, counts: { created: 0, updated: 0, unchanged: 0, failed: 0 } }), 202),
      [`GET /api/v1/imports/${IMPORT}`]: () => {
        polls += 1;
        return polls < 2
          ? json(anImport({ dry_run: false, background: true, status: "running", total_rows: 2500, rows_done: 1200, counts: { created: 1200, updated: 0, unchanged: 0, failed: 0 } }))
          : json(anImport({ dry_run: false, background: true, status: "succeeded", total_rows: 2500, rows_done: 2500, counts: { created: 2500, updated: 0, unchanged: 0, failed: 0 } }));
      },
      [`POST /api/v1/imports/${IMPORT}/cancel`]: () =>
        json(anImport({ dry_run: false, background: true, status: "running", total_rows: 2500, rows_done: 1300, cancel_requested_at: "2026-12-03T11:00:02Z" })),
    });
    renderPage();
    await userEvent.upload(await screen.findByLabelText("Fil"), csv());
    await userEvent.click(screen.getByRole("button", { name: "Importer" }));
    const progress = await screen.findByRole("progressbar", { name: "Importen pågår" });
    await waitFor(() => expect(progress).toHaveAttribute("value", "1200"));
    expect(progress).toHaveAttribute("max", "2500");
    expect(screen.getByText("1 200 av 2 500 rader")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Avbryt" }));
    expect(calls.some((c) => c.method === "POST" && c.url.endsWith(`/imports/${IMPORT}/cancel`))).toBe(true);
    expect(await screen.findByText("Importen er ferdig.", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText("Opprettet").nextSibling).toHaveTextContent("2 500");
    expect(screen.queryByRole("progressbar")).toBeNull();
    // The Cancel button that had focus is gone: focus is on the result, not lost.
    expect(screen.getByRole("heading", { level: 2, name: "Resultat av importen" })).toHaveFocus();
  });

  it("names the column of a file it cannot read at all", async () => {
    stubApi({
      "POST /api/v1/imports": () =>
        json(
          {
            type: "https://samskap.no/problems/validation",
            title: "Invalid input",
            status: 422,
            errors: [{ pointer: "/file", code: "unknown_column", detail: "unknown column farge", params: { column: "farge" } }],
          },
          422,
        ),
    });
    renderPage("tasks", "nn");
    await userEvent.upload(await screen.findByLabelText("Fil"), csv());
    await userEvent.click(screen.getByRole("button", { name: "Prøv (tørrkøyring)" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Fila har ein kolonne som ikkje høyrer til her. Kolonne: «farge».");
    expect(alert).toHaveTextContent("Ingenting er lagra.");
  });

  it("asks for a file before sending anything", async () => {
    const calls = stubApi({});
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Prøv (tørrkjøring)" }));
    expect(screen.getByLabelText("Fil")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Velg en fil først.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("says a template it could not download is a file, worded by status", async () => {
    stubApi({
      "GET /api/v1/imports/templates/people.csv": () => json({ title: "Service unavailable", status: 503 }, 503),
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Mal som CSV" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Fikk ikke lastet ned filen.");
  });
});

describe("ImportPage for an observer", () => {
  it("explains who may import and offers no form, but the template", async () => {
    stubApi({
      "GET /api/v1/auth/me": () =>
        json({ id: "u2", name: "Ola", system_admin: false, memberships: [{ programme_id: PROGRAMME, role: "observer", person_id: null }] }),
      "GET /api/v1/imports/templates": () =>
        json([
          {
            resource: "people",
            description: "people",
            csv: "/api/v1/imports/templates/people.csv",
            xlsx: "/api/v1/imports/templates/people.xlsx",
            columns: [
              {
                name: "affiliation",
                header: "affiliation",
                required: false,
                description: "What the person is in the programme",
                type: "choice",
                accepted_values: [{ value: "employee", meaning: "an employee" }],
                default: "employee",
                norwegian_names: ["rolle", "tilknytning"],
                by_key: null,
                refers_to: null,
              },
            ],
          },
        ]),
    });
    renderPage();
    expect(await screen.findByText("Bare redaktører og programadministratorer kan importere filer i dette programmet.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Fil")).toBeNull();
    expect(screen.queryByRole("button", { name: "Importer" })).toBeNull();
    await userEvent.click(screen.getByText("Kolonnene", { selector: "summary" }));
    const row = (await screen.findByRole("table", { name: "Kolonnene" })).querySelector("tbody tr")!;
    expect(row.textContent).toBe("affiliationNeien av de tillatte verdieneemployeerolle, tilknytning");
  });
});
