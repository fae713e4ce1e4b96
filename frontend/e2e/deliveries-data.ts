import { expect, type Page } from "@playwright/test";
import { programmeId } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;

/** Four areas' workbooks with versions 1 to 3 in the programme the page is in: each version
 * answers a deadline of its own, so that the matrix shows on time, late, missing and pending.
 * Returns a function that deletes what it made. */
export async function fillMatrix(page: Page): Promise<() => Promise<void>> {
  const programme = programmeId(page);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const made: string[] = [];
  const post = async (path: string, data: Record<string, unknown>) => {
    const response = await page.request.post(path, { headers, data });
    expect(response.status(), path).toBe(201);
    const record = await response.json();
    made.push(`${path}/${record.id}`);
    return record;
  };
  const projects = (await (await page.request.get(`/api/v1/projects?programme_id=${programme}&limit=4`, { headers })).json()).items;
  const people = (await (await page.request.get(`/api/v1/people?programme_id=${programme}&limit=1`, { headers })).json()).items;
  const template = await post("/api/v1/templates", {
    programme_id: programme,
    title: `Mal for innspill ${Date.now()}`,
    sections: [{ key: "organisering", title: "Organisering og ledernivåer", max_length: 4000 }],
  });
  const now = Date.now();
  // Per area and version: [days from now the deadline is due, submitted now?]
  const plan: [number, boolean][][] = [
    [[3, true], [3, true], [10, false]],
    [[3, true], [-2, true], [10, false]],
    [[3, true], [-1, false], [10, false]],
    [[3, true], [3, true], [-3, false]],
  ];
  for (const [index, project] of projects.slice(0, 4).entries()) {
    const submission = await post("/api/v1/submissions", {
      programme_id: programme,
      title: `Arbeidsbok ${project.code} ${now}`,
      template_id: template.id,
      project_id: project.id,
    });
    for (const [n, [days, submit]] of plan[index].entries()) {
      const deadline = await post("/api/v1/deadlines", {
        programme_id: programme,
        title: `Arbeidsbok versjon ${n + 1}: ${project.code} ${now}`,
        due_at: new Date(now + days * DAY).toISOString(),
        responsible_person_id: people[0].id,
        project_id: project.id,
      });
      const version = await post("/api/v1/submission-versions", {
        submission_id: submission.id,
        label: String(n + 1),
        position: n + 1,
        deadline_id: deadline.id,
        sections: { organisering: "To ledernivåer under kommunalsjef." },
      });
      if (submit) {
        const response = await page.request.post(`/api/v1/submission-versions/${version.id}/submit`, {
          headers: { ...headers, "If-Match": `"${version.version}"` },
        });
        expect(response.status()).toBe(200);
      }
    }
  }
  return async () => {
    // Submissions first (their versions go with them), then deadlines and the template.
    const order = [...made].sort(
      (a, b) => Number(!a.includes("/submissions/")) - Number(!b.includes("/submissions/")),
    );
    for (const record of order) {
      if (record.includes("/submission-versions/")) continue;
      const current = await page.request.get(record, { headers });
      if (current.status() !== 200) continue;
      await page.request.delete(record, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
    }
  };
}
