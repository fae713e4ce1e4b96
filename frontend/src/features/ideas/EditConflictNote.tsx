import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { useI18n } from "../../i18n";

/** Someone changed the idea meanwhile: it has been read again, and nothing of theirs is lost. */
export function EditConflictNote() {
  const { t } = useI18n();
  return (
    <Alert data-color="warning" role="alert">
      <Paragraph>{t("ideas.error.stale")}</Paragraph>
    </Alert>
  );
}
