import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";
import { fillMatrix } from "./deliveries-data";
import { api as goalsApi, ensureCatalogue } from "./goals-data";
import { demoRecords, signIn } from "./pages";

// The pages the other specs do not visit in every language: login, the programme list of an
// account with several programmes, and the page for an unknown address.
for (const [locale, title, programmes, notFound] of [
  ["nb", "Logg inn", "Programmer", "Siden finnes ikke"],
  ["nn", "Logg inn", "Program", "Sida finst ikkje"],
  ["en", "Log in", "Programmes", "Page not found"],
] as const) {
  test(`login, programme list and not-found page in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/login");
    await expect(page).toHaveTitle(`${title} – Samskap`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
    await expectNoRawKeys(page);

    const form = page.locator("form");
    await form.locator('input[type="email"]').fill(ACCOUNTS.admin.email);
    await form.locator('input[type="password"]').fill(ACCOUNTS.admin.password);
    await form.getByRole("button", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: programmes })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nye Kristiansand 2020" })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);

    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1, name: notFound })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
  });
}

// The measures and criteria pages in every language, on a phone's 320 px: no WCAG violation,
// no raw keys, and nothing wider than the screen.
for (const [locale, measures, criteria] of [
  ["nb", "Tiltak", "Kriterier for grupper"],
  ["nn", "Tiltak", "Kriterium for grupper"],
  ["en", "Measures", "Criteria for groups"],
] as const) {
  test(`measures and criteria at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const base = `/p/${programme}`;
    // A goal, a measure with its result and a criterion, so that the tables are there to check.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const post = async (path: string, data: Record<string, unknown>) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), path).toBe(201);
      return response.json();
    };
    const goal = await post("/api/v1/goals", { programme_id: programme, kind: "effect", title: `Kvalitet ${Date.now()}` });
    const measure = await post("/api/v1/measures", {
      programme_id: programme,
      title: "Informasjons- og kommunikasjonstiltak for å synliggjøre arbeidslagene",
      goal_ids: [goal.id],
      status: "done",
      due_on: "2014-06-30",
      result: "Arbeidslagene presenterte seg på intranettet og i personalmøter.",
      evidence: [{ title: "Reportasje fra prosjektet", url: "https://example.no/reportasje-fra-arbeidslagene" }],
    });
    const criterion = await post("/api/v1/group-criteria", {
      programme_id: programme,
      group_kind: "work_team",
      purpose: "evaluation",
      title: "Laget kan vise til konkrete endringer i tjenesten",
    });
    try {
      for (const [path, title] of [
        ["measures", measures],
        ["criteria", criteria],
      ]) {
        await page.goto(`${base}/${path}`);
        await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
        await expect(page.getByRole("table").first()).toBeVisible();
        await expectAccessible(page);
        await expectNoRawKeys(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${path} is wider than the screen`).toBeLessThanOrEqual(320);
      }
    } finally {
      for (const record of [`/api/v1/measures/${measure.id}`, `/api/v1/goals/${goal.id}`, `/api/v1/group-criteria/${criterion.id}`]) {
        const current = await page.request.get(record, { headers });
        await page.request.delete(record, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
      }
    }
  });
}

test("the indicator pages pass axe at 1280 and at 320 px", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const post = async (path: string, data: Record<string, unknown>) => {
    const response = await page.request.post(path, { headers: { Authorization: `Bearer ${token}` }, data });
    expect(response.status(), path).toBe(201);
    return response.json();
  };
  const goal = await post("/api/v1/goals", { programme_id: programme, kind: "effect", title: `Bedre tjenester ${Date.now()}` });
  const indicator = await post("/api/v1/indicators", {
    programme_id: programme,
    goal_id: goal.id,
    name: `Trivsel i arbeidslaget ${Date.now()}`,
    unit: "%",
    method: "survey",
    target_value: 80,
    target_on: "2027-12-31",
    interval_months: 12,
  });
  for (const [value, measured_on, is_baseline] of [[61.5, "2024-10-15", true], [67, "2025-10-15", false]] as const) {
    await post("/api/v1/measurements", { indicator_id: indicator.id, value, measured_on, is_baseline });
  }
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/p/${programme}/indicators`);
    await expect(page.getByRole("heading", { level: 1, name: "Indikatorer" })).toBeVisible();
    await expect(page.getByRole("link", { name: indicator.name })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.goto(`/p/${programme}/indicators/${indicator.id}`);
    await expect(page.locator(".recharts-line-dot")).toHaveCount(2);
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});

// The goals page and the goal-selection form in every language, on a phone's 320 px.
for (const [locale, goals, selection, save] of [
  ["nb", "Mål", "Velg mål for området", "Lagre valgene"],
  ["nn", "Mål", "Vel mål for området", "Lagre vala"],
  ["en", "Goals", "Choose goals for the area", "Save the choices"],
] as const) {
  test(`goals and goal selection at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    const programme = programmeId(page);
    await ensureCatalogue(page, programme);
    const projects = await goalsApi(page, `/api/v1/projects?programme_id=${programme}&sort=code&limit=1`);
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto(`/p/${programme}/goals/selection?project=${projects.items[0].id}`);
    await expect(page.getByRole("heading", { level: 1, name: selection })).toBeVisible();
    await page.getByRole("checkbox").first().check();
    await expect(page.getByRole("button", { name: save })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "selection is wider than the screen").toBeLessThanOrEqual(320);
    await page.goto(`/p/${programme}/goals`);
    await expect(page.getByRole("heading", { level: 1, name: goals })).toBeVisible();
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "goals is wider than the screen").toBeLessThanOrEqual(320);
  });
}

// The survey pages, and the public answer page (no login), in every language at 320 px.
for (const [locale, surveys, submit] of [
  ["nb", "Kartlegginger", "Send svarene"],
  ["nn", "Kartleggingar", "Send svara"],
  ["en", "Surveys", "Send the answers"],
] as const) {
  test(`survey pages and the answer page at 320 px in ${locale}`, async ({ page, browser, baseURL }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const round = await (
      await page.request.post("/api/v1/survey-rounds", {
        headers,
        data: { programme_id: programme, title: `Trivsel ${locale} ${Date.now()}`, audience: "link" },
      })
    ).json();
    for (const [text, kind] of [["Jeg trives på jobb", "likert"], ["Har du hjemmekontor?", "yes_no"], ["Kommentar", "free_text"]]) {
      await page.request.post("/api/v1/survey-questions", { headers, data: { round_id: round.id, text, kind } });
    }
    const opened = await (
      await page.request.post(`/api/v1/survey-rounds/${round.id}/open`, { headers: { ...headers, "If-Match": '"1"' } })
    ).json();
    for (const path of [`/p/${programme}/surveys`, `/p/${programme}/surveys/${round.id}`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: path.endsWith("surveys") ? surveys : round.title })).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 720 } });
    const visitor = await context.newPage();
    await visitor.goto("/login");
    await visitor.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    for (const path of [opened.link_url, "/s/no-such-link-0123456789abcdefghijklmnop"]) {
      await visitor.goto(path);
      if (path === opened.link_url) await expect(visitor.getByRole("button", { name: submit })).toBeVisible();
      else await expect(visitor.getByRole("alert")).toBeVisible();
      await expectAccessible(visitor);
      await expectNoRawKeys(visitor);
      expect(await visitor.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });
}

// The document register in every language, on a phone's 320 px, with a public and an exempt
// document in the table.
for (const [locale, documents] of [
  ["nb", "Dokumenter"],
  ["nn", "Dokument"],
  ["en", "Documents"],
] as const) {
  test(`the document register at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const created = [];
    for (const extra of [{}, { public_access: "exempt", exemption_basis: "offl. § 13 jf. fvl. § 13" }]) {
      const response = await page.request.post("/api/v1/documents", {
        headers,
        data: {
          programme_id: programme,
          title: `Referat fra samling 2 ${Date.now()}`,
          kind: "minutes",
          document_date: "2018-10-18",
          url: "https://example.no/referat-samling-2",
          ...extra,
        },
      });
      expect(response.status()).toBe(201);
      created.push(await response.json());
    }
    try {
      await page.goto(`/p/${programme}/documents`);
      await expect(page.getByRole("heading", { level: 1, name: documents })).toBeVisible();
      await expect(page.getByRole("table").first()).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.getByRole("button", { name: { nb: "Registrer dokument", nn: "Registrer dokument", en: "Register document" }[locale] }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await page.getByRole("radio").last().check();
      await expectAccessible(page);
      await expectNoRawKeys(page);
    } finally {
      for (const record of created) {
        await page.request.delete(`/api/v1/documents/${record.id}`, { headers: { ...headers, "If-Match": '"1"' } });
      }
    }
  });
}

// The template editor and a workbook page in every language, on a phone's 320 px.
for (const [locale, templates, versions] of [
  ["nb", "Maler", "Versjoner"],
  ["nn", "Malar", "Versjonar"],
  ["en", "Templates", "Versions"],
] as const) {
  test(`templates and a workbook at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const post = async (path: string, data: Record<string, unknown>) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), path).toBe(201);
      return response.json();
    };
    const projects = await (await page.request.get(`/api/v1/projects?programme_id=${programme}&limit=1`, { headers })).json();
    const template = await post("/api/v1/templates", {
      programme_id: programme,
      title: `Mal for innspill ${locale} ${Date.now()}`,
      sections: [
        { key: "organisering", title: "Organisasjons- og ledernivåer", max_length: 2000 },
        { key: "moteplasser", title: "Møteplasser" },
      ],
      required_attachments: [{ key: "org-kart", title: "Organisasjonskart" }],
    });
    const submission = await post("/api/v1/submissions", {
      programme_id: programme,
      title: `Arbeidsbok ${locale} ${Date.now()}`,
      template_id: template.id,
      project_id: projects.items[0].id,
    });
    for (const [label, text] of [["1", "To nivåer."], ["2", "To nivåer.\nFaste møteplasser hver måned."]]) {
      await post("/api/v1/submission-versions", {
        submission_id: submission.id,
        label,
        sections: { organisering: text },
      });
    }
    try {
      await page.goto(`/p/${programme}/templates`);
      await expect(page.getByRole("heading", { level: 1, name: templates })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: template.title })).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.getByRole("button", { name: new RegExp(template.title) }).click();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      await page.goto(`/p/${programme}/submissions/${submission.id}`);
      await expect(page.getByRole("table", { name: versions })).toBeVisible();
      await page.getByRole("table", { name: versions }).getByRole("button").last().click();
      await expect(page.locator("pre")).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    } finally {
      // Removed, so that the delivery matrix of the demo's areas is as the demo made it.
      for (const record of [`/api/v1/submissions/${submission.id}`, `/api/v1/templates/${template.id}`]) {
        const current = await page.request.get(record, { headers });
        await page.request.delete(record, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
      }
    }
  });
}

// The hearings list and a hearing with a response in every language, on a phone's 320 px.
for (const [locale, hearings, handle] of [
  ["nb", "Høringer", "Behandle uttalelsen fra"],
  ["nn", "Høyringar", "Handsam fråsegna frå"],
  ["en", "Hearings", "Handle the response from"],
] as const) {
  test(`hearings at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const created = await page.request.post("/api/v1/hearings", {
      headers,
      data: {
        programme_id: programme,
        title: `Høring om organisering ${locale} ${Date.now()}`,
        letter: "Forslaget sendes på høring.",
        concerns_employees: true,
        deadline_at: "2018-11-30T12:00:00+01:00",
        invitees: [
          { party: "union_representatives", name: "Hovedtillitsvalgte" },
          { party: "joint_consultative_committee", name: "Partssammensatt utvalg" },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const hearing = await created.json();
    const opened = await page.request.post(`/api/v1/hearings/${hearing.id}/open`, { headers: { ...headers, "If-Match": '"1"' } });
    expect(opened.status()).toBe(200);
    const response = await page.request.post("/api/v1/hearing-responses", {
      headers,
      data: {
        hearing_id: hearing.id,
        invitee_id: hearing.invitees[0].id,
        from_name: "Kari Nordmann",
        text: "Vi ønsker færre ledernivåer, og tydelige møteplasser for de ansatte i hvert tjenesteområde.",
        received_at: "2018-11-28T10:00:00+01:00",
      },
    });
    expect(response.status()).toBe(201);
    await page.goto(`/p/${programme}/hearings`);
    await expect(page.getByRole("heading", { level: 1, name: hearings })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.goto(`/p/${programme}/hearings/${hearing.id}`);
    await expect(page.getByRole("heading", { level: 1, name: hearing.title })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.getByRole("button", { name: new RegExp(handle) }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
  });
}

// The delivery matrix in every language, on a phone's 320 px: the table scrolls in its own
// labelled region, and the page does not.
for (const [locale, deliveries, caption] of [
  ["nb", "Leveranser", "Leveranser per område og versjon"],
  ["nn", "Leveransar", "Leveransar per område og versjon"],
  ["en", "Deliveries", "Deliveries by area and version"],
] as const) {
  test(`delivery matrix at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const cleanUp = await fillMatrix(page);
    try {
      await page.goto(`/p/${programme}/deliveries`);
      await expect(page.getByRole("heading", { level: 1, name: deliveries })).toBeVisible();
      await expect(page.getByRole("region", { name: caption })).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    } finally {
      await cleanUp();
    }
  });
}

// The pages of scenario 3 that the checks above do not visit, in every language on a phone's
// 320 px: the meetings list, a gathering's page with its programme and the tasks given at it,
// the deadlines page with the new-deadline dialog, and a project's page with its workbook.
for (const [locale, meetings, deadlines, newDeadline] of [
  ["nb", "Møter", "Frister", "Ny frist"],
  ["nn", "Møte", "Fristar", "Ny frist"],
  ["en", "Meetings", "Deadlines", "New deadline"],
] as const) {
  test(`a gathering, the deadlines and a project at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const post = async (path: string, data: Record<string, unknown>) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), path).toBe(201);
      return response.json();
    };
    const projects = await (await page.request.get(`/api/v1/projects?programme_id=${programme}&limit=1`, { headers })).json();
    const project = projects.items[0];
    const people = await (await page.request.get(`/api/v1/people?programme_id=${programme}&limit=1`, { headers })).json();
    const gathering = await post("/api/v1/events", {
      programme_id: programme,
      title: `Samling 2: organisering av tjenesteområdene ${locale} ${Date.now()}`,
      kind: "gathering",
      starts_at: "2018-10-18T09:00:00+02:00",
      ends_at: "2018-10-18T15:30:00+02:00",
      location: "Ski rådhus",
      agenda: [
        { time: "09:00", title: "Velkommen og status i omstillingen", responsible: "Rådmann", room: "Kommunestyresalen" },
        { time: "10:00", title: "Oppgave 2b: organisering av tjenesteområdet", responsible: "Prosjektlederne", room: "Grupperom 1–4" },
      ],
    });
    const deadline = await post("/api/v1/deadlines", {
      programme_id: programme,
      project_id: project.id,
      event_id: gathering.id,
      responsible_person_id: people.items[0].id,
      title: `Oppgave 2b: arbeidsbok versjon 2 ${locale} ${Date.now()}`,
      due_at: "2018-11-01T12:00:00+01:00",
    });
    const template = await post("/api/v1/templates", {
      programme_id: programme,
      title: `Mal for innspill ${locale} ${Date.now()}`,
      sections: [{ key: "organisering", title: "Organisasjons- og ledernivåer", max_length: 2000 }],
    });
    const submission = await post("/api/v1/submissions", {
      programme_id: programme,
      title: `Arbeidsbok ${locale} ${Date.now()}`,
      template_id: template.id,
      project_id: project.id,
    });
    const check = async (what: string) => {
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} is wider than the screen`).toBeLessThanOrEqual(320);
    };
    try {
      await page.goto(`/p/${programme}/events`);
      await expect(page.getByRole("heading", { level: 1, name: meetings, exact: true })).toBeVisible();
      await check("the meetings list");
      await page.goto(`/p/${programme}/events/${gathering.id}`);
      await expect(page.getByRole("heading", { level: 1, name: gathering.title })).toBeVisible();
      await expect(page.getByText("Oppgave 2b: organisering av tjenesteområdet")).toBeVisible();
      await expect(page.getByText(deadline.title)).toBeVisible();
      await check("a gathering's page");
      await page.goto(`/p/${programme}/deadlines`);
      await expect(page.getByRole("heading", { level: 1, name: deadlines })).toBeVisible();
      await check("the deadlines page");
      await page.getByRole("button", { name: newDeadline }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      await page.goto(`/p/${programme}/projects/${project.id}`);
      await expect(page.getByRole("link", { name: submission.title })).toBeVisible();
      await check("a project's page");
    } finally {
      for (const record of [
        `/api/v1/submissions/${submission.id}`,
        `/api/v1/templates/${template.id}`,
        `/api/v1/deadlines/${deadline.id}`,
        `/api/v1/events/${gathering.id}`,
      ]) {
        const current = await page.request.get(record, { headers });
        await page.request.delete(record, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
      }
    }
  });
}

// The ideas page, an idea's page, and the public idea form and receipt (no login), in every
// language at 320 px: no WCAG violation, no raw keys, nothing wider than the screen.
for (const [locale, ideas, form, history] of [
  ["nb", "Forbedringsforslag", "Send et forbedringsforslag", "Slik er forslaget fulgt opp"],
  ["nn", "Forbetringsforslag", "Send eit forbetringsforslag", "Slik er forslaget følgt opp"],
  ["en", "Improvement ideas", "Send an improvement idea", "How the idea has been followed up"],
] as const) {
  test(`ideas, an idea, the idea form and a receipt at 320 px in ${locale}`, async ({ page, browser, baseURL }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    await page.goto(`/p/${programme}/ideas`);
    await expect(page.getByRole("heading", { level: 1, name: ideas })).toBeVisible();
    await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "ideas").toBeLessThanOrEqual(320);
    // An accepted idea shows every section: facts, support, assessing, carrying out, history.
    await page.goto(`/p/${programme}/ideas?status=accepted`);
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("region", { name: history })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "idea").toBeLessThanOrEqual(320);

    const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 720 } });
    await context.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    const visitor = await context.newPage();
    for (const [path, heading] of [
      ["/i/nordre-follo-forbedringsforslag-demo", form],
      ["/r/nordre-follo-kvittering-moteplasser-demo", "Faste møteplasser mellom skole og barnehage"],
    ]) {
      await visitor.goto(path);
      await expect(visitor.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(visitor.locator("html")).toHaveAttribute("lang", locale);
      await expectAccessible(visitor);
      await expectNoRawKeys(visitor);
      expect(await visitor.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });
}

// The participant's own page in every language, on a phone's 320 px, as the demo member.
for (const [locale, title, meetings] of [
  ["nb", "Min side", "Neste møter"],
  ["nn", "Mi side", "Neste møte"],
  ["en", "My page", "Next meetings"],
] as const) {
  test(`the own page at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "member");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/me");
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: meetings })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "the own page is wider than the screen").toBeLessThanOrEqual(320);
  });
}

// A decision's involvement trail, its printable page and a project's involvement plan (with
// its dialog and the involvement form it opens) in every language, on a phone's 320 px.
for (const [locale, trail, printable, plan, add, record] of [
  ["nb", "Medvirkningssporet", "Utskriftsvennlig side", "Medvirkningsplan", "Planlegg medvirkning", "Registrer den nå"],
  ["nn", "Medverknadssporet", "Utskriftsvenleg side", "Medverknadsplan", "Planlegg medverknad", "Registrer ho no"],
  ["en", "The involvement trail", "Printable page", "Involvement plan", "Plan an involvement", "Record it now"],
] as const) {
  test(`a decision's trail, its printable page and a project's involvement plan at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const post = async (path: string, data: Record<string, unknown>) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), path).toBe(201);
      return response.json();
    };
    const projects = await (await page.request.get(`/api/v1/projects?programme_id=${programme}&limit=1`, { headers })).json();
    const project = projects.items[0];
    const stamp = `${locale} ${Date.now()}`;
    const decision = await post("/api/v1/decisions", {
      programme_id: programme,
      project_id: project.id,
      title: `Organisering av merkantile tjenester ${stamp}`,
      case_number: "18/00987",
      decided_on: "2018-12-14",
      status: "draft",
    });
    const involvement = await post("/api/v1/involvements", {
      programme_id: programme,
      project_id: project.id,
      matter: `Informasjon og drøfting om organiseringen av de merkantile tjenestene ${stamp}`,
      stakeholder_kind: "union_representatives",
      form: "consultation",
      occurred_on: "2018-11-20",
      head_count: 6,
      statements: "Ønsker at de merkantile tjenestene blir samlet i én enhet med tydelig ledelse.",
      outcome: "Tatt inn i forslaget til vedtak.",
      decision_ids: [decision.id],
    });
    const planned = await post("/api/v1/planned-involvements", {
      project_id: project.id,
      stakeholder_kind: "employees",
      form: "information",
      planned_on: "2018-11-01",
      matter: `Informasjonsmøte for de ansatte i de merkantile tjenestene ${stamp}`,
      decision_id: decision.id,
    });
    const check = async (what: string) => {
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} is wider than the screen`).toBeLessThanOrEqual(320);
    };
    try {
      await page.goto(`/p/${programme}/decisions/${decision.id}`);
      await expect(page.getByRole("heading", { level: 2, name: trail })).toBeVisible();
      await expect(page.getByRole("heading", { level: 3, name: involvement.matter })).toBeVisible();
      await check("a decision's trail");
      await page.getByRole("link", { name: printable }).click();
      await expect(page.getByRole("heading", { level: 3, name: involvement.matter })).toBeVisible();
      await check("the printable trail");
      await page.goto(`/p/${programme}/projects/${project.id}/involvement-plan`);
      await expect(page.getByRole("heading", { level: 1, name: new RegExp(plan) })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: planned.matter })).toBeVisible();
      await check("the involvement plan");
      await page.getByRole("button", { name: add }).click();
      await opened(page.getByRole("dialog"));
      await expectAccessible(page);
      await expectNoRawKeys(page);
      await page.keyboard.press("Escape");
      await page.getByRole("article").filter({ hasText: planned.matter }).getByRole("link", { name: new RegExp(record) }).click();
      await expect(page.locator("form")).toBeVisible();
      await page.locator("summary").first().click();
      await check("the involvement form from the plan");
    } finally {
      for (const path of [
        `/api/v1/planned-involvements/${planned.id}`,
        `/api/v1/involvements/${involvement.id}`,
        `/api/v1/decisions/${decision.id}`,
      ]) {
        const current = await page.request.get(path, { headers });
        await page.request.delete(path, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
      }
    }
  });
}

// The import page with a dry run's errors showing, and the list pages' export buttons and
// import links, in every language on a phone's 320 px: no WCAG violation, no raw keys, and
// nothing wider than the screen. (Tasks are imported here, so that the people import's
// screenshot lists only its own spec's imports.)
for (const [locale, people, tasks, title, file, columns, dryRun, result, excel] of [
  ["nb", "Personer", "Oppgaver", "Importer oppgaver", "Fil", "Kolonnene", "Prøv (tørrkjøring)", "Resultat av tørrkjøringen", "Last ned Excel"],
  ["nn", "Personar", "Oppgåver", "Importer oppgåver", "Fil", "Kolonnane", "Prøv (tørrkøyring)", "Resultat av tørrkøyringa", "Last ned Excel"],
  ["en", "People", "Tasks", "Import tasks", "File", "The columns", "Try (dry run)", "Result of the dry run", "Download Excel"],
] as const) {
  test(`import page with a dry run's errors, and export buttons, at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const base = `/p/${programmeId(page)}`;
    const check = async (what: string) => {
      await expectAccessible(page);
      await expectNoRawKeys(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
    };

    await page.goto(`${base}/people`);
    await expect(page.getByRole("heading", { level: 1, name: people })).toBeVisible();
    await expect(page.getByRole("button", { name: excel })).toBeVisible();
    await check("the people page with its export buttons");
    await page.goto(base);
    await expect(page.getByRole("button", { name: excel }).first()).toBeVisible();
    await check("the programme page with the projects' and groups' files");

    await page.goto(`${base}/tasks`);
    await expect(page.getByRole("heading", { level: 1, name: tasks })).toBeVisible();
    await expect(page.getByRole("button", { name: excel })).toBeVisible();
    await check("the task list with its export buttons");
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await page.locator("summary", { hasText: columns }).click();
    await expect(page.getByRole("table", { name: columns })).toBeVisible();
    await page.getByLabel(file, { exact: true }).setInputFiles({
      name: "oppgaver-1.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`external_id;project_external_id;title;priority\r\na11y-${locale}-${Date.now()};finnes-ikke;Kartlegge dagens rutiner;viktig\r\n`),
    });
    await page.getByRole("button", { name: dryRun }).click();
    const region = page.getByRole("region", { name: result });
    await expect(region.getByRole("table")).toBeVisible();
    await check("the import page with a dry run's errors");
  });
}

/** The token of the link to an address's mail choices, as the e2e server (development key) signs it. */
function mailToken(email: string): string {
  const key = "development-only-signing-key-change-me";
  const address = email.trim().toLowerCase();
  const signature = createHmac("sha256", key).update(`samskap-mail-preferences\u0000${address}`).digest("base64url");
  return `${Buffer.from(address).toString("base64url")}.${signature}`;
}

// Personal settings, notifications, the programme's settings and webhooks, and the mail choices'
// public page, in every language on a phone's 320 px.
for (const [locale, settings, notifications, programmeSettings, webhooks, mailPage] of [
  ["nb", "Innstillinger", "Varsler", "Innstillinger for programmet", "Webhooker", "E-post fra Samskap"],
  ["nn", "Innstillingar", "Varsel", "Innstillingar for programmet", "Webhookar", "E-post frå Samskap"],
  ["en", "Settings", "Notifications", "Programme settings", "Webhooks", "E-mail from Samskap"],
] as const) {
  test(`settings, notifications, webhooks and mail choices at 320 px in ${locale}`, async ({ page, browser, baseURL }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "programmeAdmin");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const hook = await page.request.post("/api/v1/webhooks", {
      headers,
      data: { programme_id: programme, url: `https://intranett.kommune.example/hooks/${locale}`, event_types: ["deadline.created"] },
    });
    expect(hook.status()).toBe(201);
    const webhook = await hook.json();
    const check = async (what: string) => {
      await expectAccessible(page);
      await expectNoRawKeys(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
    };
    try {
      for (const [path, heading] of [
        ["/settings", settings],
        ["/notifications", notifications],
        [`/p/${programme}/settings`, programmeSettings],
        [`/p/${programme}/webhooks`, webhooks],
        [`/p/${programme}/webhooks/${webhook.id}`, webhook.url],
      ]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await expect(page.getByRole("img", { name: /^(Laster|Lastar|Loading) …$/ })).toHaveCount(0);
        await check(path);
      }
      const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 720 } });
      const visitor = await context.newPage();
      await visitor.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
      await visitor.goto(`/mail-preferences/${mailToken(ACCOUNTS.programmeAdmin.email)}`);
      await expect(visitor.getByRole("heading", { level: 1, name: mailPage })).toBeVisible();
      await expect(visitor.getByRole("checkbox").first()).toBeVisible();
      await expectAccessible(visitor);
      await expectNoRawKeys(visitor);
      expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await context.close();
    } finally {
      await page.request.delete(`/api/v1/webhooks/${webhook.id}`, {
        headers: { ...headers, "If-Match": hook.headers()["etag"] ?? `"${webhook.version}"` },
      });
    }
  });
}

// The accessibility statement, reached from the login page's footer without an account, in
// every language on a phone's 320 px.
for (const [locale, login, statement, title] of [
  ["nb", "Logg inn", "Tilgjengelighetserklæring", "Tilgjengelighetserklæring for Samskap"],
  ["nn", "Logg inn", "Tilgjengelegheitserklæring", "Tilgjengelegheitserklæring for Samskap"],
  ["en", "Log in", "Accessibility statement", "Accessibility statement for Samskap"],
] as const) {
  test(`the accessibility statement from the login page's footer in ${locale}`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 720 } });
    const visitor = await context.newPage();
    await visitor.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await visitor.goto("/login");
    await expect(visitor).toHaveTitle(`${login} – Samskap`);
    await visitor.getByRole("contentinfo").getByRole("link", { name: statement }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByRole("link", { name: /@|^https?:/ })).toBeVisible();
    await expectAccessible(visitor);
    await expectNoRawKeys(visitor);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });
}

// The set-up forms and dialogs of projects, phases and groups, in every language on a phone's
// 320 px: no WCAG violation, no raw keys, nothing wider than the screen. Nothing is saved.
for (const [locale, newProject, editProject, addPhase, newGroup, editGroup, seat] of [
  ["nb", "Nytt prosjekt", "Rediger prosjektet", "Legg til fase", "Ny gruppe", "Rediger gruppen", /^Endre vervet til/],
  ["nn", "Nytt prosjekt", "Rediger prosjektet", "Legg til fase", "Ny gruppe", "Rediger gruppa", /^Endre vervet til/],
  ["en", "New project", "Edit the project", "Add a phase", "New group", "Edit the group", /^Change .*'s seat$/],
] as const) {
  test(`project and group set-up forms at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    const programme = programmeId(page);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const get = async (path: string) =>
      (await page.request.get(path, { headers: { Authorization: `Bearer ${token}` } })).json();
    const [project] = (await get(`/api/v1/projects?programme_id=${programme}&code=VO1`)).items;
    const [group] = (await get(`/api/v1/groups?project_id=${project.id}&kind=working_group`)).items;
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const check = async (what: string) => {
      await expectAccessible(page);
      await expectNoRawKeys(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
    };
    const inDialog = async (opener: string | RegExp, what: string) => {
      await page.getByRole("button", { name: opener }).first().click();
      const dialog = page.getByRole("dialog");
      await opened(dialog);
      await check(what);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    };

    await page.goto(`/p/${programme}`);
    await inDialog(newProject, "the new project dialog");
    await page.goto(`/p/${programme}/projects/${project.id}`);
    await page.getByRole("button", { name: editProject }).click();
    await expect(page.getByRole("form", { name: editProject })).toBeVisible();
    await page.getByRole("button", { name: addPhase, exact: true }).click();
    // The button gives way to its form.
    await expect(page.getByRole("button", { name: addPhase, exact: true })).toHaveCount(0);
    await check("the project page with its forms open");
    await inDialog(newGroup, "the new group dialog");
    await page.goto(`/p/${programme}/groups/${group.id}`);
    await inDialog(editGroup, "the group dialog");
    await inDialog(seat, "the seat dialog");
  });
}

// Every kind of dialog the app has, scanned while it is open (on a phone's 320 px, where a
// dialog has the least room): the forms that make and edit records, a confirmation
// (ConfirmDialog), a webhook's secret shown once, and the choice between one's own change and
// someone else's newer one (ConflictDialog). Nothing is saved, except a changed task title and
// a webhook's new secret.
test("every kind of dialog passes axe while open", async ({ page, request }) => {
  test.setTimeout(300_000);
  const r = await demoRecords(request);
  const nf = `/p/${r.nordreFollo}`;
  const sorum = `/p/${r.sorum}`;
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, "admin");
  const scan = async (what: string) => {
    const dialog = page.getByRole("dialog");
    await opened(dialog);
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} is wider than the screen`).toBeLessThanOrEqual(320);
    return dialog;
  };
  for (const [path, opener] of [
    [`${nf}/tasks`, "Ny oppgave"],
    [`${nf}/deadlines`, "Ny frist"],
    [`${nf}/events`, "Nytt møte"],
    [`${nf}/events/${r.event}`, "Slett møtet"],
    [`${nf}/decisions`, "Nytt vedtak"],
    [`${nf}/hearings`, "Ny høring"],
    [`${nf}/hearings/${r.hearing}`, "Registrer uttalelse"],
    [`${nf}/ideas`, "Nytt forslag"],
    [`${nf}/surveys`, "Ny kartlegging"],
    [`${nf}/projects/${r.project}/involvement-plan`, "Planlegg medvirkning"],
    [`${nf}/webhooks`, "Ny webhook"],
    [`${sorum}/goals`, "Nytt mål"],
    [`${sorum}/measures`, "Nytt tiltak"],
    [`${sorum}/criteria`, "Nytt kriterium"],
    [`${sorum}/indicators`, "Ny indikator"],
    [`${sorum}/indicators/${r.indicator}`, "Legg til måling"],
  ]) {
    await page.goto(path);
    await page.getByRole("button", { name: opener, exact: true }).first().click({ timeout: 30_000 });
    const dialog = await scan(`${opener} on ${path}`);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }

  // A confirmation, then the new secret it makes, shown once.
  await page.goto(`${nf}/webhooks/${r.webhook}`);
  await page.getByRole("button", { name: "Lag ny hemmelighet" }).click();
  const confirm = await scan("the confirmation of a new secret");
  await confirm.getByRole("button", { name: "Ja, fortsett" }).click();
  await expect(page.getByRole("dialog", { name: "Hemmeligheten til webhooken" })).toBeVisible();
  await scan("a webhook's secret");
  await page.getByRole("button", { name: "Jeg har tatt vare på den" }).click();

  // A task changed by someone else while its dialog is open: the choice between the versions.
  await page.goto(`${nf}/tasks`);
  const row = page.getByRole("table", { name: "Oppgaver, sortert etter frist" }).getByRole("row").nth(1);
  const title = (await row.getByRole("rowheader").innerText()).trim();
  await row.getByRole("button", { name: `Rediger ${title}` }).click();
  const editing = page.getByRole("dialog", { name: "Rediger oppgave" });
  await opened(editing);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const [task] = (await (await page.request.get(`/api/v1/tasks?programme_id=${r.nordreFollo}&q=${encodeURIComponent(title)}`, { headers })).json()).items;
  const current = await page.request.get(`/api/v1/tasks/${task.id}`, { headers });
  const changed = await page.request.patch(`/api/v1/tasks/${task.id}`, {
    headers: { ...headers, "If-Match": current.headers()["etag"], "Content-Type": "application/merge-patch+json" },
    data: { description: `Endret av en annen ${Date.now()}` },
  });
  expect(changed.status()).toBe(200);
  await editing.getByLabel("Beskrivelse").fill("Min egen beskrivelse");
  await editing.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("dialog", { name: "Noen andre har endret dette" })).toBeVisible();
  await scan("the choice between two versions of a task");
});

// The programme set-up pages at 320 px in every language: a new programme with a municipality
// chosen from the official list, and a programme's roles.
for (const [locale, newTitle, accessTitle, search] of [
  ["nb", "Nytt program", "Roller i programmet", "Søk etter kommune"],
  ["nn", "Nytt program", "Roller i programmet", "Søk etter kommune"],
  ["en", "New programme", "Roles in the programme", "Search for a municipality"],
] as const) {
  test(`programme set-up pages at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/login");
    const form = page.locator("form");
    await form.locator('input[type="email"]').fill(ACCOUNTS.admin.email);
    await form.locator('input[type="password"]').fill(ACCOUNTS.admin.password);
    await form.locator('button[type="submit"]').click();
    await page.getByRole("link", { name: "Nye Kristiansand 2020" }).click();
    await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
    const access = `/p/${programmeId(page)}/access`;
    const fits = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);

    await page.goto("/programmes/new");
    await expect(page.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
    await page.getByLabel(search).fill("0213");
    await page.getByRole("button", { name: /Ski \(0213\)/ }).click();
    await expect(page.getByRole("button", { name: /Ski \(0213\)/ })).toHaveCount(2);
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await fits();

    await page.goto(access);
    await expect(page.getByRole("heading", { level: 1, name: accessTitle })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await fits();
  });
}
