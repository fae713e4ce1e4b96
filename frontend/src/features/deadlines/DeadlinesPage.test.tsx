import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Deadline } from "../../api/queries/deadlines";
import { I18nProvider } from "../../i18n";
import DeadlinesPage from "./DeadlinesPage";


const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const PERSON = "0193a0e4-7c1e-7000-8000-000000000003";
const GATHERING = "0193a0e4-7c1e-7000-8000-0000000000e1";

let serial = 0;
function deadline(overrides: Partial<Deadline>): Deadline {
  serial += 1;
  return {
    id: `0193a0e4-7c1e-7000-8000-0000000001${String(serial).padStart(2, "0")}`,
    created_at: "2018-08-01T10:00:00Z",
    updated_at: "2018-08-01T10:00:00Z",
    version: 1,
    programme_id: PROGRAMME,
    project_id: null,
    group_id: null,
    title: "Frist",
    description: null,
    due_at: "2018-09-20T12:00:00+02:00",
    responsible_person_id: PERSON,
    responsible_group_id: null,
    recipient_id: null,
    event_id: null,
    kind: "submission",
    status: "open",
    submitted_at: null,
    overdue: false,
    submitted_late: false,
    late_by_seconds: null,
    delivery: "pending",
    external_id: null,
    ...overrides,
  };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });

function stubApi(deadlines: Deadline[]) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/people") {
        return json({ items: [{ id: PERSON, name: "Kari Nordmann" }], next_cursor: null });
      }
      if (url.pathname === "/api/v1/events") {
        return json({
          items: [{ id: GATHERING, title: "Samling 1", starts_at: "2018-09-06T07:00:00Z" }],
          next_cursor: null,
        });
      }
      if (url.pathname === "/api/v1/projects" || url.pathname === "/api/v1/groups") {
        return json({ items: [], next_cursor: null });
      }
      if (url.pathname === "/api/v1/deadlines") {
        const overdue = url.searchParams.get("overdue") === "true";
        const late = url.searchParams.get("submitted_late") === "true";
        const event = url.searchParams.get("event_id");
        return json({
          items: deadlines.filter(
            (d) => (!overdue || d.overdue) && (!late || d.submitted_late) && (!event || d.event_id === event),
          ),
          next_cursor: null,
        });
      }
      const match = /^\/api\/v1\/deadlines\/(.+)$/.exec(url.pathname);
      if (match && request.method === "PATCH") {
        const current = deadlines.find((d) => d.id === match[1])!;
        Object.assign(current, await request.json(), { version: current.version + 1, overdue: false });
        return json(current, { headers: { etag: `"${current.version}"` } });
      }
      return json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/p/:programmeId/deadlines" element={<DeadlinesPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

const dayCell = (table: HTMLElement, day: number) =>
  within(table)
    .getAllByRole("cell")
    .find((cell) => cell.querySelector("span")?.textContent?.trim() === String(day))!;

afterEach(() => vi.unstubAllGlobals());

describe("DeadlinesPage calendar", () => {
  it("places a deadline on its date in Oslo, not in UTC", async () => {
    const calls = stubApi([
      deadline({ title: "Sent på kvelden", due_at: "2018-09-06T23:30:00+02:00" }),
      // The API answers in UTC: 22:30 on the 6th there is 00:30 on the 7th in Oslo.
      deadline({ title: "Like over midnatt", due_at: "2018-09-06T22:30:00Z" }),
    ]);
    renderAt(`/p/${PROGRAMME}/deadlines?view=calendar&month=2018-09`);

    const table = await screen.findByRole("table", { name: "Frister i september 2018" });
    expect(screen.getByRole("heading", { level: 2, name: "September 2018" })).toBeInTheDocument();
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers[0]).toContain("mandag");
    expect(headers[6]).toContain("søndag");

    await waitFor(() => expect(within(dayCell(table, 6)).getByText("Sent på kvelden")).toBeInTheDocument());
    expect(within(dayCell(table, 6)).getByText("23:30")).toBeInTheDocument();
    expect(within(dayCell(table, 7)).getByText("Like over midnatt")).toBeInTheDocument();
    expect(within(dayCell(table, 7)).getByText("00:30")).toBeInTheDocument();
    expect(within(dayCell(table, 6)).queryByText("Like over midnatt")).toBeNull();
    // 1 September 2018 was a Saturday: five empty cells lead the first week.
    const firstWeek = within(table).getAllByRole("row")[1];
    expect(within(firstWeek).getAllByRole("cell").slice(0, 6).map((c) => c.textContent)).toEqual([
      "", "", "", "", "", "1",
    ]);

    const list = calls.map((c) => new URL(c.url)).find((u) => u.searchParams.has("due_after"))!;
    expect(list.searchParams.get("due_after")).toBe("2018-09-01T00:00:00");
    expect(list.searchParams.get("due_before")).toBe("2018-10-01T00:00:00");
  });

  it("moves between months with the previous and next buttons", async () => {
    stubApi([]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/deadlines?view=calendar&month=2019-01`);
    await screen.findByRole("table", { name: "Frister i januar 2019" });
    await user.click(screen.getByRole("button", { name: /Forrige måned/ }));
    expect(await screen.findByRole("table", { name: "Frister i desember 2018" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Neste måned/ }));
    await user.click(screen.getByRole("button", { name: /Neste måned/ }));
    expect(await screen.findByRole("table", { name: "Frister i februar 2019" })).toBeInTheDocument();
  });
});

describe("DeadlinesPage view switch", () => {
  it("changes between list and calendar with the arrow keys, the chosen view the only Tab stop", async () => {
    stubApi([]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/deadlines?month=2019-01`);
    const list = await screen.findByRole("radio", { name: "Liste" });
    expect(list).toBeChecked();
    list.focus();
    await user.keyboard("{ArrowRight}");
    const calendar = screen.getByRole("radio", { name: "Kalender" });
    expect(calendar).toBeChecked();
    expect(document.activeElement).toBe(calendar);
    expect(await screen.findByRole("table", { name: "Frister i januar 2019" })).toBeInTheDocument();
    await user.keyboard("{Home}");
    expect(screen.getByRole("radio", { name: "Liste" })).toBeChecked();
    expect(screen.queryByRole("table", { name: "Frister i januar 2019" })).toBeNull();
  });
});

describe("DeadlinesPage list", () => {
  it("flags overdue deadlines in words and counts them", async () => {
    stubApi([
      deadline({ title: "Arbeidsbok versjon 2", overdue: true, due_at: "2018-10-04T12:00:00+02:00" }),
      deadline({ title: "Presentasjon", status: "submitted", submitted_at: "2018-09-06T21:00:00+02:00" }),
    ]);
    renderAt(`/p/${PROGRAMME}/deadlines`);

    const table = await screen.findByRole("table", { name: "Frister, tidligste først" });
    const late = within(table).getByRole("row", { name: /Arbeidsbok versjon 2/ });
    expect(within(late).getByText("Forfalt")).toBeInTheDocument();
    const done = within(table).getByRole("row", { name: /Presentasjon/ });
    expect(within(done).queryByText("Forfalt")).toBeNull();
    expect(within(done).getByText("Levert")).toBeInTheDocument();
    expect(await screen.findByText("Én frist har gått ut uten å være levert.")).toBeInTheDocument();
  });

  it("says in words that a deadline was met late, and by how much, and lists only those on request", async () => {
    const calls = stubApi([
      deadline({
        title: "Arbeidsbok versjon 2: Digitalisering",
        status: "submitted",
        due_at: "2018-10-04T12:00:00+02:00",
        submitted_at: "2018-10-08T09:40:00+02:00",
        submitted_late: true,
        late_by_seconds: ((3 * 24 + 21) * 60 + 40) * 60,
      }),
      deadline({ title: "Presentasjon", status: "submitted", submitted_at: "2018-09-06T21:00:00+02:00" }),
    ]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/deadlines`);

    const table = await screen.findByRole("table", { name: "Frister, tidligste først" });
    const late = within(table).getByRole("row", { name: /Digitalisering/ });
    expect(within(late).getByText("Levert 3 dager for sent")).toBeInTheDocument();
    expect(within(late).queryByText("Forfalt")).toBeNull();
    const onTime = within(table).getByRole("row", { name: /Presentasjon/ });
    expect(within(onTime).queryByText(/for sent/)).toBeNull();

    await user.click(screen.getByRole("checkbox", { name: "Bare levert for sent" }));
    await waitFor(() =>
      expect(calls.some((c) => new URL(c.url).searchParams.get("submitted_late") === "true")).toBe(true),
    );
    const filtered = await screen.findByRole("table", { name: "Frister, tidligste først" });
    await waitFor(() => expect(within(filtered).queryByRole("row", { name: /Presentasjon/ })).toBeNull());
    expect(within(filtered).getByRole("row", { name: /Digitalisering/ })).toBeInTheDocument();
  });

  it("marks a deadline submitted with If-Match", async () => {
    const calls = stubApi([deadline({ title: "Arbeidsbok versjon 2", overdue: true, version: 4 })]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/deadlines`);
    await user.click(await screen.findByRole("button", { name: "Marker som levert: Arbeidsbok versjon 2" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"4"');
    expect(await patch.json()).toEqual({ status: "submitted" });
    expect(await screen.findByText("«Arbeidsbok versjon 2» er markert som levert.")).toBeInTheDocument();
  });
});

describe("DeadlinesPage tasks of a gathering", () => {
  it("lists only the tasks given at the gathering named in the address, and can show all again", async () => {
    const calls = stubApi([
      deadline({ title: "Oppgave 2b", event_id: GATHERING }),
      deadline({ title: "Uten samling" }),
    ]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/deadlines?event=${GATHERING}`);
    expect(await screen.findByRole("rowheader", { name: "Oppgave 2b" })).toBeInTheDocument();
    expect(screen.queryByRole("rowheader", { name: "Uten samling" })).toBeNull();
    const filter = screen.getByRole("combobox", { name: "Gitt på samling eller møte" });
    await waitFor(() => expect(filter).toHaveValue(GATHERING));
    expect(within(filter).getByRole("option", { name: "Samling 1 (6. sep. 2018)" })).toBeInTheDocument();
    const listed = calls.map((c) => new URL(c.url)).filter((u) => u.pathname === "/api/v1/deadlines");
    expect(listed.some((u) => u.searchParams.get("event_id") === GATHERING)).toBe(true);
    await user.selectOptions(filter, "");
    expect(await screen.findByRole("rowheader", { name: "Uten samling" })).toBeInTheDocument();
  });
});
