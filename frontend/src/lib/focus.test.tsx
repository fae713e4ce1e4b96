import { Dialog } from "@digdir/designsystemet-react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, test } from "vitest";
import { focusWhenPresent, useFocusOnOpen } from "./focus";

function DialogForm({ onClose }: { onClose: () => void }) {
  const ref = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={ref} open modal closeButton="Lukk" onClose={onClose}>
      <label>
        Tittel <input />
      </label>
      <button type="button" onClick={onClose}>
        Avbryt
      </button>
    </Dialog>
  );
}

function InPlace() {
  const [open, setOpen] = useState(false);
  const ref = useFocusOnOpen<HTMLFormElement>(open);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Legg til
      </button>
      {open && (
        <form ref={ref}>
          <label>
            Navn <input />
          </label>
          <button type="button" onClick={() => setOpen(false)}>
            Avbryt
          </button>
        </form>
      )}
    </>
  );
}

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Ny
      </button>
      {open && <DialogForm onClose={() => setOpen(false)} />}
    </>
  );
}

describe("useFocusOnOpen", () => {
  test("a dialog opens on its first field, not its close button, and gives focus back to its opener", async () => {
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole("button", { name: "Ny" }));
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Tittel" }));
    await user.click(screen.getByRole("button", { name: "Avbryt" }));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Ny" }));
  });

  test("an in-place form takes focus when it opens and returns it when it closes", async () => {
    const user = userEvent.setup();
    render(<InPlace />);
    await user.click(screen.getByRole("button", { name: "Legg til" }));
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Navn" }));
    await user.click(screen.getByRole("button", { name: "Avbryt" }));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Legg til" }));
  });
});

describe("focusWhenPresent", () => {
  test("focuses the record once it appears", async () => {
    const { rerender } = render(<ul />);
    focusWhenPresent(() => document.getElementById("row-1"));
    rerender(
      <ul>
        <li>
          <a id="row-1" href="#1">
            Ny oppgave
          </a>
        </li>
      </ul>,
    );
    await act(async () => {});
    expect(document.activeElement).toBe(screen.getByRole("link", { name: "Ny oppgave" }));
  });

  test("gives up when the user presses a key before the record appears", async () => {
    const user = userEvent.setup();
    const { rerender } = render(<input aria-label="Søk" />);
    focusWhenPresent(() => document.getElementById("row-1"));
    await user.click(screen.getByRole("textbox", { name: "Søk" }));
    rerender(
      <>
        <input aria-label="Søk" />
        <a id="row-1" href="#1">
          Ny oppgave
        </a>
      </>,
    );
    await act(async () => {});
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Søk" }));
  });
});
