import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, test, vi } from "vitest";
import { Footer } from "../../components/Footer";
import type { Locale } from "../../i18n";
import { I18nProvider } from "../../i18n";
import { renderWithApp } from "../../test/render";
import { fakeApi } from "../projects/testing";
import AccessibilityPage from "./AccessibilityPage";

afterEach(() => vi.unstubAllGlobals());

const PROGRAMME = "00000000-0000-7000-8000-000000000001";

function statementIn(locale: Locale) {
  fakeApi({ "GET /api/v1/accessibility/contact": { body: { contact: "uu@kommune.example", kind: "email" } } });
  renderWithApp(<AccessibilityPage />, { locale, route: "/tilgjengelighet" });
}

describe("AccessibilityPage", () => {
  test("states conformance, testing, known issues, the contact and the right to complain, in bokmål", async () => {
    statementIn("nb");
    expect(screen.getByRole("heading", { level: 1, name: "Tilgjengelighetserklæring for Samskap" })).toBeInTheDocument();
    expect(screen.getByText(/WCAG 2\.1 på nivå A og AA/)).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Kjente avvik" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "uu@kommune.example" })).toHaveAttribute(
      "href",
      "mailto:uu@kommune.example",
    );
    expect(screen.getByRole("link", { name: /uutilsynet\.no/ })).toHaveAttribute("href", "https://www.uutilsynet.no/");
    expect(screen.getByText(/skrevet 3\. des\.? 2026/)).toBeInTheDocument();
    // Its own footer links back to it, like every page's.
    expect(within(screen.getByRole("contentinfo")).getByRole("link", { name: "Tilgjengelighetserklæring" })).toHaveAttribute(
      "href",
      "/tilgjengelighet",
    );
  });

  test("is written in nynorsk and English too", async () => {
    statementIn("nn");
    expect(screen.getByRole("heading", { level: 1, name: "Tilgjengelegheitserklæring for Samskap" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Kjende avvik" })).toBeInTheDocument();
    cleanup();
    vi.unstubAllGlobals();
    statementIn("en");
    expect(screen.getByRole("heading", { level: 1, name: "Accessibility statement for Samskap" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Known issues" })).toBeInTheDocument();
  });

  test("links a web form when the installation names one", async () => {
    fakeApi({
      "GET /api/v1/accessibility/contact": { body: { contact: "https://kommune.example/feil", kind: "url" } },
    });
    renderWithApp(<AccessibilityPage />, { route: "/tilgjengelighet" });
    expect(await screen.findByRole("link", { name: "https://kommune.example/feil" })).toHaveAttribute(
      "href",
      "https://kommune.example/feil",
    );
  });
});

describe("Footer", () => {
  test("names the programme's owner inside a programme, next to the statement's link", async () => {
    fakeApi({
      [`GET /api/v1/programmes/${PROGRAMME}`]: {
        body: { id: PROGRAMME, name: "Nye Nordre Follo", owner_organisation: "Fellesnemnda for Nordre Follo" },
      },
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <I18nProvider locale="nb">
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[`/p/${PROGRAMME}/tasks`]}>
            <Routes>
              <Route path="/p/:programmeId/*" element={<Footer />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </I18nProvider>,
    );
    const footer = screen.getByRole("contentinfo");
    expect(await within(footer).findByText("Programmet eies av Fellesnemnda for Nordre Follo")).toBeInTheDocument();
    expect(within(footer).getByRole("link", { name: "Tilgjengelighetserklæring" })).toBeInTheDocument();
  });
});
