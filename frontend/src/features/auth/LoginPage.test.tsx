import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSession, writeSession } from "../../api/session";
import { I18nProvider, type Locale } from "../../i18n";
import { LoginPage } from "./LoginPage";
import { OidcCallbackPage } from "./OidcCallbackPage";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" },
  });

const TOKENS = { access_token: "a.b.c", token_type: "bearer", expires_in: 900, refresh_token: "smr_x" };
const ENTRA = { name: "Entra ID", login_url: "/api/v1/auth/oidc/login" };

/** The API as the login page meets it: its providers, and the token endpoint. */
function stubApi(providers: { password: boolean; oidc: typeof ENTRA | null }, token = () => json(TOKENS)) {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(input, "http://app"), init);
      const url = new URL(request.url, "http://app");
      if (url.pathname === "/api/v1/auth/providers") return json(providers);
      if (url.pathname === "/api/v1/auth/token") {
        bodies.push(await request.json());
        return token();
      }
      return json({ title: "Not found" }, 404);
    }),
  );
  return bodies;
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search + location.hash}</p>;
}

function renderAt(route: string | { pathname: string; state?: unknown }, locale: Locale = "nb") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/login/oidc" element={<OidcCallbackPage />} />
            <Route path="*" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  writeSession(null);
});

describe("LoginPage", () => {
  it("offers the identity provider, coming back to the page asked for, beside the password", async () => {
    stubApi({ password: true, oidc: ENTRA });
    renderAt({ pathname: "/login", state: { from: "/p/1/deadlines?status=open" } });
    const button = await screen.findByRole("link", { name: "Logg inn med Entra ID" });
    expect(button.getAttribute("href")).toBe(
      "/api/v1/auth/oidc/login?return_to=%2Fp%2F1%2Fdeadlines%3Fstatus%3Dopen",
    );
    expect(screen.getByLabelText("Passord")).toBeTruthy();
    expect(screen.getByText("eller med e-postadresse og passord")).toBeTruthy();
  });

  it("hides the password form when password login is off", async () => {
    stubApi({ password: false, oidc: ENTRA });
    renderAt("/login", "en");
    expect(await screen.findByRole("link", { name: "Sign in with Entra ID" })).toBeTruthy();
    await waitFor(() => expect(screen.queryByLabelText("Password")).toBeNull());
    expect(screen.queryByRole("button", { name: "Log in" })).toBeNull();
  });

  it("shows only the password form without a provider", async () => {
    stubApi({ password: true, oidc: null });
    renderAt("/login");
    expect(await screen.findByLabelText("Passord")).toBeTruthy();
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.queryByRole("link", { name: /Logg inn med/ })).toBeNull();
  });

  it.each([
    ["nb", "email_not_verified", "identitetsleverandøren har ikke bekreftet adressen"],
    ["nn", "account_inactive", "Kontoen din er deaktivert"],
    ["en", "oidc_state", "The sign-in was interrupted or has expired"],
    ["en", "something_new", "Signing in failed. Try again."],
  ] as const)("words a failed sign-in (%s, %s)", async (locale, code, words) => {
    stubApi({ password: true, oidc: ENTRA });
    renderAt(`/login?error=${code}`, locale);
    expect((await screen.findByRole("alert")).textContent).toContain(words);
  });

  it("words a refused password grant when password login has been switched off", async () => {
    stubApi({ password: true, oidc: ENTRA }, () =>
      json(
        {
          title: "Forbidden",
          status: 403,
          errors: [{ code: "password_login_disabled", detail: "password login is off" }],
        },
        403,
      ),
    );
    renderAt("/login");
    await userEvent.type(await screen.findByLabelText("E-postadresse"), "kari@example.no");
    await userEvent.type(screen.getByLabelText("Passord"), "passord passord");
    await userEvent.click(screen.getByRole("button", { name: "Logg inn" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Innlogging med passord er slått av");
  });
});

describe("OidcCallbackPage", () => {
  it("exchanges the one-time code, stores the session and goes on to the page asked for", async () => {
    const bodies = stubApi({ password: true, oidc: ENTRA });
    renderAt("/login/oidc#code=smo_abc.def.ghi&return_to=%2Fp%2F1%2Fdeadlines");
    await waitFor(() => expect(screen.getByTestId("where").textContent).toBe("/p/1/deadlines"));
    expect(bodies).toEqual([{ grant_type: "oidc_code", code: "smo_abc.def.ghi" }]);
    expect(readSession()?.accessToken).toBe("a.b.c");
    expect(readSession()?.refreshToken).toBe("smr_x");
  });

  it("goes nowhere but this app", async () => {
    stubApi({ password: true, oidc: ENTRA });
    renderAt("/login/oidc#code=smo_a.b.c&return_to=%2F%2Fevil.example");
    await waitFor(() => expect(screen.getByTestId("where").textContent).toBe("/"));
  });

  it("says so when the code is refused, and leads back to the login page", async () => {
    stubApi({ password: true, oidc: ENTRA }, () => json({ title: "Authentication required", status: 401 }, 401));
    renderAt("/login/oidc#code=smo_used.b.c", "nn");
    expect((await screen.findByRole("alert")).textContent).toContain("Innlogginga kunne ikkje fullførast");
    expect(screen.getByRole("link", { name: "Tilbake til innlogging" }).getAttribute("href")).toBe("/login");
    expect(readSession()).toBeNull();
  });
});
