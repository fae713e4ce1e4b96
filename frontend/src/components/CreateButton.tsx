import { Button } from "@digdir/designsystemet-react";
import { useState, type ReactNode } from "react";
import { focusWhenPresent } from "../lib/focus";

/**
 * A «Ny …» button and the dialog it opens. `dialog(close)` renders the dialog, which calls
 * `close(created)`: a dialog closed without creating anything gives focus back to the button;
 * a created record's page opens instead and takes focus itself.
 */
export function CreateButton({ label, dialog }: { label: string; dialog: (close: (created: boolean) => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  // The button itself, kept as state (a callback ref): `close` is handed to the dialog while rendering.
  const [opener, setOpener] = useState<HTMLButtonElement | null>(null);
  const close = (created: boolean) => {
    setOpen(false);
    if (!created) focusWhenPresent(() => opener);
  };
  return (
    <>
      <Button ref={setOpener} variant="secondary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && dialog(close)}
    </>
  );
}
