import { Button, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useProblemWording } from "../../api/problemWording";
import { ApiProblem } from "../../api/problem";
import {
  DOCUMENT_KINDS,
  PUBLIC_ACCESS,
  documentsQuery,
  downloadFile,
  fileMetadata,
  useDeleteDocument,
  type DocumentFilters,
  type DocumentKind,
  type DocumentRecord,
  type PublicAccess,
  documentListQuery,
} from "../../api/queries/documents";
import { namesById, projectNamesQuery } from "../../api/queries/lookups";
import { FilterSelect } from "../../components/FilterSelect";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import { ProblemAlert } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import { DocumentDialog, WORDING } from "./DocumentDialog";
import own from "./documents.module.css";
import { ExportButton } from "../../components/ExportButton";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters live in the URL, so what one sees can be bookmarked and shared. */
function useDocumentParams() {
  const [params, set] = useQueryParams();
  const kind = params.get("kind");
  const access = params.get("access");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const filters: DocumentFilters = {
    kind: DOCUMENT_KINDS.includes(kind as DocumentKind) ? (kind as DocumentKind) : undefined,
    publicAccess: PUBLIC_ACCESS.includes(access as PublicAccess) ? (access as PublicAccess) : undefined,
    projectId: params.get("project") || undefined,
    dateFrom: DATE.test(from) ? from : undefined,
    dateTo: DATE.test(to) ? to : undefined,
  };
  return { filters, set };
}

/** The programme's document register: filters, the table, and a dialog to register or change a document. */
export default function DocumentsPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const { filters, set } = useDocumentParams();
  const projects = useQuery(projectNamesQuery(programmeId));
  const [editing, setEditing] = useState<DocumentRecord | "new" | null>(null);
  const [message, setMessage] = useState("");
  return (
    <Page
      title={t("documents.title")}
      actions={
        <>
          <ExportButton path="/api/v1/documents" query={documentListQuery(programmeId, filters)} />
          <Button onClick={() => setEditing("new")}>{t("documents.new")}</Button>
        </>
      }
    >
      <Paragraph>{t("documents.intro")}</Paragraph>
      <FilterBar filters={filters} set={set} projects={projects.data ?? []} />
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <DocumentTable
        programmeId={programmeId}
        filters={filters}
        projectNames={namesById(projects.data)}
        onEdit={setEditing}
        onMessage={setMessage}
      />
      {editing && (
        <DocumentDialog
          programmeId={programmeId}
          document={editing === "new" ? undefined : editing}
          projects={projects.data ?? []}
          onClose={(done) => {
            setEditing(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </Page>
  );
}

function FilterBar({
  filters,
  set,
  projects,
}: {
  filters: DocumentFilters;
  set: (changes: ParamChanges) => void;
  projects: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const any = Object.values(filters).some(Boolean);
  return (
    <div role="search" aria-label={t("documents.filters.label")} className={styles.filters}>
      <FilterSelect
        label={t("documents.field.kind")}
        value={filters.kind}
        onChange={(value) => set({ kind: value })}
        options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
      />
      <FilterSelect
        label={t("documents.field.publicAccess")}
        value={filters.publicAccess}
        onChange={(value) => set({ access: value })}
        options={PUBLIC_ACCESS.map((a) => ({ value: a, label: t(`documents.access.${a}`) }))}
      />
      <FilterSelect
        label={t("documents.field.project")}
        value={filters.projectId}
        onChange={(value) => set({ project: value })}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
      />
      <Textfield
        label={t("documents.filters.from")}
        type="date"
        value={filters.dateFrom ?? ""}
        onChange={(e) => set({ from: e.target.value })}
      />
      <Textfield label={t("documents.filters.to")} type="date" value={filters.dateTo ?? ""} onChange={(e) => set({ to: e.target.value })} />
      {any && (
        <Button
          variant="tertiary"
          onClick={() => set({ kind: undefined, access: undefined, project: undefined, from: undefined, to: undefined })}
        >
          {t("documents.filters.clear")}
        </Button>
      )}
    </div>
  );
}

function DocumentTable({
  programmeId,
  filters,
  projectNames,
  onEdit,
  onMessage,
}: {
  programmeId: string;
  filters: DocumentFilters;
  projectNames: Map<string, string>;
  onEdit: (document: DocumentRecord) => void;
  onMessage: (message: string) => void;
}) {
  const { t, formatDate } = useI18n();
  const query = useInfiniteQuery(documentsQuery(programmeId, filters));
  const remove = useDeleteDocument();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const word = useProblemWording(WORDING);

  const download = async (d: DocumentRecord) => {
    if (!d.file_id) return;
    setDownloadError(null);
    try {
      const meta = await fileMetadata(d.file_id);
      await downloadFile(d.file_id, meta.filename);
    } catch (problem) {
      setDownloadError(problem);
    }
  };
  const downloadProblem =
    downloadError instanceof ApiProblem && downloadError.errors[0]?.code === "exempt_from_public_access"
      ? t("documents.error.exempt")
      : null;
  return (
    <>
      {downloadProblem ? (
        <Paragraph role="alert">{downloadProblem}</Paragraph>
      ) : (
        downloadError != null && <ProblemAlert error={downloadError} />
      )}
      {remove.error != null && (
        <Paragraph role="alert">
          {remove.error instanceof ApiProblem && remove.error.errors[0] ? word(remove.error.errors[0]) : t("documents.error.delete")}
        </Paragraph>
      )}
      <PagedTable
        query={query}
        empty={t("documents.none")}
        caption={t("documents.list.caption")}
        head={
          <>
            <Table.HeaderCell scope="col">{t("documents.field.title")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("documents.field.kind")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("documents.field.date")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("documents.field.author")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("documents.field.project")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("documents.field.publicAccess")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("documents.list.actions")}</Table.HeaderCell>
          </>
        }
        row={(d: DocumentRecord) => (
          <Table.Row key={d.id}>
            <Table.HeaderCell scope="row">
              {d.title}
              {d.version_label && <Paragraph data-size="xs">{t("documents.versionLabel", { version: d.version_label })}</Paragraph>}
            </Table.HeaderCell>
            <Table.Cell>{t(`documents.kind.${d.kind}`)}</Table.Cell>
            <Table.Cell>{d.document_date ? formatDate(d.document_date) : "—"}</Table.Cell>
            <Table.Cell>{d.author ?? "—"}</Table.Cell>
            <Table.Cell>{d.project_id ? (projectNames.get(d.project_id) ?? "—") : "—"}</Table.Cell>
            <Table.Cell>
              {d.public_access === "exempt" ? (
                <span className={own.exempt}>
                  <Tag data-color="warning">{t("documents.access.exempt")}</Tag> {d.exemption_basis}
                </span>
              ) : (
                t("documents.access.public")
              )}
            </Table.Cell>
            <Table.Cell>
              <div className={own.actions}>
                {d.file_id && (
                  <Button data-size="sm" variant="secondary" onClick={() => download(d)} aria-label={t("documents.downloadFor", { title: d.title })}>
                    {t("documents.download")}
                  </Button>
                )}
                {d.url && (
                  <a href={d.url} target="_blank" rel="noreferrer noopener" aria-label={t("documents.openLinkFor", { title: d.title })}>
                    {t("documents.openLink")}
                  </a>
                )}
                {!d.withheld && (
                  <Button data-size="sm" variant="tertiary" onClick={() => onEdit(d)} aria-label={t("documents.editFor", { title: d.title })}>
                    {t("documents.edit")}
                  </Button>
                )}
                {!d.withheld &&
                  (confirming === d.id ? (
                    <Button
                      data-size="sm"
                      data-color="danger"
                      aria-busy={remove.isPending}
                      onClick={() =>
                        remove.mutate(d, {
                          onSuccess: () => onMessage(t("documents.deleted", { title: d.title })),
                          onSettled: () => setConfirming(null),
                        })
                      }
                    >
                      {t("documents.confirmDeleteFor", { title: d.title })}
                    </Button>
                  ) : (
                    <Button
                      data-size="sm"
                      variant="tertiary"
                      data-color="danger"
                      onClick={() => setConfirming(d.id)}
                      aria-label={t("documents.deleteFor", { title: d.title })}
                    >
                      {t("documents.delete")}
                    </Button>
                  ))}
              </div>
            </Table.Cell>
          </Table.Row>
        )}
      />
    </>
  );
}
