import { Button, Dialog, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useId } from "react";
import { useT } from "../i18n";
import { ProblemAlert } from "./QueryState";
import layout from "./layout.module.css";
import { useFocusOnOpen } from "../lib/focus";

/** Asks before something that cannot be undone; focus goes back to the opener afterwards. */
export function ConfirmDialog({
  title,
  message,
  confirm,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirm: string;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onCancel} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <div className={layout.stack}>
          {error ? <ProblemAlert error={error} /> : null}
          <Paragraph>{message}</Paragraph>
          <div className={layout.actions}>
            <Button data-color="danger" onClick={onConfirm} aria-busy={busy}>
              {confirm}
            </Button>
            <Button variant="secondary" onClick={onCancel} data-autofocus>
              {t("common.cancel")}
            </Button>
          </div>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
