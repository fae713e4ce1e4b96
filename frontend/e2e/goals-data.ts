import { expect, type Page } from "@playwright/test";

/** The 19 goals of Nordre Follo's municipal plan in their 4 themes, as seed 002 lists them. */
export const PLAN_GOALS: [string, string[]][] = [
  [
    "Sammen for ny kommune",
    [
      "Sammen utvikler vi Nordre Follo kommune.",
      "Nordre Follo kommune er attraktiv for næringslivet.",
      "Nordre Follo kommune involverer brukere og innbyggere i utforming av tjenestene.",
      "Nordre Follo kommune har en bærekraftig økonomi.",
      "Nordre Follo kommune er en attraktiv arbeidsgiver og en organisasjon i utvikling.",
    ],
  ],
  [
    "Trygg oppvekst",
    [
      "Barn og unge i Nordre Follo kommune opplever trygghet og mestring.",
      "Barn og unge i Nordre Follo kommune medvirker, sier sin mening og blir hørt.",
      "Barn og unge i Nordre Follo kommune får realisert sitt potensiale for utvikling og læring.",
      "Barn og unge i Nordre Follo kommune har mulighet til hvile, fritid og lek og deltar i idrett, fysisk aktivitet og kulturaktiviteter.",
    ],
  ],
  [
    "Aktiv hele livet",
    [
      "Innbyggerne i Nordre Follo kommune mestrer sin egen hverdag.",
      "Innbyggerne i Nordre Follo kommune bor godt og trygt.",
      "Innbyggerne i Nordre Follo kommune er fysisk aktive hele livet.",
      "Innbyggerne i Nordre Follo kommune har tilgang til gode møteplasser og varierte kulturopplevelser.",
    ],
  ],
  [
    "Byvekst med grønne kvaliteter",
    [
      "Nordre Follo kommune har attraktive og levende byer og tettsteder.",
      "Nordre Follo kommune tar miljøansvar og er en foregangskommune på vei mot lavutslippssamfunnet.",
      "Nordre Follo kommune er rustet for klimaendringer.",
      "Nordre Follo kommune legger til rette for et bærekraftig landbruk basert på lokale ressurser.",
      "Nordre Follo kommune tar ansvar for samfunnssikkerhet og beredskap.",
      "Nordre Follo kommune forvalter natur og arealressurser på en bærekraftig måte.",
    ],
  ],
];

/** The API as the logged-in user, with the session's token, for setting up what the test needs. */
export async function api(page: Page, path: string, method = "GET", data?: Record<string, unknown>) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (method === "DELETE" || method === "PATCH") {
    const current = await page.request.get(path, { headers });
    headers["If-Match"] = current.headers()["etag"];
  }
  const response = await page.request.fetch(path, { method, headers, data });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

/** The programme's goal catalogue: the plan's 19 goals, made through the API unless it has some already. */
export async function ensureCatalogue(page: Page, programme: string) {
  const existing = await api(page, `/api/v1/goals?programme_id=${programme}&in_catalogue=true&limit=500`);
  if (existing.items.length > 0) return existing.items;
  let order = 0;
  for (const [theme, titles] of PLAN_GOALS) {
    for (const title of titles) {
      order += 1;
      await api(page, "/api/v1/goals", "POST", {
        programme_id: programme,
        kind: "societal",
        title,
        theme,
        status: "active",
        in_catalogue: true,
        sort_order: order,
        external_id: `kommuneplan-mal-${order}`,
      });
    }
  }
  return (await api(page, `/api/v1/goals?programme_id=${programme}&in_catalogue=true&limit=500`)).items;
}
