import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Locale } from "../../i18n";
import { renderWithApp } from "../../test/render";
import { fakeApi, problem } from "../projects/testing";
import { TaskDialog } from "./TaskDialog";

const PROJECT = { id: "0193a0e4-7c1e-7000-8000-000000000002", name: "Oppvekst" };
const PERSON = { id: "0193a0e4-7c1e-7000-8000-0000000000a1", name: "Line Aasheim" };

// What the API answers when the person has left the programme and the description is too long.
const refusal = problem(422, [
  { pointer: "/assignee_id", code: "unknown_reference", detail: "no person with this id in the programme" },
  {
    pointer: "/description",
    code: "string_too_long",
    params: { max_length: "20000" },
    detail: "String should have at most 20000 characters",
  },
  { pointer: "/due_on", code: "a_rule_this_app_does_not_know", detail: "due on a day the office is open" },
]);

async function submitIn(locale: Locale, labels: { title: string; project: string; assignee: string; create: string }) {
  fakeApi({ "POST /api/v1/tasks": refusal });
  const user = userEvent.setup();
  renderWithApp(
    <TaskDialog task={null} projects={[PROJECT]} people={[PERSON]} onClose={() => {}} onConflict={() => {}} />,
    { locale },
  );
  const dialog = screen.getByRole("dialog");
  await user.selectOptions(within(dialog).getByRole("combobox", { name: labels.project }), PROJECT.name);
  await user.type(within(dialog).getByRole("textbox", { name: labels.title }), "Revidere arbeidsboken");
  await user.selectOptions(within(dialog).getByRole("combobox", { name: labels.assignee }), PERSON.name);
  await user.click(within(dialog).getByRole("button", { name: labels.create }));
  const assignee = within(dialog).getByRole("combobox", { name: labels.assignee });
  await waitFor(() => expect(assignee).toHaveAttribute("aria-invalid", "true"));
  return dialog;
}

afterEach(() => vi.unstubAllGlobals());

describe("TaskDialog", () => {
  test("marks its required fields as its note says: an asterisk at the label and required on the field", () => {
    renderWithApp(
      <TaskDialog task={null} projects={[PROJECT]} people={[PERSON]} onClose={() => {}} onConflict={() => {}} />,
    );
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("Felt merket med * må fylles ut.")).toBeInTheDocument();
    for (const field of [
      within(dialog).getByRole("combobox", { name: "Prosjekt" }),
      within(dialog).getByRole("textbox", { name: "Tittel" }),
    ]) {
      expect(field).toBeRequired();
      expect(document.querySelector(`label[for="${field.id}"]`)).toHaveTextContent(/\*$/);
    }
    const description = within(dialog).getByRole("textbox", { name: "Beskrivelse" });
    expect(description).not.toBeRequired();
    expect(document.querySelector(`label[for="${description.id}"]`)).not.toHaveTextContent("*");
  });

  test("words the API's field errors from their codes in bokmål", async () => {
    const dialog = await submitIn("nb", {
      title: "Tittel",
      project: "Prosjekt",
      assignee: "Ansvarlig",
      create: "Opprett oppgave",
    });
    expect(within(dialog).getByRole("combobox", { name: "Ansvarlig" })).toHaveAccessibleDescription(
      "Velg en person i programmet.",
    );
    expect(within(dialog).getByRole("textbox", { name: "Beskrivelse" })).toHaveAccessibleDescription(
      /^Kan ha høyst 20\s000 tegn\.$/,
    );
    // A code the app does not know yet: the API's own text, never an empty message.
    expect(within(dialog).getByLabelText("Frist")).toHaveAccessibleDescription("due on a day the office is open");
  });

  test("words the same errors in English", async () => {
    const dialog = await submitIn("en", {
      title: "Title",
      project: "Project",
      assignee: "Assignee",
      create: "Create task",
    });
    expect(within(dialog).getByRole("combobox", { name: "Assignee" })).toHaveAccessibleDescription(
      "Choose a person in the programme.",
    );
    expect(within(dialog).getByRole("textbox", { name: "Description" })).toHaveAccessibleDescription(
      "Must have at most 20,000 characters.",
    );
  });
});
