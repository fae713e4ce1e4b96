import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Task } from "../../api/queries/tasks";
import { I18nProvider } from "../../i18n";
import TasksPage from "./TasksPage";


const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const PROJECT = "0193a0e4-7c1e-7000-8000-000000000002";

function task(overrides: Partial<Task>): Task {
  return {
    id: "0193a0e4-7c1e-7000-8000-00000000000a",
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-01T10:00:00Z",
    version: 3,
    programme_id: PROGRAMME,
    project_id: PROJECT,
    phase_id: null,
    group_id: null,
    parent_id: null,
    title: "Revidere arbeidsboken",
    description: null,
    assignee_id: null,
    status: "todo",
    priority: "normal",
    due_on: "2018-09-20",
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

function stubApi(tasks: Task[], { staleOnce = false } = {}) {
  const calls: Request[] = [];
  let stale = staleOnce;
  const fetchMock = vi.fn(async (request: Request) => {
    calls.push(request.clone());
    const url = new URL(request.url);
    if (url.pathname === "/api/v1/projects") {
      return json({ items: [{ id: PROJECT, code: "VO1", name: "Oppvekst" }], next_cursor: null });
    }
    if (url.pathname === "/api/v1/people") return json({ items: [], next_cursor: null });
    if (url.pathname === "/api/v1/tasks") {
      const status = url.searchParams.getAll("status");
      return json({ items: tasks.filter((t) => !status.length || status.includes(t.status)), next_cursor: null });
    }
    const match = /^\/api\/v1\/tasks\/(.+)$/.exec(url.pathname);
    if (match && request.method === "PATCH" && stale) {
      // Someone else changed the task meanwhile: it is now blocked, at version 4.
      stale = false;
      Object.assign(tasks.find((t) => t.id === match[1])!, { status: "blocked", version: 4 });
      return json({ title: "Precondition failed", status: 412 }, { status: 412 });
    }
    if (match && request.method === "GET") {
      const current = tasks.find((t) => t.id === match[1])!;
      return json(current, { headers: { etag: `"${current.version}"` } });
    }
    if (match && request.method === "PATCH") {
      const changes = await request.json();
      const current = tasks.find((t) => t.id === match[1])!;
      Object.assign(current, changes, { version: current.version + 1 });
      return json(current, { headers: { etag: `"${current.version}"` } });
    }
    return json({ title: "Not found", status: 404 }, { status: 404 });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/p/:programmeId/tasks" element={<TasksPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("TasksPage board", () => {
  it("shows a column per status, each a section with a heading and a list", async () => {
    stubApi([task({ status: "blocked" })]);
    renderAt(`/p/${PROGRAMME}/tasks?view=board`);
    for (const name of ["Å gjøre", "Pågår", "Blokkert", "Ferdig"]) {
      expect(await screen.findByRole("heading", { level: 2, name: new RegExp(`^${name}`) })).toBeInTheDocument();
    }
    const blocked = screen.getByRole("region", { name: /^Blokkert/ });
    expect(within(blocked).getByRole("listitem")).toHaveTextContent("Revidere arbeidsboken");
  });

  it("moving a task sends the new status with If-Match", async () => {
    const calls = stubApi([task({ status: "todo", version: 3 })]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/tasks?view=board`);

    const todo = await screen.findByRole("region", { name: /^Å gjøre/ });
    const card = await within(todo).findByRole("listitem");
    // One control per card: the menu offers the other statuses only.
    await user.click(within(card).getByRole("button", { name: /^Flytt til/ }));
    expect(within(card).queryByRole("button", { name: "Å gjøre" })).toBeNull();
    await user.click(within(card).getByRole("button", { name: "Ferdig" }));

    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(new URL(patch.url).pathname).toBe("/api/v1/tasks/0193a0e4-7c1e-7000-8000-00000000000a");
    expect(patch.headers.get("If-Match")).toBe('"3"');
    expect(patch.headers.get("content-type")).toBe("application/merge-patch+json");
    expect(await patch.json()).toEqual({ status: "done" });

    const done = screen.getByRole("region", { name: /^Ferdig/ });
    expect(await within(done).findByRole("heading", { level: 3, name: "Revidere arbeidsboken" })).toBeInTheDocument();
    expect(within(todo).queryByRole("listitem")).toBeNull();
    expect(screen.getByRole("status", { hidden: true })).toHaveTextContent("flyttet til Ferdig");
  });

  it("shows both versions when someone else moved the task first, and saves the choice", async () => {
    const calls = stubApi([task({ status: "todo", version: 3 })], { staleOnce: true });
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/tasks?view=board`);

    const card = await within(await screen.findByRole("region", { name: /^Å gjøre/ })).findByRole("listitem");
    await user.click(within(card).getByRole("button", { name: /^Flytt til/ }));
    await user.click(within(card).getByRole("button", { name: "Pågår" }));

    const dialog = await screen.findByRole("dialog", { name: "Noen andre har endret dette" });
    expect(within(dialog).getByRole("radio", { name: "Lagret nå: Blokkert" })).not.toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "Din endring: Pågår" })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Lagre valgene" }));

    await waitFor(() => expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(2));
    const retry = calls.filter((c) => c.method === "PATCH")[1];
    expect(retry.headers.get("If-Match")).toBe('"4"');
    expect(await retry.json()).toEqual({ status: "in_progress" });
    const moved = screen.getByRole("region", { name: /^Pågår/ });
    expect(await within(moved).findByRole("heading", { level: 3, name: "Revidere arbeidsboken" })).toBeInTheDocument();
  });

  it("keeps the view and the filters in the URL for the API", async () => {
    const calls = stubApi([]);
    renderAt(`/p/${PROGRAMME}/tasks?project=${PROJECT}&due_before=2018-12-31`);
    expect(await screen.findByText("Ingen oppgaver passer filtrene.")).toBeInTheDocument();
    const list = calls.map((c) => new URL(c.url)).find((u) => u.pathname === "/api/v1/tasks")!;
    expect(list.searchParams.get("programme_id")).toBe(PROGRAMME);
    expect(list.searchParams.get("project_id")).toBe(PROJECT);
    expect(list.searchParams.get("due_before")).toBe("2018-12-31");
    expect(list.searchParams.get("limit")).toBe("50");
  });
});

describe("TasksPage focus", () => {
  it("opens the task dialog on its first field and, after saving, puts focus on the saved task", async () => {
    const tasks = [task({})];
    stubApi(tasks);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/tasks`);
    const [edit] = await screen.findAllByRole("button", { name: /^Rediger\s*Revidere arbeidsboken$/ });
    await user.click(edit);
    const dialog = screen.getByRole("dialog");
    // The first field, not the dialog's close button.
    expect(document.activeElement).toBe(within(dialog).getByRole("combobox", { name: /^Prosjekt/ }));
    const title = within(dialog).getByRole("textbox", { name: /^Tittel/ });
    await user.clear(title);
    await user.type(title, "Revidere arbeidsboken på nytt");
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName(/Revidere arbeidsboken på nytt$/));
    expect(document.activeElement).toHaveAttribute("data-task", tasks[0].id);
  });

  it("gives focus back to the button that opened the dialog when it is cancelled", async () => {
    stubApi([]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/tasks`);
    const create = await screen.findByRole("button", { name: "Ny oppgave" });
    await user.click(create);
    expect(document.activeElement).toBe(within(screen.getByRole("dialog")).getByRole("combobox", { name: /^Prosjekt/ }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Avbryt" }));
    expect(document.activeElement).toBe(create);
  });

  it("switches between list and board with the arrow keys", async () => {
    stubApi([task({})]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/tasks`);
    const list = await screen.findByRole("radio", { name: "Liste" });
    expect(list).toBeChecked();
    list.focus();
    await user.keyboard("{ArrowRight}");
    const board = screen.getByRole("radio", { name: "Tavle" });
    expect(board).toBeChecked();
    expect(document.activeElement).toBe(board);
    expect(await screen.findByRole("region", { name: /^Å gjøre/ })).toBeInTheDocument();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("radio", { name: "Liste" })).toBeChecked();
    expect(await screen.findByRole("table")).toBeInTheDocument();
  });
});
