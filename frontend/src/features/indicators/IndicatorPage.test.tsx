import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Indicator, IndicatorSeries, SeriesPoint } from "../../api/queries/indicators";
import { I18nProvider, type Locale } from "../../i18n";
import IndicatorPage from "./IndicatorPage";
import IndicatorsPage from "./IndicatorsPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const GOAL = "0193a0e4-7c1e-7000-8000-000000000002";
const SOCIETAL = "0193a0e4-7c1e-7000-8000-000000000009";
const INDICATOR = "0193a0e4-7c1e-7000-8000-000000000003";
const FIRST = "0193a0e4-7c1e-7000-8000-000000000011";
const SECOND = "0193a0e4-7c1e-7000-8000-000000000012";

function indicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: INDICATOR,
    created_at: "2026-01-01T10:00:00Z",
    updated_at: "2026-01-01T10:00:00Z",
    version: 2,
    programme_id: PROGRAMME,
    goal_id: GOAL,
    name: "Opplevd medvirkning",
    description: null,
    unit: "snitt 1–5",
    direction: "higher_is_better",
    method: "survey",
    baseline_value: 3.1,
    baseline_on: "2013-10-15",
    baseline_measurement_id: FIRST,
    entered_baseline_value: null,
    entered_baseline_on: null,
    target_value: 4.2,
    target_on: "2016-12-31",
    interval_months: 12,
    external_id: null,
    latest_value: 3.65,
    latest_on: "2014-10-15",
    measurement_count: 2,
    next_measurement_due: "2015-10-15",
    follow_up_overdue: true,
    progress: 0.5,
    ...overrides,
  };
}

function point(overrides: Partial<SeriesPoint>): SeriesPoint {
  return {
    measurement_id: FIRST,
    measured_on: "2013-10-15",
    value: 3.1,
    respondents: 118,
    source: "Kartlegging 2013",
    note: null,
    is_baseline: true,
    marked_as_baseline: false,
    survey_round_id: null,
    version: 1,
    change_from_baseline: 0,
    change_from_previous: null,
    ...overrides,
  };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(init.status === 204 ? null : JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });

function stubApi(series: IndicatorSeries, answers: { measurement?: () => Response } = {}) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/goals") {
        return json({
          items: [{ id: GOAL, title: "Økt medvirkning i arbeidslagene", kind: "effect" }],
          next_cursor: null,
        });
      }
      if (url.pathname === `/api/v1/indicators/${INDICATOR}/series`) return json(series);
      if (url.pathname === "/api/v1/indicators") return json({ items: [series.indicator], next_cursor: null });
      if (url.pathname.startsWith("/api/v1/measurements")) {
        if (answers.measurement) return answers.measurement();
        return json({}, { status: request.method === "DELETE" ? 204 : request.method === "POST" ? 201 : 200 });
      }
      return json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

const twoPoints = (): IndicatorSeries => ({
  indicator: indicator(),
  points: [
    point({}),
    point({
      measurement_id: SECOND,
      measured_on: "2014-10-15",
      value: 3.65,
      respondents: null,
      source: null,
      is_baseline: false,
      version: 3,
      change_from_baseline: 0.55,
      change_from_previous: 0.55,
    }),
  ],
});

function renderAt(url: string, locale: Locale = "nb") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/p/:programmeId/indicators" element={<IndicatorsPage />} />
            <Route path="/p/:programmeId/indicators/:indicatorId" element={<IndicatorPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("IndicatorPage", () => {
  it("shows the measurements as a table with decimal commas and the chart in words", async () => {
    stubApi(twoPoints());
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Opplevd medvirkning" })).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Målinger av Opplevd medvirkning, eldste først" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText("Utgangspunkt")).toBeInTheDocument();
    expect(within(rows[1]).getByText("3,1 snitt 1–5")).toBeInTheDocument();
    expect(within(rows[1]).getByText("118")).toBeInTheDocument();
    expect(within(rows[2]).getByText("3,65 snitt 1–5")).toBeInTheDocument();
    expect(within(rows[2]).getAllByText("+0,55")).toHaveLength(2);
    const summary = screen.getByText(/2 målinger fra/);
    expect(summary.textContent).toContain("Siste måling: 3,65 snitt 1–5");
    expect(summary.textContent).toContain("Mål: 4,2 snitt 1–5 innen");
    expect(summary.textContent).toMatch(/Fremgang fra utgangspunkt mot mål: 50\s%/);
    expect(screen.getByText("Forfalt")).toBeInTheDocument();
    expect(screen.getByText(/den første målingen/)).toBeInTheDocument();
    expect(await screen.findByText("Økt medvirkning i arbeidslagene")).toBeInTheDocument();
  });

  it("writes English numbers with a decimal point", async () => {
    stubApi(twoPoints());
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`, "en");
    const table = await screen.findByRole("table", { name: "Measurements of Opplevd medvirkning, oldest first" });
    expect(within(table).getByText("3.65 snitt 1–5")).toBeInTheDocument();
  });

  it("adds a measurement typed with a decimal comma", async () => {
    const calls = stubApi(twoPoints());
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    await user.click(await screen.findByRole("button", { name: "Legg til måling" }));
    const dialog = await screen.findByRole("dialog", { name: "Ny måling" });
    await user.type(within(dialog).getByLabelText("Verdi (snitt 1–5)", { exact: false }), "3,9");
    await user.type(within(dialog).getByLabelText("Dato målt", { exact: false }), "2015-10-15");
    await user.type(within(dialog).getByLabelText("Antall svar"), "97");
    await user.click(within(dialog).getByRole("button", { name: "Legg til måling" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const post = calls.find((c) => c.method === "POST")!;
    expect(await post.json()).toEqual({
      indicator_id: INDICATOR,
      value: 3.9,
      measured_on: "2015-10-15",
      respondents: 97,
      source: null,
      note: null,
      is_baseline: false,
    });
    expect(await screen.findByText(/Målingen fra 15\. okt\. 2015 er lagt til\./)).toBeInTheDocument();
  });

  it("checks the form before sending and words the API's refusal by its code", async () => {
    const calls = stubApi(twoPoints(), {
      measurement: () =>
        json(
          {
            type: "https://samskap.no/problems/validation",
            title: "Invalid input",
            status: 422,
            errors: [{ pointer: "/measured_on", code: "in_future", detail: "not after today" }],
          },
          { status: 422, headers: { "content-type": "application/problem+json" } },
        ),
    });
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    await user.click(await screen.findByRole("button", { name: "Legg til måling" }));
    const dialog = await screen.findByRole("dialog", { name: "Ny måling" });
    await user.type(within(dialog).getByLabelText("Verdi (snitt 1–5)", { exact: false }), "tre");
    await user.click(within(dialog).getByRole("button", { name: "Legg til måling" }));
    expect(within(dialog).getByText("Skriv et tall, for eksempel 3,4.")).toBeInTheDocument();
    expect(within(dialog).getByText("Velg datoen for målingen.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    const value = within(dialog).getByLabelText("Verdi (snitt 1–5)", { exact: false });
    await user.clear(value);
    await user.type(value, "3");
    await user.type(within(dialog).getByLabelText("Dato målt", { exact: false }), "2014-01-01");
    await user.click(within(dialog).getByRole("button", { name: "Legg til måling" }));
    expect(
      await within(dialog).findByText(
        "En måling registreres når den er gjort; datoen kan ikke være etter i dag.",
      ),
    ).toBeInTheDocument();
  });

  it("marks another measurement as the baseline with its If-Match", async () => {
    const calls = stubApi(twoPoints());
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    expect(
      await screen.findByRole("button", { name: /Gjør målingen fra 15\. okt\. 2014 til utgangspunkt/ }),
    ).toBeInTheDocument();
    // The baseline itself offers no such button.
    expect(screen.queryByRole("button", { name: /Gjør målingen fra 15\. okt\. 2013/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: /Gjør målingen fra 15\. okt\. 2014 til utgangspunkt/ }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(new URL(patch.url).pathname).toBe(`/api/v1/measurements/${SECOND}`);
    expect(patch.headers.get("If-Match")).toBe('"3"');
    expect(await patch.json()).toEqual({ is_baseline: true });
  });

  it("deletes a measurement after asking, with its If-Match", async () => {
    const calls = stubApi(twoPoints());
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    await user.click(await screen.findByRole("button", { name: /Slett målingen fra 15\. okt\. 2013/ }));
    const dialog = await screen.findByRole("dialog", { name: /Slette målingen fra 15\. okt\. 2013\?/ });
    expect(within(dialog).getByText(/Målingen er utgangspunktet/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Slett" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
    const request = calls.find((c) => c.method === "DELETE")!;
    expect(request.headers.get("If-Match")).toBe('"1"');
  });

  it("says so when there are no measurements", async () => {
    stubApi({
      indicator: indicator({
        baseline_value: null,
        baseline_on: null,
        baseline_measurement_id: null,
        latest_value: null,
        latest_on: null,
        measurement_count: 0,
        progress: null,
      }),
      points: [],
    });
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    expect(await screen.findByText(/Ingen målinger ennå\. Ingen utgangspunkt\./)).toBeInTheDocument();
    expect(screen.getByText("Mangler utgangspunkt")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("IndicatorsPage and its dialog", () => {
  it("lists indicators against baseline and target and flags an overdue follow-up in words", async () => {
    stubApi(twoPoints());
    renderAt(`/p/${PROGRAMME}/indicators`);
    const table = await screen.findByRole("table", { name: "Indikatorer med siste måling, utgangspunkt og mål" });
    const row = within(table).getByRole("row", { name: /Opplevd medvirkning/ });
    expect(within(row).getByRole("link", { name: "Opplevd medvirkning" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/indicators/${INDICATOR}`,
    );
    expect(within(row).getByText(/3,65 snitt 1–5/)).toBeInTheDocument();
    expect(within(row).getByText("Forfalt")).toBeInTheDocument();
    expect(await within(row).findByText("Økt medvirkning i arbeidslagene")).toBeInTheDocument();
  });

  it("creates an indicator of an effect goal, and asks for value and date together", async () => {
    const calls = stubApi(twoPoints());
    vi.mocked(fetch).mockImplementationOnce(async () =>
      json({ items: [{ id: GOAL, title: "Økt medvirkning", kind: "effect" }, { id: SOCIETAL, title: "X", kind: "result" }], next_cursor: null }),
    );
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/indicators`);
    await user.click(await screen.findByRole("button", { name: "Ny indikator" }));
    const dialog = await screen.findByRole("dialog", { name: "Ny indikator" });
    await user.type(within(dialog).getByLabelText("Indikator", { exact: false }), "Trivsel");
    const goal = within(dialog).getByLabelText("Mål den måler", { exact: false });
    await waitFor(() => expect(within(goal).getAllByRole("option").length).toBeGreaterThan(1));
    await user.selectOptions(goal, GOAL);
    await user.type(within(dialog).getByLabelText("Mål (verdi)"), "4,2");
    await user.click(within(dialog).getByRole("button", { name: "Opprett indikator" }));
    expect(within(dialog).getByText("Fyll ut både verdi og dato, eller ingen av dem.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.type(within(dialog).getByLabelText("Mål (dato)"), "2016-12-31");
    await user.click(within(dialog).getByRole("button", { name: "Opprett indikator" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const body = await calls.find((c) => c.method === "POST")!.json();
    expect(body).toMatchObject({
      programme_id: PROGRAMME,
      goal_id: GOAL,
      name: "Trivsel",
      method: "survey",
      direction: "higher_is_better",
      target_value: 4.2,
      target_on: "2016-12-31",
      baseline_value: null,
      interval_months: null,
    });
  });

  it("edits an indicator with If-Match and, when someone saved first, shows their version and retries on it", async () => {
    const calls: Request[] = [];
    const series = twoPoints();
    let patches = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        calls.push(request.clone());
        const url = new URL(request.url);
        if (url.pathname === "/api/v1/goals") {
          return json({ items: [{ id: GOAL, title: "Økt medvirkning", kind: "effect" }], next_cursor: null });
        }
        if (url.pathname === `/api/v1/indicators/${INDICATOR}/series`) return json(series);
        if (url.pathname === `/api/v1/indicators/${INDICATOR}` && request.method === "PATCH") {
          patches += 1;
          if (patches === 1) {
            return json({ status: 412, title: "Precondition failed" }, { status: 412 });
          }
          return json(indicator({ version: 4, name: "Medvirkning" }), { headers: { etag: '"4"' } });
        }
        if (url.pathname === `/api/v1/indicators/${INDICATOR}`) {
          return json(indicator({ version: 3, unit: "%" }), { headers: { etag: '"3"' } });
        }
        return json({ title: "Not found", status: 404 }, { status: 404 });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/indicators/${INDICATOR}`);
    await user.click(await screen.findByRole("button", { name: "Rediger indikator" }));
    const dialog = await screen.findByRole("dialog", { name: "Rediger indikator" });
    const name = within(dialog).getByLabelText("Indikator", { exact: false });
    await user.clear(name);
    await user.type(name, "Medvirkning");
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));
    expect(await within(dialog).findByText(/Noen andre har endret dette i mellomtiden/)).toBeInTheDocument();
    const first = calls.find((c) => c.method === "PATCH")!;
    expect(first.headers.get("If-Match")).toBe('"2"');
    expect(await first.json()).toEqual({ name: "Medvirkning" });
    // The form now shows what the other saved (the unit), and the name is typed again.
    expect(within(dialog).getByLabelText("Enhet", { exact: false })).toHaveValue("%");
    await user.clear(name);
    await user.type(name, "Medvirkning");
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(2));
    const second = calls.filter((c) => c.method === "PATCH")[1];
    expect(second.headers.get("If-Match")).toBe('"3"');
    expect(await second.json()).toEqual({ name: "Medvirkning" });
  });
});
