import { Alert, Button, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type ReactNode } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { linkableRecordsQuery, type Involvement } from "../../api/queries/involvements";
import { namesById, peopleNamesQuery } from "../../api/queries/lookups";
import { involvementPlanQuery, type PlanEntry, type PlannedInvolvement } from "../../api/queries/plannedInvolvements";
import { projectQuery } from "../../api/queries/projects";
import layout from "../../components/layout.module.css";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { useDecisionAccess } from "../decisions/access";
import { CancelDialog, PlannedDialog } from "./PlannedDialog";
import own from "./plan.module.css";
import { focusWhenPresent } from "../../lib/focus";

type Open = { kind: "create" } | { kind: "edit"; planned: PlannedInvolvement } | { kind: "cancel"; planned: PlannedInvolvement };

/** Where a planned involvement stands: done, cancelled, overdue, or still to come. */
export function planState(p: PlannedInvolvement): "done" | "cancelled" | "overdue" | "planned" {
  if (p.status === "done" || p.status === "cancelled") return p.status;
  return p.overdue ? "overdue" : "planned";
}

const STATE_COLOR = { done: "success", cancelled: "neutral", overdue: "danger", planned: "info" } as const;

/** A project's involvement plan (seed 000) against what happened, with the planned entries kept here. */
export default function InvolvementPlanPage() {
  const { t } = useI18n();
  const { programmeId = "", projectId = "" } = useParams();
  const project = useQuery(projectQuery(projectId));
  const plan = useQuery(involvementPlanQuery(projectId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const records = useQuery(linkableRecordsQuery(programmeId));
  const { mayWrite } = useDecisionAccess(programmeId);
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState("");
  const noticeRef = useRef<HTMLDivElement>(null);
  const projectName = project.data ? `${project.data.record.code} ${project.data.record.name}` : "";
  const close = (message?: string) => {
    setOpen(null);
    if (message) {
      setNotice(message);
      focusWhenPresent(() => noticeRef.current);
    }
  };
  const decisions = records.data?.decision ?? [];
  return (
    <Page
      title={projectName ? t("plan.title", { project: projectName }) : t("plan.titlePlain")}
      actions={
        mayWrite && (
          <Button onClick={() => setOpen({ kind: "create" })}>{t("plan.add")}</Button>
        )
      }
    >
      <Paragraph className={own.back}>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}/projects/${projectId}`}>{t("plan.back")}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph className={own.intro}>{t("plan.intro")}</Paragraph>
      <div role="status" ref={noticeRef} tabIndex={-1}>
        {notice && (
          <Alert data-color="success" className={own.notice}>
            <Paragraph>{notice}</Paragraph>
          </Alert>
        )}
      </div>
      <QueryState query={plan}>
        {(data) => (
          <>
            <Paragraph>
              {t("plan.counts", {
                planned: data.counts.planned ?? 0,
                overdue: data.counts.overdue ?? 0,
                done: data.counts.done ?? 0,
                cancelled: data.counts.cancelled ?? 0,
                unplanned: data.counts.unplanned ?? 0,
              })}
            </Paragraph>
            {data.entries.length === 0 ? (
              <Paragraph>{t("plan.none")}</Paragraph>
            ) : (
              <ol className={own.entries} aria-label={t("plan.entries")}>
                {data.entries.map((entry) => (
                  <li key={entry.planned.id} id={`planned-${entry.planned.id}`} className={own.entry}>
                    <PlannedEntry
                      entry={entry}
                      programmeId={programmeId}
                      people={namesById(people.data)}
                      decisions={namesById(decisions)}
                      mayWrite={mayWrite}
                      onEdit={() => setOpen({ kind: "edit", planned: entry.planned })}
                      onCancel={() => setOpen({ kind: "cancel", planned: entry.planned })}
                    />
                  </li>
                ))}
              </ol>
            )}
            <Unplanned records={data.unplanned} programmeId={programmeId} />
          </>
        )}
      </QueryState>
      {open?.kind === "create" && (
        <PlannedDialog projectId={projectId} people={people.data ?? []} decisions={decisions} onClose={close} />
      )}
      {open?.kind === "edit" && (
        <PlannedDialog
          projectId={projectId}
          planned={open.planned}
          people={people.data ?? []}
          decisions={decisions}
          onClose={close}
        />
      )}
      {open?.kind === "cancel" && <CancelDialog planned={open.planned} onClose={close} />}
    </Page>
  );
}

function PlannedEntry({
  entry,
  programmeId,
  people,
  decisions,
  mayWrite,
  onEdit,
  onCancel,
}: {
  entry: PlanEntry;
  programmeId: string;
  people: Map<string, string>;
  decisions: Map<string, string>;
  mayWrite: boolean;
  onEdit: () => void;
  onCancel: () => void;
}) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const p = entry.planned;
  const state = planState(p);
  const base = `/p/${programmeId}`;
  const facts: [string, ReactNode][] = [
    [t("plan.field.plannedOn"), <time dateTime={p.planned_on}>{formatDate(p.planned_on)}</time>],
    [t("plan.field.stakeholderKind"), t(`involvements.kind.${p.stakeholder_kind}`)],
    [t("plan.field.form"), t(`involvements.form.${p.form}`)],
    [t("plan.field.responsible"), p.responsible_person_id ? (people.get(p.responsible_person_id) ?? "") : ""],
    [
      t("plan.field.decision"),
      p.decision_id && (
        <Link asChild>
          <RouterLink to={`${base}/decisions/${p.decision_id}`}>
            {decisions.get(p.decision_id) ?? t("plan.openDecision")}
          </RouterLink>
        </Link>
      ),
    ],
  ];
  if (entry.involvement) {
    facts.push([
      t("plan.field.happened"),
      <>
        <Link asChild>
          <RouterLink to={`${base}/involvements?record=${entry.involvement.id}`}>{entry.involvement.matter}</RouterLink>
        </Link>
        {" – "}
        {entry.late_by_days
          ? t(entry.late_by_days === 1 ? "plan.heldLateOne" : "plan.heldLate", {
              day: formatDate(entry.happened_on),
              days: entry.late_by_days,
            })
          : t("plan.heldOn", { day: formatDate(entry.happened_on) })}
      </>,
    ]);
  }
  if (p.status === "cancelled") facts.push([t("plan.field.cancelledReason"), p.cancelled_reason]);
  return (
    <article aria-labelledby={headingId}>
      <div className={own.entryHead}>
        <Tag data-color={STATE_COLOR[state]} data-size="sm">
          {t(`plan.state.${state}`)}
        </Tag>
      </div>
      <Heading level={2} data-size="xs" id={headingId}>
        {p.matter}
      </Heading>
      <dl className={own.facts}>
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {p.status === "planned" && mayWrite && (
        <div className={own.actions}>
          <Button data-size="sm" asChild>
            <RouterLink to={`${base}/involvements/new?planned=${p.id}`}>
              {t("plan.recordNow")}
              <span className={layout.visuallyHidden}>: {p.matter}</span>
            </RouterLink>
          </Button>
          <Button data-size="sm" variant="secondary" onClick={onEdit}>
            {t("plan.edit")}
            <span className={layout.visuallyHidden}>: {p.matter}</span>
          </Button>
          <Button data-size="sm" variant="tertiary" onClick={onCancel}>
            {t("plan.cancel")}
            <span className={layout.visuallyHidden}>: {p.matter}</span>
          </Button>
        </div>
      )}
    </article>
  );
}

/** The project's involvement records that fulfil no planned one. */
function Unplanned({ records, programmeId }: { records: Involvement[]; programmeId: string }) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={own.unplanned}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t("plan.unplanned.heading")}
      </Heading>
      {records.length === 0 ? (
        <Paragraph>{t("plan.unplanned.none")}</Paragraph>
      ) : (
        <ul>
          {records.map((r) => (
            <li key={r.id}>
              <time dateTime={r.occurred_on}>{formatDate(r.occurred_on)}</time>
              {": "}
              <Link asChild>
                <RouterLink to={`/p/${programmeId}/involvements?record=${r.id}`}>{r.matter}</RouterLink>
              </Link>
              {` (${t(`involvements.kind.${r.stakeholder_kind}`)}, ${t(`involvements.form.${r.form}`)})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
