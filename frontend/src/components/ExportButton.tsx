import { Alert, Button, Paragraph } from "@digdir/designsystemet-react";
import { useState } from "react";
import { ApiProblem } from "../api/problem";
import { useProblemWording } from "../api/problemWording";
import { downloadList, type ExportFormat, type ListQuery } from "../api/queries/exports";
import { useI18n } from "../i18n";
import styles from "./ExportButton.module.css";
import layout from "./layout.module.css";

const FORMATS: ExportFormat[] = ["csv", "xlsx"];
const STATUSES = [400, 401, 403, 404, 413, 422, 429];

/**
 * «Last ned CSV» and «Last ned Excel» for a list: the whole list as a file, with the filters
 * the page shows it with (`query`, as the list's JSON request sends them), fetched with the
 * session's token and saved under the name the API gives it. `label` names the buttons' group
 * where a page has more than one list.
 */
export function ExportButton({ path, query, label }: { path: string; query: ListQuery; label?: string }) {
  const { t } = useI18n();
  const { busy, done, error, run } = useDownload<ExportFormat>();
  const download = (format: ExportFormat) => run(format, () => downloadList(path, query, format));

  return (
    <div className={styles.export}>
      <div role="group" aria-label={label ?? t("export.label")} className={styles.buttons}>
        {FORMATS.map((format) => (
          <Button
            key={format}
            type="button"
            variant="secondary"
            data-size="sm"
            loading={busy === format}
            aria-disabled={(busy !== null && busy !== format) || undefined}
            onClick={() => busy === null && download(format)}
          >
            {t(`export.${format}`)}
          </Button>
        ))}
      </div>
      <p aria-live="polite" className={layout.visuallyHidden}>
        {busy ? t("export.busy") : done}
      </p>
      <DownloadProblem error={error} />
    </div>
  );
}

/**
 * A download's state: which one is busy (`key`), the line announced when it is done, and what
 * went wrong; `run` fetches and saves the file (the promise gives its name).
 */
export function useDownload<K>() {
  const { t } = useI18n();
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const run = async (key: K, fetchFile: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    setDone("");
    try {
      setDone(t("export.done", { filename: await fetchFile() }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return { busy, done, error, run };
}

/** Why a download failed, worded by status and by each error's code. */
export function DownloadProblem({ error }: { error: unknown }) {
  const { t } = useI18n();
  const word = useProblemWording();
  if (error === null) return null;
  const problem = error instanceof ApiProblem ? error : null;
  return (
    <Alert data-color="danger" role="alert" className={styles.problem}>
      <Paragraph>
        <strong>
          {t("export.failed")}{" "}
          {problem ? t(STATUSES.includes(problem.status) ? `problem.${problem.status}` : "problem.other") : t("problem.network")}
        </strong>
        {problem && problem.errors.length === 0 && problem.detail ? ` ${problem.detail}` : ""}
      </Paragraph>
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((item, i) => (
            <li key={i}>
              {item.parameter ? `${item.parameter}: ` : ""}
              {word(item)}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
