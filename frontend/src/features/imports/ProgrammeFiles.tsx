import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useId } from "react";
import { ExportButton } from "../../components/ExportButton";
import { useI18n } from "../../i18n";
import { ImportLink } from "./ImportLink";
import { ProgrammeArchive } from "./ProgrammeArchive";
import styles from "./imports.module.css";

/** The programme's projects and groups as files to download, their imports for editors, and
 * the whole programme as one file. */
export function ProgrammeFiles({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.files}>
      <Heading level={2} data-size="xs" id={headingId}>
        {t("imports.files.heading")}
      </Heading>
      <div className={styles.fileRow}>
        <Paragraph>{t("imports.files.projects")}</Paragraph>
        <ExportButton
          path="/api/v1/projects"
          query={{ programme_id: [programmeId], sort: "code" }}
          label={t("imports.files.exportProjects")}
        />
        <ImportLink programmeId={programmeId} resource="projects" />
      </div>
      <div className={styles.fileRow}>
        <Paragraph>{t("imports.files.groups")}</Paragraph>
        <ExportButton
          path="/api/v1/groups"
          query={{ programme_id: [programmeId], sort: "name" }}
          label={t("imports.files.exportGroups")}
        />
        <ImportLink programmeId={programmeId} resource="groups" />
        <ImportLink programmeId={programmeId} resource="group_members" />
      </div>
      <ProgrammeArchive programmeId={programmeId} />
    </section>
  );
}
