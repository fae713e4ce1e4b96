import { Button, Dialog, Heading, Paragraph, Radio, Fieldset } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useT } from "../i18n";
import type { EditConflict } from "../lib/conflict";
import styles from "./layout.module.css";
import { useFocusOnOpen } from "../lib/focus";

/**
 * Shown when a save met someone else's newer change: for every field the user changed that
 * now differs, both values side by side; the user picks, and the chosen values are saved
 * against the newest version.
 */
export function ConflictDialog({
  conflict,
  labels,
  display = (_, value) => (value === null || value === undefined || value === "" ? "—" : String(value)),
  onResolve,
  onCancel,
}: {
  conflict: EditConflict;
  labels: Record<string, string>;
  display?: (field: string, value: unknown) => string;
  onResolve: (changes: Record<string, unknown>, etag: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const current = conflict.current as Record<string, unknown>;
  const fields = Object.keys(conflict.mine).filter(
    (field) => JSON.stringify(conflict.mine[field]) !== JSON.stringify(current[field]),
  );
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const [choice, setChoice] = useState<Record<string, "mine" | "theirs">>(
    Object.fromEntries(fields.map((f) => [f, "mine"])),
  );
  const resolve = () => {
    const changes = Object.fromEntries(
      fields.filter((f) => choice[f] === "mine").map((f) => [f, conflict.mine[f]]),
    );
    onResolve(changes, conflict.etag);
  };
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onCancel} aria-labelledby="conflict-title">
      <Dialog.Block>
        <Heading level={2} data-size="sm" id="conflict-title">
          {t("conflict.title")}
        </Heading>
        <Paragraph>{t("conflict.explain")}</Paragraph>
      </Dialog.Block>
      <Dialog.Block>
        <div className={styles.stack}>
          {fields.length === 0 && <Paragraph>{t("conflict.nothingLeft")}</Paragraph>}
          {fields.map((field) => (
            <Fieldset key={field}>
              <Fieldset.Legend>{labels[field] ?? field}</Fieldset.Legend>
              <Radio
                name={`conflict-${field}`}
                label={`${t("conflict.theirs")}: ${display(field, current[field])}`}
                checked={choice[field] === "theirs"}
                onChange={() => setChoice({ ...choice, [field]: "theirs" })}
              />
              <Radio
                name={`conflict-${field}`}
                label={`${t("conflict.mine")}: ${display(field, conflict.mine[field])}`}
                checked={choice[field] === "mine"}
                onChange={() => setChoice({ ...choice, [field]: "mine" })}
              />
            </Fieldset>
          ))}
        </div>
      </Dialog.Block>
      <Dialog.Block>
        <div className={styles.actions}>
          <Button onClick={resolve}>{t("conflict.save")}</Button>
          <Button variant="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
