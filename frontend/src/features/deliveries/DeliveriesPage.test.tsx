import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeliveryMatrix, MatrixCell } from "../../api/queries/deliveries";
import { I18nProvider, type Locale } from "../../i18n";
import DeliveriesPage from "./DeliveriesPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const VO1 = "0193a0e4-7c1e-7000-8000-000000000101";
const VO2 = "0193a0e4-7c1e-7000-8000-000000000102";

function cell(label: string, submission: string, overrides: Partial<MatrixCell> = {}): MatrixCell {
  return {
    label,
    version_id: `0193a0e4-7c1e-7000-8000-00000000${label.padStart(4, "0")}`,
    submission_id: submission,
    status: "submitted",
    deadline_id: null,
    due_at: "2018-10-05T10:00:00Z",
    submitted_at: "2018-10-05T09:00:00Z",
    delivery: "on_time",
    late_by_seconds: null,
    ...overrides,
  };
}

const matrix: DeliveryMatrix = {
  programme_id: PROGRAMME,
  template_id: null,
  computed_at: "2018-12-01T10:00:00Z",
  versions: [
    { label: "1", position: 1 },
    { label: "2", position: 2 },
    { label: "3", position: 3 },
  ],
  areas: [
    {
      kind: "project",
      id: "0193a0e4-7c1e-7000-8000-000000000201",
      code: "VO1",
      name: "Oppvekst",
      submission_id: VO1,
      submission_title: "Arbeidsbok Oppvekst",
      cells: [
        cell("1", VO1),
        cell("2", VO1, { delivery: "late", late_by_seconds: 4 * 86400 + 60 }),
        cell("3", VO1, { status: "draft", submitted_at: null, delivery: "missing" }),
      ],
    },
    {
      kind: "project",
      id: "0193a0e4-7c1e-7000-8000-000000000202",
      code: "VO2",
      name: "Helse",
      submission_id: VO2,
      submission_title: "Arbeidsbok Helse",
      cells: [
        cell("1", VO2),
        cell("2", VO2, { delivery: "waived", status: "draft", submitted_at: null }),
        { ...cell("3", VO2), version_id: null, status: null, due_at: null, submitted_at: null, delivery: "none" },
      ],
    },
  ],
};

function stubApi(answer: DeliveryMatrix) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      calls.push(url.pathname + url.search);
      if (url.pathname === "/api/v1/delivery-matrix") {
        return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
      }
      return new Response("{}", { status: 404, headers: { "content-type": "application/problem+json" } });
    }),
  );
  return calls;
}

function renderPage(locale: Locale = "nb") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/p/${PROGRAMME}/deliveries`]}>
          <Routes>
            <Route path="/p/:programmeId/deliveries" element={<DeliveriesPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("DeliveriesPage", () => {
  it("shows areas by versions, each cell in words, linking to the workbook", async () => {
    const calls = stubApi(matrix);
    renderPage();
    const table = await screen.findByRole("table", { name: "Leveranser per område og versjon" });
    expect(calls).toContain(`/api/v1/delivery-matrix?programme_id=${PROGRAMME}`);
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Område",
      "Versjon 1",
      "Versjon 2",
      "Versjon 3",
    ]);
    expect(within(table).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["VO1 Oppvekst", "VO2 Helse"]);
    const [, oppvekst, helse] = within(table).getAllByRole("row");
    expect(within(oppvekst).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "✓I tide",
      "!For sent (4 dager)",
      "✕Mangler",
    ]);
    expect(within(helse).getAllByRole("cell").map((c) => c.textContent)).toEqual(["✓I tide", "–Fritatt", "Ingen versjon"]);
    const late = within(oppvekst).getByRole("link", { name: "VO1, versjon 2: For sent (4 dager). Åpne arbeidsboken" });
    expect(late).toHaveAttribute("href", `/p/${PROGRAMME}/submissions/${VO1}`);
    // An area with no such version has no link.
    expect(within(helse).getAllByRole("link")).toHaveLength(2);
    // The table scrolls in its own labelled region.
    expect(screen.getByRole("region", { name: "Leveranser per område og versjon" })).toHaveAttribute("tabindex", "0");
  });

  it("filters to the areas with something late or missing", async () => {
    stubApi(matrix);
    renderPage();
    await screen.findByRole("table");
    await userEvent.click(screen.getByRole("checkbox", { name: "Vis bare for sent eller mangler" }));
    expect(screen.getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["VO1 Oppvekst"]);
  });

  it("has a legend and speaks nynorsk and English", async () => {
    stubApi(matrix);
    const { unmount } = renderPage("nn");
    const legend = await screen.findByRole("region", { name: "Forklaring" });
    expect(within(legend).getAllByRole("listitem").map((i) => i.textContent)).toEqual([
      "✓I tide",
      "!For seint",
      "✕Manglar",
      "…Ventar",
      "–Fritatt",
    ]);
    unmount();
    renderPage("en");
    const table = await screen.findByRole("table", { name: "Deliveries by area and version" });
    expect(within(table).getAllByText("Late (4 days)")).toHaveLength(1);
  });

  it("says so when no area has a submission", async () => {
    stubApi({ ...matrix, versions: [], areas: [] });
    renderPage();
    expect(await screen.findByText("Ingen områder har innspill ennå.")).toBeInTheDocument();
  });
});
