import { Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "react-router-dom";
import { submissionQuery, versionQuery } from "../../api/queries/workbooks";
import { useT } from "../../i18n";

/** What a hearing hears when it is a submission's version: «title», version label, linking to its workbook. */
export function HeardVersion({ programmeId, versionId }: { programmeId: string; versionId: string }) {
  const t = useT();
  const version = useQuery(versionQuery(versionId));
  const submission = useQuery({
    ...submissionQuery(version.data?.submission_id ?? ""),
    enabled: Boolean(version.data),
  });
  if (!version.data || !submission.data) {
    return <Paragraph>{version.isError || submission.isError ? t("hearings.heard.unavailable") : t("hearings.heard.loading")}</Paragraph>;
  }
  return (
    <Paragraph>
      {t("hearings.heard")}{" "}
      <Link asChild>
        <RouterLink to={`/p/${programmeId}/submissions/${submission.data.id}`}>
          {t("hearings.heard.version", { title: submission.data.title, label: version.data.label })}
        </RouterLink>
      </Link>
    </Paragraph>
  );
}
