import { Alert, Button, Heading, Link, List, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { consultationFindingsQuery, type Finding } from "../../api/queries/compliance";
import {
  approvedMandatesQuery,
  consultationFindings,
  consultationMeetingsQuery,
  decisionQuery,
  overriderQuery,
  useUpdateDecision,
  type Decision,
  type DecisionUpdate,
} from "../../api/queries/decisions";
import { groupNamesQuery, namesById, peopleNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { FormActions } from "../../components/FormActions";
import { useI18n, type Translate } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { missingItem, refusalItem, type Formats } from "../compliance/wording";
import { useDecisionAccess } from "./access";
import { Facts } from "../projects/Facts";
import { ConsultationSection } from "./ConsultationSection";
import {
  bodyOf,
  DECISION_FIELDS,
  DecisionFields,
  fieldLabels,
  meetingLabel,
  missingFields,
  useDecisionWording,
  valuesOf,
  type DecisionField,
  type DecisionValues,
} from "./DecisionFields";
import { FinaliseSection } from "./FinaliseSection";
import { TrailSection } from "./TrailSection";
import own from "./decisions.module.css";
import { focusWhenPresent } from "../../lib/focus";

type Retry = (changes: Record<string, unknown>, etag: string) => void;

/** A decision: its facts, the consultation it rests on, and, while a draft, editing and finalising. */
export default function DecisionPage() {
  const { t } = useI18n();
  const { programmeId = "", decisionId = "" } = useParams();
  const decision = useQuery(decisionQuery(decisionId));
  return (
    <Page title={decision.data?.record.title ?? t("decisions.decision")}>
      <Paragraph className={own.back}>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}/decisions`}>{t("decisions.back")}</RouterLink>
        </Link>
      </Paragraph>
      <QueryState query={decision}>
        {({ record, etag }) => (
          // A new decision starts afresh: no edit form or refusal carried over from another one.
          <DecisionBody key={record.id} decision={record} etag={etag} programmeId={programmeId} />
        )}
      </QueryState>
    </Page>
  );
}

function DecisionBody({ decision, etag, programmeId }: { decision: Decision; etag: string; programmeId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { mayWrite, isAdmin } = useDecisionAccess(programmeId);
  const report = useQuery(consultationFindingsQuery(programmeId));
  const finalise = useUpdateDecision(decision.id);
  const [editing, setEditing] = useState<{ record: Decision; etag: string } | null>(null);
  const [conflict, setConflict] = useState<{ error: EditConflict; retry: Retry } | null>(null);
  const [notice, setNotice] = useState("");
  const noticeRef = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const consultationFieldId = useId();
  const mayChange = mayWrite && decision.status === "draft" && !decision.archived_at;

  const refused = finalise.error instanceof ApiProblem && finalise.error.status === 409 ? finalise.error : null;
  const atConsultation = refused?.errors.filter((e) => e.pointer === "/consultation_event_id") ?? [];
  const refusal = atConsultation.length
    ? t("decisions.consultation.refused", {
        missing: atConsultation.map((e) => refusalItem(t, i18n, e)).join("; "),
      })
    : undefined;

  const announce = (message: string, focus = false) => {
    setNotice(message);
    if (focus) requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const onConflict = (error: EditConflict, retry: Retry) => setConflict({ error, retry });

  return (
    <>
      <div role="status" ref={noticeRef} tabIndex={-1}>
        {notice && (
          <Alert data-color="success" className={own.notice}>
            <Paragraph>{notice}</Paragraph>
          </Alert>
        )}
      </div>
      {decision.override_reason && <OverrideRecord decision={decision} programmeId={programmeId} />}
      <div className={own.meta}>
        <Tag data-color={decision.status === "final" ? "success" : "neutral"}>
          {t(`decisions.status.${decision.status}`)}
        </Tag>
        {decision.reorganisation && <Tag data-color="info">{t("decisions.reorganisation")}</Tag>}
        {decision.archived_at && <Tag data-color="warning">{t("decisions.archived")}</Tag>}
      </div>
      {editing ? (
        <EditForm
          base={editing}
          programmeId={programmeId}
          onConflict={onConflict}
          onDone={(saved) => {
            setEditing(null);
            if (saved) announce(t("common.saved"));
            focusWhenPresent(() => editButton.current);
          }}
        />
      ) : (
        <>
          <DecisionFacts decision={decision} programmeId={programmeId} />
          {mayChange && (
            <Button
              ref={editButton}
              variant="secondary"
              onClick={() => {
                setNotice("");
                // The version the form starts from: a save against it must not overwrite later changes.
                setEditing({ record: decision, etag });
              }}
            >
              {t("decisions.edit.open")}
            </Button>
          )}
        </>
      )}
      <ConsultationSection
        decision={decision}
        etag={etag}
        programmeId={programmeId}
        mayChange={mayChange}
        finding={consultationFindings(report.data).get(decision.id)}
        reportLoaded={report.isSuccess}
        refusal={refusal}
        selectId={consultationFieldId}
        onSaved={() => {
          finalise.reset();
          announce(t("decisions.consultation.saved"));
        }}
        onConflict={onConflict}
      />
      {decision.status === "final" && <ApprovedMandates decision={decision} programmeId={programmeId} />}
      <TrailSection decisionId={decision.id} caseNumber={decision.case_number} programmeId={programmeId} />
      {mayChange && (
        <FinaliseSection
          decision={decision}
          etag={etag}
          finalise={finalise}
          isAdmin={isAdmin}
          consultationFieldId={consultationFieldId}
          blockers={finaliseBlockers(consultationFindings(report.data).get(decision.id), t, i18n)}
          onFinal={() => announce(t("decisions.finalise.done"), true)}
          onConflict={onConflict}
        />
      )}
      {conflict && (
        <DecisionConflict
          conflict={conflict.error}
          programmeId={programmeId}
          onCancel={() => setConflict(null)}
          onResolve={(changes, version) => {
            setConflict(null);
            if (Object.keys(changes).length) conflict.retry(changes, version);
          }}
        />
      )}
    </>
  );
}

/** The mandates this decision approved, each linked to its project or group. */
function ApprovedMandates({ decision, programmeId }: { decision: Decision; programmeId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const mandates = useQuery(approvedMandatesQuery(decision.id));
  if (!mandates.data) return null;
  const { projects, groups } = mandates.data;
  const base = `/p/${programmeId}`;
  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("decisions.mandates.heading")}
      </Heading>
      {projects.length + groups.length === 0 ? (
        <Paragraph>{t("decisions.mandates.none")}</Paragraph>
      ) : (
        <List.Unordered>
          {projects.map((p) => (
            <List.Item key={p.id}>
              <Link asChild>
                <RouterLink to={`${base}/projects/${p.id}`}>{`${p.code} ${p.name}`}</RouterLink>
              </Link>
            </List.Item>
          ))}
          {groups.map((g) => (
            <List.Item key={g.id}>
              <Link asChild>
                <RouterLink to={`${base}/groups/${g.id}`}>{g.name}</RouterLink>
              </Link>
            </List.Item>
          ))}
        </List.Unordered>
      )}
    </section>
  );
}

/** Who finalised the decision without its consultation, when, and why: an accountability record. */
function OverrideRecord({ decision, programmeId }: { decision: Decision; programmeId: string }) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const who = useOverrider(programmeId, decision.overridden_by_id);
  return (
    <Alert data-color="warning" className={own.override}>
      <section aria-labelledby={headingId}>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("decisions.override.record")}
        </Heading>
        <Paragraph>
          {t("decisions.override.by", {
            who,
            when: formatDateTime(decision.finalised_at),
          })}
        </Paragraph>
        <Paragraph>
          <strong>{t("decisions.override.reason")}:</strong>
        </Paragraph>
        <blockquote>{decision.override_reason}</blockquote>
      </section>
    </Alert>
  );
}

/**
 * The name of the user who overrode: the user themselves, or, for programme administrators
 * (who may read the programme's roles), the person the account is linked to.
 */
function useOverrider(programmeId: string, userId: string | null): string {
  const { t } = useI18n();
  const { userId: me, userName, isAdmin } = useDecisionAccess(programmeId);
  const self = Boolean(userId && userId === me);
  const person = useQuery({ ...overriderQuery(programmeId, userId ?? ""), enabled: Boolean(userId) && isAdmin && !self });
  const people = useQuery({ ...peopleNamesQuery(programmeId), enabled: Boolean(person.data) });
  if (self && userName) return t("decisions.override.you", { name: userName });
  const name = person.data ? namesById(people.data).get(person.data) : undefined;
  return name ?? t("decisions.override.anAdmin");
}

function DecisionFacts({ decision, programmeId }: { decision: Decision; programmeId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const labels = fieldLabels(t);
  const link = (to: string, name: string | undefined) => (
    <Link asChild>
      <RouterLink to={to}>{name ?? t("decisions.open")}</RouterLink>
    </Link>
  );
  const facts: [string, ReactNode][] = [
    [labels.decided_on, formatDate(decision.decided_on)],
    [labels.case_number, decision.case_number],
    [
      labels.body_group_id,
      decision.body_group_id &&
        link(`/p/${programmeId}/groups/${decision.body_group_id}`, namesById(groups.data).get(decision.body_group_id)),
    ],
    [
      labels.project_id,
      decision.project_id &&
        link(`/p/${programmeId}/projects/${decision.project_id}`, namesById(projects.data).get(decision.project_id)),
    ],
    [labels.legal_basis, decision.legal_basis],
    [t("decisions.field.finalisedAt"), decision.finalised_at && formatDateTime(decision.finalised_at)],
  ];
  return (
    <>
      <Facts items={facts} />
      <Heading level={2} data-size="md">
        {labels.text}
      </Heading>
      <Paragraph className={own.text}>{decision.text || t("decisions.text.empty")}</Paragraph>
    </>
  );
}

/** Change a draft's facts, sent with If-Match against the version the form started from. */
function EditForm({
  base,
  programmeId,
  onConflict,
  onDone,
}: {
  base: { record: Decision; etag: string };
  programmeId: string;
  onConflict: (conflict: EditConflict, retry: Retry) => void;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const update = useUpdateDecision(base.record.id);
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const [values, setValues] = useState<DecisionValues>(valuesOf(base.record));
  const [local, setLocal] = useState<Partial<Record<DecisionField, string>>>({});
  const word = useDecisionWording();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errors: Partial<Record<DecisionField, string>> = {};
  for (const field of DECISION_FIELDS) {
    const message = local[field] ?? server[field];
    if (message) errors[field] = message;
  }
  const placed = DECISION_FIELDS.some((field) => server[field]);

  const save = (changes: Record<string, unknown>, version: string) =>
    update.mutate(
      { etag: version, changes },
      {
        onSuccess: () => onDone(true),
        onError: (e) => {
          if (e instanceof EditConflict) onConflict(e, save);
        },
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingFields(values, t);
    setLocal(missing);
    if (Object.keys(missing).length) {
      update.reset();
      return;
    }
    // The consultation meeting has its own place on the page; the form leaves it as it is.
    const changes: DecisionUpdate = Object.fromEntries(
      Object.entries(bodyOf(values)).filter(
        ([field, value]) => field !== "consultation_event_id" && value !== base.record[field as keyof Decision],
      ),
    );
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes, base.etag);
  };

  return (
    <form className={own.editForm} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("decisions.edit.title")}
      </Heading>
      {update.error && !(update.error instanceof EditConflict) && !placed && <ProblemAlert error={update.error} />}
      <DecisionFields
        values={values}
        onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        errors={errors}
        groups={groups.data ?? []}
        projects={projects.data ?? []}
        meetings={[]}
        withConsultation={false}
      />
      <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
    </form>
  );
}

/** Both versions of every field that someone else changed meanwhile, in words. */
function DecisionConflict({
  conflict,
  programmeId,
  onCancel,
  onResolve,
}: {
  conflict: EditConflict;
  programmeId: string;
  onCancel: () => void;
  onResolve: Retry;
}) {
  const { t, formatDate } = useI18n();
  const groups = namesById(useQuery(groupNamesQuery(programmeId)).data);
  const projects = namesById(useQuery(projectNamesQuery(programmeId)).data);
  const meetings = useQuery(consultationMeetingsQuery(programmeId)).data ?? [];
  const display = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    const id = String(value);
    switch (field) {
      case "status":
        return t(`decisions.status.${id}`);
      case "reorganisation":
        return t(value ? "common.yes" : "common.no");
      case "decided_on":
        return formatDate(id);
      case "body_group_id":
        return groups.get(id) ?? id;
      case "project_id":
        return projects.get(id) ?? id;
      case "consultation_event_id": {
        const meeting = meetings.find((m) => m.id === id);
        return meeting ? meetingLabel(meeting, formatDate) : id;
      }
      default:
        return id;
    }
  };
  return (
    <ConflictDialog
      conflict={conflict}
      labels={{
        ...fieldLabels(t),
        status: t("decisions.field.status"),
        override_reason: t("decisions.override.reason"),
      }}
      display={display}
      onCancel={onCancel}
      onResolve={onResolve}
    />
  );
}

/**
 * What the compliance report says the decision's consultation lacks (the codes the API would
 * refuse finalising with), worded; nothing while the report is loading or has no finding.
 */
function finaliseBlockers(finding: Finding | undefined, t: Translate, format: Formats): string[] {
  if (!finding) return [];
  const facts = finding.facts ?? {};
  const codes = Array.isArray(facts.missing) ? facts.missing : [];
  const worded = codes.map((code) => missingItem(t, format, code, facts) ?? code);
  return worded.length ? worded : [finding.message];
}
