import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render";
import { aProgramme, PROGRAMME_ID } from "../projects/testing";
import ProgrammeSettingsPage from "./ProgrammeSettingsPage";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function stubApi() {
  const patches: { ifMatch: string | null; body: unknown }[] = [];
  let programme = { ...aProgramme(), version: 4, reminder_days_before: 3 };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== `/api/v1/programmes/${PROGRAMME_ID}`) return json({ title: "Not Found" }, 404);
      if (request.method === "PATCH") {
        const body = await request.json();
        patches.push({ ifMatch: request.headers.get("if-match"), body });
        programme = { ...programme, ...body, version: programme.version + 1 };
      }
      return json(programme, 200, { etag: `"${programme.version}"` });
    }),
  );
  return patches;
}

function renderPage(locale: "nb" | "en" = "nb") {
  return renderWithApp(
    <Routes>
      <Route path="/p/:programmeId/settings" element={<ProgrammeSettingsPage />} />
    </Routes>,
    { route: `/p/${PROGRAMME_ID}/settings`, locale },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("ProgrammeSettingsPage", () => {
  it("changes the days before a deadline that reminders go out, with If-Match", async () => {
    const patches = stubApi();
    renderPage();
    const days = await screen.findByLabelText("Dager før fristen påminnelsen sendes");
    expect(days).toHaveValue(3);
    await userEvent.clear(days);
    await userEvent.type(days, "7");
    await userEvent.click(screen.getByRole("button", { name: "Lagre" }));
    expect(await screen.findByText("Innstillingene er lagret.")).toBeInTheDocument();
    expect(patches).toEqual([{ ifMatch: '"4"', body: { reminder_days_before: 7 } }]);
  });

  it("refuses a number outside 0 to 60 before sending it", async () => {
    const patches = stubApi();
    renderPage("en");
    const days = await screen.findByLabelText("Days before the deadline the reminder is sent");
    await userEvent.clear(days);
    await userEvent.type(days, "61");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Enter a whole number from 0 to 60.")).toBeInTheDocument();
    expect(days).toHaveAttribute("aria-invalid", "true");
    expect(patches).toEqual([]);
  });
});
