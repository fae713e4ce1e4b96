import { Alert, Paragraph } from "@digdir/designsystemet-react";
import type { ApiProblem } from "../../api/problem";
import { useI18n } from "../../i18n";
import { wordFileProblem } from "./wording";

/** A file the API could not read at all (422): what is wrong with it, naming the column. */
export function FileProblem({ problem }: { problem: ApiProblem }) {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const w = { t, formatDate, formatDateTime, formatNumber };
  const items = problem.errors.length ? problem.errors : [{ detail: problem.detail ?? problem.title }];
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>
        <strong>{t("imports.file.heading")}</strong>
      </Paragraph>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{wordFileProblem(item, w)}</li>
        ))}
      </ul>
      <Paragraph data-size="sm">{t("imports.file.nothingStored")}</Paragraph>
    </Alert>
  );
}
