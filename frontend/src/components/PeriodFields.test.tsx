import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../test/render";
import { PeriodFields } from "./PeriodFields";

describe("PeriodFields", () => {
  it("shows the two dates under their labels and reports a change by its field", () => {
    const onChange = vi.fn();
    renderWithApp(
      <PeriodFields
        className="row"
        values={{ starts_on: "2026-01-01", ends_on: "" }}
        labels={{ starts_on: "Fra", ends_on: "Til" }}
        errors={{}}
        onChange={onChange}
      />,
    );
    const from = screen.getByLabelText("Fra");
    const to = screen.getByLabelText("Til");
    expect(from).toHaveAttribute("type", "date");
    expect(from).toHaveValue("2026-01-01");
    expect(to).toHaveValue("");
    expect(from.compareDocumentPosition(to) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.change(to, { target: { value: "2026-06-30" } });
    expect(onChange).toHaveBeenCalledWith({ ends_on: "2026-06-30" });
    expect(from).not.toHaveAttribute("aria-invalid");
  });

  it("shows the API's objection at its own date only", () => {
    renderWithApp(
      <PeriodFields
        className="row"
        values={{ starts_on: "2026-06-30", ends_on: "2026-01-01" }}
        labels={{ starts_on: "Fra", ends_on: "Til" }}
        errors={{ ends_on: "Slutten kan ikke være før starten.", name: "Navn mangler." }}
        onChange={() => undefined}
      />,
    );
    const to = screen.getByLabelText("Til");
    expect(to).toHaveAttribute("aria-invalid", "true");
    expect(to).toHaveAccessibleDescription("Slutten kan ikke være før starten.");
    expect(screen.getByLabelText("Fra")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText("Navn mangler.")).not.toBeInTheDocument();
  });

  it("takes other names for the two dates, in the order given", () => {
    const onChange = vi.fn();
    const { container } = renderWithApp(
      <PeriodFields
        className="row"
        fields={["starts_on", "target_on"]}
        values={{ starts_on: "", target_on: "2027-01-01" }}
        labels={{ starts_on: "Oppstart", target_on: "Mål" }}
        errors={{ target_on: "Ugyldig dato." }}
        onChange={onChange}
      />,
    );
    expect(container.querySelector(".row")?.querySelectorAll("input[type=date]")).toHaveLength(2);
    expect(screen.getByLabelText("Mål")).toHaveValue("2027-01-01");
    expect(screen.getByLabelText("Mål")).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(screen.getByLabelText("Oppstart"), { target: { value: "2026-03-01" } });
    expect(onChange).toHaveBeenCalledWith({ starts_on: "2026-03-01" });
  });
});
