import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import { renderWithApp } from "../../test/render";
import { InvolvementChart } from "./InvolvementChart";

const project = (id: string, code: string, name: string) =>
  ({ id, code, name }) as Schemas["ProgrammeOverview"]["projects"][number];

const overview = (involvement: Schemas["InvolvementCount"][]) =>
  ({
    projects: [project("p1", "VO1", "Oppvekst"), project("p2", "VO2", "Helse")],
    involvement,
  }) as Schemas["ProgrammeOverview"];

describe("InvolvementChart", () => {
  it("counts involvement per project and stakeholder kind in a table", () => {
    renderWithApp(
      <InvolvementChart
        data={overview([
          { project_id: "p1", stakeholder_kind: "employees", count: 2 },
          { project_id: "p1", stakeholder_kind: "union_representatives", count: 3 },
          { project_id: null, stakeholder_kind: "employees", count: 1 },
        ])}
      />,
    );
    const table = screen.getByRole("table", { name: "Antall medvirkninger per prosjekt og gruppe" });
    const row = within(table).getByRole("row", { name: /VO1 Oppvekst/ });
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2", "3", "5"]);
    const whole = within(table).getByRole("row", { name: /Hele programmet/ });
    expect(within(whole).getAllByRole("cell").map((c) => c.textContent)).toEqual(["1", "0", "1"]);
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Prosjekt",
      "Ansatte",
      "Tillitsvalgte",
      "Sum",
    ]);
  });

  it("says so when nothing was recorded, in the chosen language", () => {
    renderWithApp(<InvolvementChart data={overview([])} />, { locale: "nn" });
    expect(screen.getByText("Ingen medverknad er registrert dei siste 90 dagane.")).toBeInTheDocument();
  });
});
