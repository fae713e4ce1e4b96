import { Button, Dialog, Heading, Link, List, Paragraph, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import {
  CRITERION_PURPOSES,
  criteriaQuery,
  useDeleteCriterion,
  type GroupCriterion,
  type GroupKind,
} from "../../api/queries/criteria";
import { kindGroupsQuery } from "../../api/queries/groups";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { useMayEdit } from "../projects/access";
import { CriterionDialog } from "./CriterionDialog";
import { NewGroupDialog } from "./NewGroupDialog";
import own from "./criteria.module.css";
import { GROUP_KINDS } from "./kinds";
import { useFocusOnOpen } from "../../lib/focus";

/** The criteria a programme sets for each kind of group: for setting one up, and for evaluating its results. */
export default function CriteriaPage() {
  const { programmeId = "" } = useParams();
  const t = useT();
  const mayEdit = useMayEdit(programmeId);
  const query = useInfiniteQuery(criteriaQuery(programmeId));
  const [editing, setEditing] = useState<GroupCriterion | "new" | null>(null);
  const [deleting, setDeleting] = useState<GroupCriterion | null>(null);
  const [message, setMessage] = useState("");
  const criteria = query.data?.pages.flatMap((p) => p.items) ?? [];
  const kinds = GROUP_KINDS.filter((k) => criteria.some((c) => c.group_kind === k));

  return (
    <Page
      title={t("criteria.title")}
      actions={mayEdit && <Button onClick={() => setEditing("new")}>{t("criteria.new")}</Button>}
    >
      <Paragraph>{t("criteria.intro")}</Paragraph>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <QueryState query={query}>
        {() =>
          kinds.length === 0 ? (
            <Paragraph>{t("criteria.none")}</Paragraph>
          ) : (
            kinds.map((kind) => (
              <KindSection
                key={kind}
                programmeId={programmeId}
                mayEdit={mayEdit}
                kind={kind}
                criteria={criteria.filter((c) => c.group_kind === kind)}
                onEdit={mayEdit ? setEditing : undefined}
                onDelete={mayEdit ? setDeleting : undefined}
              />
            ))
          )
        }
      </QueryState>
      {editing && (
        <CriterionDialog
          programmeId={programmeId}
          criterion={editing === "new" ? undefined : editing}
          onClose={(done) => {
            setEditing(null);
            if (done) setMessage(done);
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          criterion={deleting}
          onClose={(done) => {
            setDeleting(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </Page>
  );
}

function KindSection({
  programmeId,
  mayEdit,
  kind,
  criteria,
  onEdit,
  onDelete,
}: {
  programmeId: string;
  mayEdit: boolean;
  kind: GroupKind;
  criteria: GroupCriterion[];
  onEdit?: (c: GroupCriterion) => void;
  onDelete?: (c: GroupCriterion) => void;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className={own.kind} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t(`groups.kind.${kind}`)}
      </Heading>
      {CRITERION_PURPOSES.map((purpose) => {
        const items = criteria.filter((c) => c.purpose === purpose);
        if (items.length === 0) return null;
        return (
          <div key={purpose} className={`${styles.tableWrap} ${own.purpose}`}>
            <Table zebra>
              <caption>
                <Heading level={3} data-size="xs">
                  {t(`criteria.purposeHeading.${purpose}`)}
                </Heading>
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("criteria.field.title")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("criteria.field.description")}</Table.HeaderCell>
                  {onEdit && (
                    <Table.HeaderCell scope="col">
                      <span className={styles.visuallyHidden}>{t("criteria.actions")}</span>
                    </Table.HeaderCell>
                  )}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {items.map((c) => (
                  <Table.Row key={c.id}>
                    <Table.HeaderCell scope="row">{c.title}</Table.HeaderCell>
                    <Table.Cell className={own.note}>{c.description ?? "—"}</Table.Cell>
                    {onEdit && onDelete && (
                      <Table.Cell>
                        <span className={own.rowActions}>
                          <Button
                            data-size="sm"
                            variant="secondary"
                            onClick={() => onEdit(c)}
                            aria-label={t("criteria.editFor", { title: c.title })}
                          >
                            {t("criteria.edit")}
                          </Button>
                          <Button
                            data-size="sm"
                            variant="tertiary"
                            data-color="danger"
                            onClick={() => onDelete(c)}
                            aria-label={t("criteria.deleteFor", { title: c.title })}
                          >
                            {t("criteria.delete")}
                          </Button>
                        </span>
                      </Table.Cell>
                    )}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        );
      })}
      <KindGroups programmeId={programmeId} kind={kind} mayEdit={mayEdit} />
    </section>
  );
}

/** The programme's groups of the kind, each leading to its page and its assessments, and setting up a new one. */
function KindGroups({ programmeId, kind, mayEdit }: { programmeId: string; kind: GroupKind; mayEdit: boolean }) {
  const t = useT();
  const groups = useInfiniteQuery(kindGroupsQuery(programmeId, kind));
  const [adding, setAdding] = useState(false);
  const kindName = t(`groups.kind.${kind}`).toLocaleLowerCase();
  return (
    <div className={own.purpose}>
      <Heading level={3} data-size="xs">
        {t("criteria.groups.heading", { kind: kindName })}
      </Heading>
      <QueryState query={groups}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? (
            <Paragraph>{t("criteria.groups.none")}</Paragraph>
          ) : (
            <>
              <List.Unordered>
                {items.map((group) => (
                  <List.Item key={group.id}>
                    <Link asChild>
                      <RouterLink to={`/p/${programmeId}/groups/${group.id}`}>{group.name}</RouterLink>
                    </Link>
                  </List.Item>
                ))}
              </List.Unordered>
              <LoadMore {...groups} />
            </>
          );
        }}
      </QueryState>
      {mayEdit && (
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => setAdding(true)}
          aria-label={t("criteria.groups.newFor", { kind: kindName })}
        >
          {t("criteria.groups.new")}
        </Button>
      )}
      {adding && <NewGroupDialog programmeId={programmeId} kind={kind} onClose={() => setAdding(false)} />}
    </div>
  );
}

function DeleteDialog({ criterion, onClose }: { criterion: GroupCriterion; onClose: (message?: string) => void }) {
  const t = useT();
  const headingId = useId();
  const remove = useDeleteCriterion();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("criteria.deleteTitle", { title: criterion.title })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>{t("criteria.deleteWarning")}</Paragraph>
        {remove.error && <ProblemAlert error={remove.error} />}
        <div className={styles.actions}>
          <Button
            data-color="danger"
            aria-busy={remove.isPending}
            onClick={() =>
              remove.mutate(criterion, {
                onSuccess: () => onClose(t("criteria.deleted", { title: criterion.title })),
              })
            }
          >
            {t("criteria.delete")}
          </Button>
          <Button variant="secondary" onClick={() => onClose()} data-autofocus>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
