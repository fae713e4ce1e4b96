import { useRef, useState } from "react";
import { useT } from "../i18n";
import layout from "./layout.module.css";
import { focusWhenPresent } from "../lib/focus";

/**
 * The state of a page's «Rediger» button and the form it opens in its place: `open(what)` opens
 * the form on what is to be changed (a record with its version, say), `done(saved)` closes it,
 * gives focus back to the button (`editButton`, its ref) and has `savedStatus`, a polite status
 * line to render beside them, say «Lagret» when the form saved.
 */
export function useEditInPlace<T>() {
  const t = useT();
  const [editing, setEditing] = useState<T | null>(null);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const open = (what: T) => {
    setSaved(false);
    setEditing(what);
  };
  const done = (didSave: boolean) => {
    setEditing(null);
    setSaved(didSave);
    focusWhenPresent(() => editButton.current);
  };
  const savedStatus = (
    <div role="status" className={layout.visuallyHidden}>
      {saved ? t("common.saved") : ""}
    </div>
  );
  return { editing, open, done, editButton, savedStatus };
}
