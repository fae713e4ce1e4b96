import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DocumentRecord } from "../../api/queries/documents";
import { I18nProvider } from "../../i18n";
import DocumentsPage from "./DocumentsPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const FILE = "0193a0e4-7c1e-7000-8000-000000000009";

let serial = 0;
function doc(overrides: Partial<DocumentRecord>): DocumentRecord {
  serial += 1;
  return {
    id: `0193a0e4-7c1e-7000-8000-0000000002${String(serial).padStart(2, "0")}`,
    created_at: "2018-08-01T10:00:00Z",
    updated_at: "2018-08-01T10:00:00Z",
    version: 1,
    programme_id: PROGRAMME,
    title: "Dokument",
    kind: "note",
    document_date: "2018-08-21",
    author: null,
    author_group_id: null,
    version_label: null,
    description: null,
    file_id: null,
    url: "https://www.nordrefollo.kommune.no/notat",
    public_access: "public",
    exemption_basis: null,
    project_id: null,
    decision_id: null,
    event_id: null,
    external_id: null,
    withheld: false,
    ...overrides,
  };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });

function stubApi(documents: DocumentRecord[]) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/projects") return json({ items: [], next_cursor: null });
      if (url.pathname === "/api/v1/documents" && request.method === "GET") {
        const kind = url.searchParams.get("kind");
        return json({ items: documents.filter((d) => !kind || d.kind === kind), next_cursor: null });
      }
      if (url.pathname === "/api/v1/documents" && request.method === "POST") {
        const created = doc(await request.json());
        documents.unshift(created);
        return json(created, { status: 201, headers: { etag: '"1"' } });
      }
      return json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

/** An XMLHttpRequest that reports upload progress and answers with `answer`. */
function stubUpload(status: number, answer: unknown) {
  const sent: FormData[] = [];
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
    send(body: FormData) {
      sent.push(body);
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        setTimeout(() => {
          this.status = status;
          this.responseText = JSON.stringify(answer);
          this.onload?.();
        }, 400);
      }, 10);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeRequest);
  return sent;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/p/:programmeId/documents" element={<DocumentsPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("DocumentsPage", () => {
  it("lists the register with public access and the exemption's basis, and filters by kind", async () => {
    const calls = stubApi([
      doc({ title: "Vedtak om organisering", kind: "decision" }),
      doc({ title: "Personalnotat", public_access: "exempt", exemption_basis: "offl. § 14", file_id: FILE, url: null }),
    ]);
    renderAt(`/p/${PROGRAMME}/documents`);
    const table = await screen.findByRole("table", { name: "Dokumenter, nyeste først" });
    await waitFor(() => expect(within(table).getByText("Personalnotat")).toBeInTheDocument());
    const exempt = within(table).getByText("Personalnotat").closest("tr")!;
    expect(within(exempt).getByText("Unntatt offentlighet")).toBeInTheDocument();
    expect(within(exempt).getByText(/offl\. § 14/)).toBeInTheDocument();
    expect(within(exempt).getByRole("button", { name: "Last ned: Personalnotat" })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "decision");
    await waitFor(() => expect(screen.queryByText("Personalnotat")).toBeNull());
    expect(screen.getByText("Vedtak om organisering")).toBeInTheDocument();
    const filtered = calls.map((c) => new URL(c.url)).filter((u) => u.pathname === "/api/v1/documents");
    expect(filtered.at(-1)!.searchParams.get("kind")).toBe("decision");
  });

  it("asks for the legal basis when a document is exempt, and registers it with a link", async () => {
    const calls = stubApi([]);
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/documents`);
    await user.click(await screen.findByRole("button", { name: "Registrer dokument" }));
    const dialog = await screen.findByRole("dialog", { name: "Registrer dokument" });
    await user.type(within(dialog).getByRole("textbox", { name: /Tittel/ }), "Drøftingsnotat");
    await user.type(within(dialog).getByRole("textbox", { name: /Eller en lenke/ }), "https://example.no/notat");
    expect(within(dialog).queryByRole("textbox", { name: /Hjemmel for unntak/ })).toBeNull();
    await user.click(within(dialog).getByRole("radio", { name: "Unntatt offentlighet" }));
    await user.click(within(dialog).getByRole("button", { name: "Registrer" }));
    expect(await within(dialog).findByText("Oppgi hjemmelen for unntaket, for eksempel offl. § 14.")).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: /Hjemmel for unntak/ }), "offl. § 14");
    await user.click(within(dialog).getByRole("button", { name: "Registrer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const post = calls.find((c) => c.method === "POST")!;
    expect(await post.json()).toMatchObject({
      programme_id: PROGRAMME,
      title: "Drøftingsnotat",
      url: "https://example.no/notat",
      public_access: "exempt",
      exemption_basis: "offl. § 14",
      file_id: null,
    });
    expect(await screen.findByText("Dokumentet «Drøftingsnotat» er registrert.")).toBeInTheDocument();
  });

  it("uploads the chosen file with progress and words a refused type at the file field", async () => {
    stubApi([]);
    const sent = stubUpload(415, {
      type: "https://samskap.no/problems/unsupported-media-type",
      title: "Unsupported media type",
      status: 415,
      errors: [
        {
          pointer: "/file",
          code: "type_mismatch",
          detail: "the content is PDF, but the name ends in '.docx'",
          params: { expected: "pdf", extension: "docx" },
        },
      ],
    });
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/documents`);
    await user.click(await screen.findByRole("button", { name: "Registrer dokument" }));
    const dialog = await screen.findByRole("dialog", { name: "Registrer dokument" });
    await user.type(within(dialog).getByRole("textbox", { name: /Tittel/ }), "Høringsbrev");
    await user.upload(within(dialog).getByLabelText("Fil"), new File(["%PDF-1.4"], "brev.docx"));
    await user.click(within(dialog).getByRole("button", { name: "Registrer" }));
    expect(await within(dialog).findByRole("progressbar", { name: "Laster opp brev.docx" })).toBeInTheDocument();
    expect(
      await within(dialog).findByText("Filnavnet passer ikke med innholdet: innholdet er pdf, men navnet slutter på «.docx»."),
    ).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect((sent[0].get("file") as File).name).toBe("brev.docx");
  });
});
