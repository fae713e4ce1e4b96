import { describe, expect, it } from "vitest";
import { daysBetween, entriesOf, pixelsPerDay, rowsOf, ticks, type Timeline } from "./gantt";

const timeline = {
  programme_id: "pr",
  from: "2018-01-01",
  to: "2019-12-31",
  today: "2019-06-15",
  projects: [{ id: "a", code: "A1", name: "Oppvekst", status: "active", starts_on: null, ends_on: null }],
  phases: [
    { id: "f1", project_id: "a", position: 1, name: "Oppstart", status: "completed", starts_on: "2018-02-01", ends_on: "2018-03-31" },
  ],
  phases_truncated: false,
  deadlines: [
    { id: "d1", project_id: null, title: "Arbeidsbok", due_at: "2018-01-31T23:30:00Z", status: "open", overdue: true },
  ],
  deadlines_truncated: false,
  decisions: [{ id: "v1", project_id: "a", title: "Mandat", decided_on: "2018-02-01", status: "final" }],
  decisions_truncated: false,
} as Timeline;

describe("the Gantt's arithmetic", () => {
  it("counts whole days across a change to summer time", () => {
    expect(daysBetween("2018-03-20", "2018-03-30")).toBe(10);
    expect(daysBetween("2018-01-01", "2019-01-01")).toBe(365);
  });

  it("fits the whole window, or a year, a quarter or a month, to the width", () => {
    expect(pixelsPerDay("all", 730, 730)).toBe(1);
    expect(pixelsPerDay("month", 730, 900)).toBe(30);
    expect(pixelsPerDay("year", 730, 730)).toBe(2);
    expect(pixelsPerDay("quarter", 730, 910)).toBe(10);
  });

  it("gives the programme as a whole a row only when something belongs to it", () => {
    expect(rowsOf(timeline, "Hele programmet").map((r) => r.label)).toEqual(["A1 Oppvekst", "Hele programmet"]);
    expect(rowsOf({ ...timeline, deadlines: [] }, "Hele programmet")).toHaveLength(1);
  });

  it("lists everything by day in Oslo time for the table", () => {
    expect(entriesOf(timeline).map((e) => [e.kind, e.day])).toEqual([
      ["phase", "2018-02-01"],
      ["deadline", "2018-02-01"],
      ["decision", "2018-02-01"],
    ]);
  });

  it("marks months, or only years when months would crowd", () => {
    const wide = ticks("2018-01-01", "2018-04-30", 10);
    expect(wide.map((t) => t.day)).toEqual(["2018-02-01", "2018-03-01", "2018-04-01"]);
    const narrow = ticks("2018-01-01", "2020-06-30", 0.5);
    expect(narrow).toEqual([
      { day: "2019-01-01", year: true },
      { day: "2020-01-01", year: true },
    ]);
  });
});
