import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MailPreference } from "../../api/queries/settings";
import { renderWithApp } from "../../test/render";
import MailPreferencesPage from "./MailPreferencesPage";

const TOKEN = "a2FyaUBrb21tdW5lLmV4YW1wbGU.c2lnbmF0dXJl";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function stubApi(saved: MailPreference | null, others?: Partial<MailPreference>) {
  const patches: { ifMatch: string | null; body: unknown }[] = [];
  let current = saved;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== `/api/v1/mail-preferences/${TOKEN}` || !current) return json({ title: "Not Found" }, 404);
      if (request.method === "GET") return json(current, 200, { etag: `"${current.version}"` });
      const body = (await request.json()) as Partial<MailPreference>;
      patches.push({ ifMatch: request.headers.get("if-match"), body });
      if (others && current.version === saved!.version) {
        // Someone changed the choices from another mail's link in the meantime.
        current = { ...current, ...others, version: current.version + 1 };
      }
      if (request.headers.get("if-match") !== `"${current.version}"`) return json({ title: "Precondition Failed" }, 412);
      current = { ...current, ...body, version: current.version + 1 };
      return json(current, 200, { etag: `"${current.version}"` });
    }),
  );
  return patches;
}

const SAVED: MailPreference = {
  email: "kari@kommune.example",
  language: "nb",
  deadline_reminders: true,
  meeting_invitations: true,
  hearing_invitations: true,
  notifications: false,
  daily_digest: false,
  version: 3,
};

function renderPage(locale: "nb" | "nn" | "en" = "nb") {
  return renderWithApp(
    <Routes>
      <Route path="/mail-preferences/:token" element={<MailPreferencesPage />} />
    </Routes>,
    { route: `/mail-preferences/${TOKEN}`, locale },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("MailPreferencesPage", () => {
  it("shows the address's choices without login and saves a change with If-Match", async () => {
    const patches = stubApi({ ...SAVED });
    renderPage();
    expect(await screen.findByText("Gjelder e-post til kari@kommune.example.")).toBeInTheDocument();
    const reminders = screen.getByRole("checkbox", { name: /Påminnelser om frister/ });
    expect(reminders).toBeChecked();
    await userEvent.click(reminders);
    await userEvent.click(screen.getByRole("checkbox", { name: /Daglig oppsummering/ }));
    await userEvent.selectOptions(screen.getByLabelText("Språk i e-postene"), "nn");
    await userEvent.click(screen.getByRole("button", { name: "Lagre valgene" }));
    expect(await screen.findByText("Valgene er lagret.")).toBeInTheDocument();
    expect(patches).toEqual([
      { ifMatch: '"3"', body: { language: "nn", deadline_reminders: false, daily_digest: true } },
    ]);
    expect(screen.getByRole("checkbox", { name: /Påminnelser om frister/ })).not.toBeChecked();
  });

  it("shows someone else's newer change beside one's own instead of overwriting it", async () => {
    const patches = stubApi({ ...SAVED }, { language: "en" });
    renderPage("en");
    await userEvent.selectOptions(await screen.findByLabelText("Language of the e-mails"), "nn");
    await userEvent.click(screen.getByRole("button", { name: "Save the choices" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("radio", { name: /English/ })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("radio", { name: /Nynorsk/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: /Save/ }));
    expect(await screen.findByText("The choices are saved.")).toBeInTheDocument();
    expect(patches).toEqual([
      { ifMatch: '"3"', body: { language: "nn" } },
      { ifMatch: '"4"', body: { language: "nn" } },
    ]);
  });

  it("says so when the link is not valid", async () => {
    stubApi(null);
    renderPage("nn");
    expect(await screen.findByText(/Lenkja er ikkje gyldig/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Lagre vala" })).not.toBeInTheDocument();
  });
});
