import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render";
import { ProgrammeArchive } from "./ProgrammeArchive";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";

describe("ProgrammeArchive", () => {
  let saved: string[];
  let requests: Request[];
  beforeEach(() => {
    saved = [];
    requests = [];
    sessionStorage.setItem("samskap.session", JSON.stringify({ accessToken: "token-1", refreshToken: "r", expiresAt: Date.now() + 60_000 }));
    URL.createObjectURL = vi.fn(() => "blob:file");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  function serve(role: string, archive: () => Response, more: object[] = []) {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        requests.push(request);
        const path = new URL(request.url).pathname;
        if (path === "/api/v1/auth/me") {
          const memberships = [{ programme_id: PROGRAMME, role, person_id: null }, ...more];
          return new Response(JSON.stringify({ id: "u1", name: "Kari", system_admin: false, memberships }), {
            headers: { "content-type": "application/json" },
          });
        }
        return archive();
      }),
    );
  }

  it("downloads the programme's ZIP with the token, under the name the API gives", async () => {
    serve("editor", () => new Response("PK", { headers: { "content-disposition": 'attachment; filename="nordre-follo.zip"' } }));
    renderWithApp(<ProgrammeArchive programmeId={PROGRAMME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Last ned programmet (ZIP)" }));
    await waitFor(() => expect(saved).toEqual(["nordre-follo.zip"]));
    const download = requests.find((r) => r.url.endsWith(`/programmes/${PROGRAMME}/export`));
    expect(download?.headers.get("authorization")).toBe("Bearer token-1");
    expect(await screen.findByText("Lastet ned nordre-follo.zip.")).toBeInTheDocument();
  });

  it("shows a refusal and saves nothing", async () => {
    serve(
      "editor",
      () =>
        new Response(JSON.stringify({ type: "https://samskap.no/problems/forbidden", title: "Forbidden", status: 403 }), {
          status: 403,
          headers: { "content-type": "application/problem+json" },
        }),
    );
    renderWithApp(<ProgrammeArchive programmeId={PROGRAMME} />, { locale: "en" });
    await userEvent.click(await screen.findByRole("button", { name: "Download the programme (ZIP)" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });

  it("is not offered to a member, whom the API would refuse", async () => {
    const other = "0193a0e4-7c1e-7000-8000-000000000009";
    serve("member", () => new Response("PK"), [{ programme_id: other, role: "editor", person_id: null }]);
    renderWithApp(
      <>
        <ProgrammeArchive programmeId={PROGRAMME} />
        <ProgrammeArchive programmeId={other} />
      </>,
    );
    // Once the editor's programme offers it, the roles are known: the member's does not.
    expect(await screen.findByRole("button", { name: "Last ned programmet (ZIP)" })).toBeInTheDocument();
    expect(screen.getAllByRole("button")).toHaveLength(1);
  });
});
