import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import { renderWithApp } from "../../test/render";
import { HealthAndFindings } from "./OverviewPage";
import { PhaseBar } from "./PhaseBar";

const project = (over: Partial<Schemas["ProjectSummary"]>) =>
  ({
    id: "p1",
    code: "VO1",
    name: "Oppvekst",
    health: "on_track",
    health_explanation: null,
    phase_plan: ["completed", "active", "not_started"],
    current_phase: { position: 2, name: "Kunnskapsgrunnlag", basis: "active" },
    findings: { law: 0, practice: 0 },
    ...over,
  }) as Schemas["ProjectSummary"];

describe("PhaseBar", () => {
  it("draws one step per phase and names how far the plan has come", () => {
    const { container } = renderWithApp(<PhaseBar project={project({})} />);
    expect(screen.getByRole("img", { name: "Faseplan: 1 av 3 faser fullført" })).toBeInTheDocument();
    const current = container.querySelectorAll("[data-current='true']");
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveAttribute("data-status", "active");
  });

  it("draws nothing for a project without phases", () => {
    const { container } = renderWithApp(<PhaseBar project={project({ phase_plan: [], current_phase: null })} />);
    expect(container.querySelector("[role='img']")).toBeNull();
  });
});

describe("HealthAndFindings", () => {
  it("says a green project's findings beside its health, with a link to them", () => {
    renderWithApp(
      <HealthAndFindings project={project({ findings: { law: 1, practice: 2 } })} base="/p/x" />,
    );
    expect(screen.getByText("I rute")).toBeInTheDocument();
    const link = screen.getByRole("link", { name: "3 avvik (1 mot lov eller avtale)" });
    expect(link).toHaveAttribute("href", "/p/x/compliance?findings=p1#findings");
  });

  it("says there are none when there are none, in English", () => {
    renderWithApp(
      <HealthAndFindings project={project({})} base="/p/x" />,
      { locale: "en" },
    );
    expect(screen.getByText("On track")).toBeInTheDocument();
    expect(screen.getByText("no findings")).toBeInTheDocument();
    expect(screen.queryByRole("link")).toBeNull();
  });
});
