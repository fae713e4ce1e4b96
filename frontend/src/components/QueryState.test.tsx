import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiProblem } from "../api/problem";
import "../features/webhooks/messages";
import { renderWithApp } from "../test/render";
import { ProblemAlert } from "./QueryState";

const conflict = (code: string, pointer?: string) =>
  new ApiProblem(409, {
    title: "Conflict",
    detail: "The webhook is not active: switch it on first.",
    errors: [{ code, detail: "not active", ...(pointer ? { pointer } : {}) }],
  });

describe("ProblemAlert", () => {
  it("words a refusal by its code in the user's language when there is a sentence for it", () => {
    renderWithApp(<ProblemAlert error={conflict("webhook_inactive")} />, { locale: "nn" });
    expect(screen.getByRole("alert")).toHaveTextContent("Slå han på før du sender noko til han.");
    expect(screen.getByRole("alert")).not.toHaveTextContent("not active");
  });

  it("keeps the API's detail for a code without a sentence, or one about a field", () => {
    renderWithApp(<ProblemAlert error={conflict("something_new")} />);
    expect(screen.getByRole("alert")).toHaveTextContent("The webhook is not active: switch it on first.");
    renderWithApp(<ProblemAlert error={conflict("already_in_use", "/external_id")} />);
    expect(screen.getAllByRole("alert")[1]).toHaveTextContent("The webhook is not active");
  });
});
