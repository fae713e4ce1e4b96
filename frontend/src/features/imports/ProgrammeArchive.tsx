import { Button, Paragraph } from "@digdir/designsystemet-react";
import { DownloadProblem, useDownload } from "../../components/ExportButton";
import layout from "../../components/layout.module.css";
import { downloadWithToken } from "../../api/queries/exports";
import { useI18n } from "../../i18n";
import { osloToday } from "../../lib/time";
import { useMayImport } from "./access";
import styles from "./imports.module.css";

/**
 * The whole programme as one ZIP (GET /programmes/{id}/export: one JSON Lines file per kind
 * of record and a manifest), which an import reads back into an empty programme; for editors
 * and up, as the API allows.
 */
export function ProgrammeArchive({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const { busy, done, error, run } = useDownload<"zip">();
  if (!useMayImport(programmeId)) return null;
  const download = () =>
    run("zip", () =>
      downloadWithToken(`/api/v1/programmes/${programmeId}/export`, `samskap-program-${osloToday()}.zip`),
    );
  return (
    <div className={styles.fileRow}>
      <Paragraph>{t("imports.files.programme")}</Paragraph>
      <Button type="button" variant="secondary" data-size="sm" loading={busy !== null} onClick={() => busy === null && download()}>
        {t("imports.files.exportProgramme")}
      </Button>
      <p aria-live="polite" className={layout.visuallyHidden}>
        {busy ? t("export.busy") : done}
      </p>
      <DownloadProblem error={error} />
    </div>
  );
}
