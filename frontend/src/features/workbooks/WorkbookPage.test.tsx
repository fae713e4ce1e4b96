import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Submission, Template, Version } from "../../api/queries/workbooks";
import { I18nProvider } from "../../i18n";
import { moved } from "./editing";
import TemplatesPage from "./TemplatesPage";
import WorkbookPage from "./WorkbookPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const TEMPLATE = "0193a0e4-7c1e-7000-8000-000000000002";
const SUBMISSION = "0193a0e4-7c1e-7000-8000-000000000003";

const record = { created_at: "2018-08-01T10:00:00Z", updated_at: "2018-08-01T10:00:00Z", version: 1 };

const template: Template = {
  ...record,
  id: TEMPLATE,
  programme_id: PROGRAMME,
  title: "Mal for innspill",
  guidance: null,
  sections: [
    { key: "organisering", title: "Organisering", guidance: null, max_length: 200 },
    { key: "ansvar", title: "Ansvar", guidance: null, max_length: null },
  ],
  required_attachments: [],
  external_id: null,
};

function version(overrides: Partial<Version>): Version {
  return {
    ...record,
    id: "0193a0e4-7c1e-7000-8000-000000000010",
    programme_id: PROGRAMME,
    submission_id: SUBMISSION,
    label: "1",
    position: 1,
    deadline_id: null,
    sections: {},
    files: [],
    status: "draft",
    submitted_at: null,
    submitted_by_id: null,
    recipient_id: null,
    due_at: null,
    delivery: null,
    late_by_seconds: null,
    ...overrides,
  };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });

function stubApi(versions: Version[], answers: Record<string, (request: Request) => Promise<Response>> = {}) {
  const submission: Submission = {
    ...record,
    id: SUBMISSION,
    programme_id: PROGRAMME,
    title: "Arbeidsbok Oppvekst",
    template_id: TEMPLATE,
    project_id: null,
    group_id: "0193a0e4-7c1e-7000-8000-000000000004",
    external_id: null,
    versions: [],
  };
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      const own = answers[`${request.method} ${url.pathname}`];
      if (own) return own(request);
      if (url.pathname === `/api/v1/submissions/${SUBMISSION}`) return json(submission);
      if (url.pathname === "/api/v1/templates") return json({ items: [template], next_cursor: null });
      if (url.pathname === "/api/v1/submission-versions") return json({ items: versions, next_cursor: null });
      if (url.pathname === "/api/v1/deadlines" || url.pathname === "/api/v1/files") {
        return json({ items: [], next_cursor: null });
      }
      if (url.pathname === "/api/v1/submission-versions/compare") {
        return json({
          from_id: versions[0].id,
          to_id: versions[1].id,
          from_label: "1",
          to_label: "2",
          sections: [
            {
              key: "organisering",
              title: "Organisering",
              change: "changed",
              from_text: "Fire enheter.",
              to_text: "Fem enheter.",
              diff: ["-Fire enheter.", "+Fem enheter."],
            },
          ],
        });
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
            <Route path="/p/:programmeId/submissions/:submissionId" element={<WorkbookPage />} />
            <Route path="/p/:programmeId/templates" element={<TemplatesPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("WorkbookPage", () => {
  it("shows each version's delivery: on time, late by how much, missing", async () => {
    stubApi([
      version({ label: "1", status: "submitted", delivery: "on_time", due_at: "2018-09-20T10:00:00Z" }),
      version({
        id: "0193a0e4-7c1e-7000-8000-000000000011",
        label: "2",
        position: 2,
        status: "submitted",
        delivery: "late",
        late_by_seconds: 3 * 86400 + 60,
        due_at: "2018-10-04T10:00:00Z",
      }),
      version({
        id: "0193a0e4-7c1e-7000-8000-000000000012",
        label: "3",
        position: 3,
        delivery: "missing",
        due_at: "2018-11-01T11:00:00Z",
      }),
    ]);
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const table = await screen.findByRole("table", { name: "Versjoner" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(within(rows[0]).getByText("I tide")).toBeInTheDocument();
    expect(within(rows[1]).getByText("3 dager for sent")).toBeInTheDocument();
    expect(within(rows[2]).getByText("Mangler")).toBeInTheDocument();
    expect(await screen.findByText("-Fire enheter.", { exact: false })).toBeInTheDocument();
  });

  it("counts characters against the maximum and shows the API's refusal at the section", async () => {
    const calls = stubApi([], {
      "POST /api/v1/submission-versions": async () =>
        json(
          {
            title: "Invalid input",
            status: 422,
            errors: [
              {
                pointer: "/sections/organisering",
                code: "section_too_long",
                detail: "201 characters",
                params: { max_length: "200", length: "201" },
              },
            ],
          },
          { status: 422, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ny versjon" }));
    const field = await screen.findByRole("textbox", { name: "Organisering" });
    await user.click(field);
    await user.paste("x".repeat(201));
    expect(screen.getByText("201 av 200 tegn")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Opprett versjonen" }));
    await waitFor(() =>
      expect(screen.getByText("«Organisering»: Teksten er 201 tegn; seksjonen tar høyst 200.")).toBeInTheDocument(),
    );
    expect(field).toHaveAttribute("aria-invalid", "true");
    // At the field: its description names the message, and nothing is said above the form.
    expect(field).toHaveAccessibleDescription(expect.stringContaining("«Organisering»: Teksten er 201 tegn"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    // Shortened, the field no longer shows the refusal of the longer text.
    await user.type(field, "{Backspace}");
    expect(screen.queryByText(/Teksten er 201 tegn/)).not.toBeInTheDocument();
    expect(field).not.toHaveAttribute("aria-invalid", "true");
    const sent = calls.find((c) => c.method === "POST")!;
    expect(await sent.json()).toMatchObject({ submission_id: SUBMISSION, label: "1" });
  });
});

/** An XMLHttpRequest that reports half the upload sent, then answers with `answer`. */
function stubUpload(status: number, answer: unknown) {
  const sent: { url: string; form: FormData }[] = [];
  class FakeRequest {
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
      onprogress: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 0;
    statusText = "";
    responseText = "";
    url = "";
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader() {}
    send(form: FormData) {
      sent.push({ url: this.url, form });
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        setTimeout(() => {
          this.status = status;
          this.responseText = JSON.stringify(answer);
          this.onload?.();
        }, 20);
      }, 0);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeRequest);
  return sent;
}

describe("WorkbookPage, a submitted version", () => {
  it("offers no editing, and sends the version to a hearing", async () => {
    const submitted = version({ label: "endelig", status: "submitted", submitted_at: "2018-11-20T10:00:00Z" });
    stubApi([submitted]);
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Åpne versjon endelig" }));
    expect(await screen.findByText("Versjonen er sendt inn og kan ikke endres.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Lagre versjonen" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Send versjon endelig på høring" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/hearings?submission_version=${submitted.id}`,
    );
  });
});

describe("WorkbookPage, a submitted version's attachment", () => {
  it("is fetched from the API when its link is followed, and a refusal is shown", async () => {
    const fileId = "0193a0e4-7c1e-7000-8000-000000000020";
    const submitted = version({
      label: "endelig",
      status: "submitted",
      submitted_at: "2018-11-22T15:00:00Z",
      files: [
        {
          file_id: fileId,
          attachment_key: "organisasjonskart",
          filename: "Organisasjonskart.pdf",
          content_type: "application/pdf",
          size: 1400,
        },
      ],
    });
    const content = `/api/v1/files/${fileId}/content`;
    const calls = stubApi([submitted], {
      [`GET ${content}`]: async () =>
        json(
          { title: "Forbidden", status: 403, detail: "The file belongs to a document exempt from public access." },
          { status: 403, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Åpne versjon endelig" }));
    const link = await screen.findByRole("link", { name: "Organisasjonskart.pdf" });
    expect(link).toHaveAttribute("href", content);
    await user.click(link);
    expect(await screen.findByRole("alert")).toHaveTextContent("exempt from public access");
    expect(calls.filter((r) => new URL(r.url).pathname === content)).toHaveLength(1);
  });
});

describe("WorkbookPage attachments", () => {
  it("uploads a chosen file with progress and attaches it as the required attachment", async () => {
    const withChart: Template = {
      ...template,
      required_attachments: [{ key: "org-kart", title: "Organisasjonskart", description: null }],
    };
    const file = {
      ...record,
      id: "0193a0e4-7c1e-7000-8000-000000000020",
      programme_id: PROGRAMME,
      filename: "organisasjonskart.png",
      content_type: "image/png",
      size: 8,
      sha256: "0".repeat(64),
    };
    const calls = stubApi([], {
      "GET /api/v1/templates": async () => json({ items: [withChart], next_cursor: null }),
      "POST /api/v1/submission-versions": async (request) =>
        json(version({ ...(await request.json()), files: [] }), { status: 201 }),
    });
    const sent = stubUpload(201, file);
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ny versjon" }));
    await user.upload(
      await screen.findByLabelText("Last opp et vedlegg"),
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "organisasjonskart.png", { type: "image/png" }),
    );
    const bar = await screen.findByRole("progressbar", { name: "Laster opp organisasjonskart.png" });
    await waitFor(() => expect(bar).toHaveAttribute("value", "1"));
    expect(
      await screen.findByText("«organisasjonskart.png» er lastet opp og lagt ved som Organisasjonskart."),
    ).toBeInTheDocument();
    expect(sent[0].url).toBe(`/api/v1/files?programme_id=${PROGRAMME}`);
    expect((sent[0].form.get("file") as File).name).toBe("organisasjonskart.png");
    await user.click(screen.getByRole("button", { name: "Opprett versjonen" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const body = await calls.find((c) => c.method === "POST")!.json();
    expect(body.files).toEqual([{ file_id: file.id, attachment_key: "org-kart" }]);
  });

  it("words a refused upload and attaches nothing", async () => {
    stubApi([]);
    stubUpload(415, {
      type: "https://samskap.no/problems/unsupported-media-type",
      title: "Unsupported file type",
      status: 415,
      detail: "The file's content is not one of the accepted types.",
      errors: [],
    });
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ny versjon" }));
    await user.upload(await screen.findByLabelText("Last opp et vedlegg"), new File(["MZ"], "program.txt"));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });
});

describe("TemplatesPage", () => {
  it("orders sections with move up and down and sends them in that order", async () => {
    const calls = stubApi([], {
      "POST /api/v1/templates": async (request) => json({ ...template, ...(await request.json()) }, { status: 201 }),
    });
    renderAt(`/p/${PROGRAMME}/templates`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ny mal" }));
    await user.type(screen.getByRole("textbox", { name: "Tittel" }), "Mal for innspill");
    await user.type(screen.getByRole("textbox", { name: "Overskrift" }), "Ansvar");
    await user.type(screen.getByRole("textbox", { name: /Nøkkel/ }), "ansvar");
    await user.click(screen.getByRole("button", { name: "Legg til seksjon" }));
    const headings = screen.getAllByRole("textbox", { name: "Overskrift" });
    await user.type(headings[1], "Organisering");
    await user.type(screen.getAllByRole("textbox", { name: /Nøkkel/ })[1], "organisering");
    await user.type(screen.getAllByRole("textbox", { name: /Største lengde/ })[1], "200");
    await user.click(screen.getByRole("button", { name: "Flytt «Organisering» opp" }));
    await user.click(screen.getByRole("button", { name: "Lagre malen" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const body = await calls.find((c) => c.method === "POST")!.json();
    expect(body.sections.map((s: { key: string }) => s.key)).toEqual(["organisering", "ansvar"]);
    expect(body.sections[0].max_length).toBe(200);
  });

  it("moves nothing past either end", () => {
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
  });
});
