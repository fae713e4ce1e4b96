import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { exportUrl, fallbackFilename, filenameFrom } from "../api/queries/exports";
import { renderWithApp } from "../test/render";
import { ExportButton } from "./ExportButton";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const PROJECT = "0193a0e4-7c1e-7000-8000-000000000002";

describe("exportUrl", () => {
  it("sends the list's filters, repeats lists, leaves out what is empty and paging, and names the format", () => {
    const url = exportUrl(
      "/api/v1/tasks",
      {
        programme_id: [PROGRAMME],
        status: ["todo", "blocked"],
        assignee_id: undefined,
        q: "",
        overdue: true,
        sort: "due_on",
        limit: 50,
        cursor: "abc",
      },
      "xlsx",
    );
    const parsed = new URL(url, "http://localhost");
    expect(parsed.pathname).toBe("/api/v1/tasks");
    expect(parsed.searchParams.getAll("programme_id")).toEqual([PROGRAMME]);
    expect(parsed.searchParams.getAll("status")).toEqual(["todo", "blocked"]);
    expect(parsed.searchParams.get("overdue")).toBe("true");
    expect(parsed.searchParams.get("sort")).toBe("due_on");
    expect(parsed.searchParams.get("format")).toBe("xlsx");
    for (const absent of ["assignee_id", "q", "limit", "cursor"]) expect(parsed.searchParams.has(absent)).toBe(false);
  });
});

describe("file names", () => {
  it("are read from Content-Disposition, plain or RFC 5987-encoded, and never as a path", () => {
    expect(filenameFrom('attachment; filename="tasks.xlsx"')).toBe("tasks.xlsx");
    expect(filenameFrom("attachment; filename=tasks.csv")).toBe("tasks.csv");
    expect(filenameFrom("attachment; filename=\"x.csv\"; filename*=UTF-8''oppg%C3%A5ver.csv")).toBe("oppgåver.csv");
    expect(filenameFrom('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(filenameFrom("attachment")).toBeNull();
    expect(filenameFrom(null)).toBeNull();
  });

  it("fall back to the list and the day", () => {
    expect(fallbackFilename("/api/v1/tasks", "xlsx", "2026-12-03")).toBe("tasks-2026-12-03.xlsx");
    expect(fallbackFilename(`/api/v1/groups/${PROJECT}/members`, "csv", "2026-12-03")).toBe("members-2026-12-03.csv");
  });
});

describe("ExportButton", () => {
  let saved: { href: string; download: string }[];
  beforeEach(() => {
    saved = [];
    sessionStorage.setItem("samskap.session", JSON.stringify({ accessToken: "token-1", refreshToken: "r", expiresAt: Date.now() + 60_000 }));
    URL.createObjectURL = vi.fn(() => "blob:file");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  function stubFetch(response: () => Response) {
    const requests: Request[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        requests.push(request);
        return response();
      }),
    );
    return requests;
  }

  it("downloads the list with the page's filters and the token, under the name the API gives", async () => {
    const requests = stubFetch(
      () =>
        new Response("PK", {
          headers: {
            "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "content-disposition": 'attachment; filename="tasks.xlsx"',
          },
        }),
    );
    renderWithApp(
      <ExportButton path="/api/v1/tasks" query={{ programme_id: [PROGRAMME], project_id: [PROJECT], status: ["todo"], sort: "due_on" }} />,
    );
    expect(screen.getByRole("group", { name: "Last ned listen" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Last ned Excel" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].download).toBe("tasks.xlsx");
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe("/api/v1/tasks");
    expect(url.searchParams.get("format")).toBe("xlsx");
    expect(url.searchParams.get("project_id")).toBe(PROJECT);
    expect(url.searchParams.get("status")).toBe("todo");
    expect(requests[0].headers.get("authorization")).toBe("Bearer token-1");
    expect(await screen.findByText("Lastet ned tasks.xlsx.")).toBeInTheDocument();
  });

  it("names the file after the list and the day when the answer names none", async () => {
    stubFetch(() => new Response("a;b\n", { headers: { "content-type": "text/csv" } }));
    renderWithApp(<ExportButton path="/api/v1/people" query={{ programme_id: [PROGRAMME] }} />, { locale: "en" });
    await userEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].download).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("shows a refusal worded by its code, and saves nothing", async () => {
    stubFetch(
      () =>
        new Response(
          JSON.stringify({
            type: "https://samskap.no/problems/bad-request",
            title: "Bad request",
            status: 400,
            errors: [{ parameter: "colour", code: "unknown_parameter", detail: "unknown query parameter" }],
          }),
          { status: 400, headers: { "content-type": "application/problem+json" } },
        ),
    );
    renderWithApp(<ExportButton path="/api/v1/tasks" query={{ programme_id: [PROGRAMME], colour: "red" }} />, { locale: "nn" });
    await userEvent.click(screen.getByRole("button", { name: "Last ned CSV" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Fekk ikkje lasta ned fila.");
    expect(alert).toHaveTextContent("colour:");
    expect(saved).toHaveLength(0);
  });
});
