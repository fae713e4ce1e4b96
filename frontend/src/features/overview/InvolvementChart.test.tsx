import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import { renderWithApp } from "../../test/render";
import { InvolvementChart } from "./InvolvementChart";

type Involvement = Schemas["ProjectSummary"]["involvement"];

const project = (id: string, code: string, name: string, involvement: Involvement) =>
  ({ id, code, name, involvement }) as Schemas["ProjectSummary"];

const overview = (p1: Involvement, p2: Involvement, programme: Involvement = {}) =>
  ({
    projects: [project("p1", "VO1", "Oppvekst", p1), project("p2", "VO2", "Helse", p2)],
    programme_involvement: programme,
  }) as Schemas["ProgrammeOverview"];

describe("InvolvementChart", () => {
  it("counts involvement per project and stakeholder kind, and marks the projects with none", () => {
    renderWithApp(
      <InvolvementChart data={overview({ employees: 2, union_representatives: 3 }, {}, { employees: 1 })} />,
    );
    const table = screen.getByRole("table", { name: "Antall medvirkninger per prosjekt og gruppe" });
    const row = within(table).getByRole("row", { name: /VO1 Oppvekst/ });
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2", "3", "5"]);
    const none = within(table).getByRole("row", { name: /VO2 Helse/ });
    expect(within(none).getAllByRole("cell").map((c) => c.textContent)).toEqual(["0", "0", "0"]);
    expect(within(none).getByText("Ingen medvirkning")).toBeInTheDocument();
    const whole = within(table).getByRole("row", { name: /Hele programmet/ });
    expect(within(whole).getAllByRole("cell").map((c) => c.textContent)).toEqual(["1", "0", "1"]);
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Prosjekt",
      "Ansatte",
      "Tillitsvalgte",
      "Sum",
    ]);
    expect(screen.getByText("1 av 2 prosjekter har ingen registrert medvirkning.")).toBeInTheDocument();
  });

  it("keeps every project when nothing was recorded, in the chosen language", () => {
    renderWithApp(<InvolvementChart data={overview({}, {})} />, { locale: "nn" });
    expect(screen.getByText("2 av 2 prosjekt har inga registrert medverknad.")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Tal på medverknader per prosjekt og gruppe" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);
  });
});
