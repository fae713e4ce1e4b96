import { Alert, Button, Dialog, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useId } from "react";
import { useT } from "../../i18n";
import layout from "../../components/layout.module.css";
import { CopyValue } from "../../components/CopyValue";
import { useFocusOnOpen } from "../../lib/focus";

/** A webhook's secret, shown this once (after it is made or replaced), with a copy button and a warning. */
export function SecretDialog({ secret, url, onClose }: { secret: string; url: string; onClose: () => void }) {
  const t = useT();
  const headingId = useId();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("webhooks.secret.title")}
        </Heading>
        <Paragraph data-size="sm" className={layout.stack} style={{ overflowWrap: "anywhere" }}>
          {url}
        </Paragraph>
      </Dialog.Block>
      <Dialog.Block>
        <div className={layout.stack}>
          <Alert data-color="warning">
            <Paragraph>{t("webhooks.secret.warning")}</Paragraph>
          </Alert>
          <CopyValue label={t("webhooks.secret.label")} value={secret} />
          <Paragraph>{t("webhooks.secret.explain")}</Paragraph>
          <div className={layout.actions}>
            <Button onClick={onClose}>{t("webhooks.secret.done")}</Button>
          </div>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
