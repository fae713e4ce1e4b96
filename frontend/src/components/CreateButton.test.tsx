import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApp } from "../test/render";
import { CreateButton } from "./CreateButton";

const render = () =>
  renderWithApp(
    <>
      <CreateButton
        label="Ny gruppe"
        dialog={(close) => (
          <div role="dialog" aria-label="Ny gruppe">
            <button onClick={() => close(false)}>Avbryt</button>
            <button onClick={() => close(true)}>Opprett</button>
          </div>
        )}
      />
      <a href="#ny">Den nye gruppen</a>
    </>,
  );

describe("CreateButton", () => {
  it("opens its dialog, and a dialog closed without creating gives focus back to the button", async () => {
    const user = userEvent.setup();
    render();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ny gruppe" }));
    await user.click(screen.getByRole("button", { name: "Avbryt" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Ny gruppe" })).toHaveFocus());
  });

  it("leaves focus to the created record's page when the dialog created one", async () => {
    const user = userEvent.setup();
    render();
    await user.click(screen.getByRole("button", { name: "Ny gruppe" }));
    await user.click(screen.getByRole("button", { name: "Opprett" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    screen.getByRole("link", { name: "Den nye gruppen" }).focus();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(screen.getByRole("link", { name: "Den nye gruppen" })).toHaveFocus();
  });
});
