import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { aPerson, fakeApi, PROGRAMME_ID, renderPage } from "../projects/testing";
import { NewPersonForm } from "./NewPersonForm";

const MUNICIPALITIES = [{ name: "Ski", number: "0213" }];

const render = (onDone = vi.fn()) => {
  renderPage(<NewPersonForm programmeId={PROGRAMME_ID} municipalities={MUNICIPALITIES} onDone={onDone} />, {
    route: "/",
    url: "/",
  });
  return onDone;
};

afterEach(() => vi.unstubAllGlobals());

describe("NewPersonForm", () => {
  test("sends the person with blank fields as none, and asks the union only of a union representative", async () => {
    const api = fakeApi({ "POST /api/v1/people": { status: 201, body: aPerson({ name: "Kari Nordmann" }) } });
    const user = userEvent.setup();
    const onDone = render();
    expect(screen.queryByRole("textbox", { name: "Fagforening" })).not.toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Navn" }), "  Kari Nordmann ");
    await user.type(screen.getByRole("textbox", { name: "Stillingstittel" }), "   ");
    await user.selectOptions(screen.getByRole("combobox", { name: "Kommune" }), "Ski");
    await user.selectOptions(screen.getByRole("combobox", { name: "Tilknytning" }), "Tillitsvalgt");
    await user.type(screen.getByRole("textbox", { name: "Fagforening" }), "Fagforbundet");
    await user.click(screen.getByRole("button", { name: "Legg til person" }));

    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith("Kari Nordmann"));
    expect(api.made("POST", "/api/v1/people")[0].body).toEqual({
      programme_id: PROGRAMME_ID,
      name: "Kari Nordmann",
      email: null,
      title: null,
      organisation_unit: null,
      municipality_number: "0213",
      affiliation: "union_representative",
      union: "Fagforbundet",
    });
  });

  test("a person without a name is refused at the name before the API", async () => {
    const api = fakeApi({});
    const user = userEvent.setup();
    const onDone = render();
    await user.click(screen.getByRole("button", { name: "Legg til person" }));
    const name = screen.getByRole("textbox", { name: "Navn" });
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription("Skriv inn navnet.");
    expect(api.calls).toHaveLength(0);
    expect(onDone).not.toHaveBeenCalled();
  });
});
