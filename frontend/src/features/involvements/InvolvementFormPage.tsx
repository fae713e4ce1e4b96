import {
  Button,
  Checkbox,
  Details,
  ErrorSummary,
  Field,
  Fieldset,
  Label,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  type SelectHTMLAttributes,
} from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  INVOLVEMENT_FORMS,
  LINK_FIELDS,
  LINK_KINDS,
  linkableRecordsQuery,
  STAKEHOLDER_KINDS,
  useCreateInvolvement,
  type InvolvementForm,
  type Linkable,
  type LinkKind,
  type StakeholderKind,
} from "../../api/queries/involvements";
import { openPlannedQuery, plannedQuery, type PlannedInvolvement } from "../../api/queries/plannedInvolvements";
import { groupNamesQuery, peopleNamesQuery, projectNamesQuery, type Named } from "../../api/queries/lookups";
import { Page } from "../../components/Page";
import { ProblemAlert } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n, type Translate } from "../../i18n";
import { osloToday } from "../../lib/time";
import own from "./involvements.module.css";

/** The body fields this form has, each with the id of the control a summary link jumps to. */
const FIELD_IDS = {
  stakeholder_kind: "involvement-stakeholder-kind",
  participant_ids: "involvement-participant-search",
  head_count: "involvement-head-count",
  form: "involvement-form",
  occurred_on: "involvement-occurred-on",
  matter: "involvement-matter",
  project_id: "involvement-project",
  group_id: "involvement-group",
  planned_involvement_id: "involvement-planned",
  statements: "involvement-statements",
  outcome: "involvement-outcome",
  decision_ids: "involvement-links-decision",
  event_ids: "involvement-links-event",
  hearing_ids: "involvement-links-hearing",
  submission_ids: "involvement-links-submission",
  goal_ids: "involvement-links-goal",
  idea_ids: "involvement-links-idea",
} as const;
type FieldName = keyof typeof FIELD_IDS;
const FIELD_ORDER = Object.keys(FIELD_IDS) as FieldName[];

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
const WORDING: Overrides = {
  occurred_on: { in_future: "involvements.error.future" },
  planned_involvement_id: {
    already_fulfilled: "involvements.error.plannedDone",
    planned_cancelled: "involvements.error.plannedCancelled",
    other_project: "involvements.error.plannedOtherProject",
    unknown_reference: "involvements.error.plannedUnknown",
  },
  ...Object.fromEntries(
    Object.values(LINK_FIELDS).map((field) => [`${field}/*`, { unknown_reference: "involvements.error.linkUnknown" }]),
  ),
  participant_ids: { participants_required: "involvements.error.who" },
  "participant_ids/*": {
    unknown_reference: "involvements.error.participantUnknown",
    duplicate: "involvements.error.participantTwice",
  },
};

// Enough names to pick from at a glance; a search narrows the rest.
const SHOWN_PEOPLE = 24;

interface Values {
  stakeholder_kind: StakeholderKind | "";
  participant_ids: string[];
  head_count: string;
  form: InvolvementForm | "";
  occurred_on: string;
  matter: string;
  project_id: string;
  group_id: string;
  statements: string;
  outcome: string;
  planned_involvement_id: string;
  links: Record<LinkKind, string[]>;
}

const NO_LINKS = Object.fromEntries(LINK_KINDS.map((k) => [k, []])) as unknown as Record<LinkKind, string[]>;

function validate(values: Values, t: Translate): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (!values.stakeholder_kind) errors.stakeholder_kind = t("involvements.error.kindRequired");
  const headCount = values.head_count.trim();
  if (headCount && !/^\d+$/.test(headCount)) errors.head_count = t("involvements.error.headCount");
  else if (values.participant_ids.length === 0 && !Number(headCount)) {
    errors.participant_ids = t("involvements.error.who");
  }
  if (!values.form) errors.form = t("involvements.error.formRequired");
  if (!values.occurred_on) errors.occurred_on = t("involvements.error.dateRequired");
  else if (values.occurred_on > osloToday()) errors.occurred_on = t("involvements.error.future");
  if (!values.matter.trim()) errors.matter = t("involvements.error.matterRequired");
  return errors;
}

/** Record an involvement: who, how, when, about what, what was said and what came of it. */
export default function InvolvementFormPage() {
  const { programmeId = "" } = useParams();
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const create = useCreateInvolvement();
  const projects = useQuery(projectNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const records = useQuery(linkableRecordsQuery(programmeId));
  const openPlanned = useQuery(openPlannedQuery(programmeId, ""));
  const [search] = useSearchParams();
  const plannedParam = search.get("planned") ?? "";
  const decisionParam = search.get("decision") ?? "";
  const fromPlan = useQuery({ ...plannedQuery(plannedParam), enabled: Boolean(plannedParam) });
  const [values, setValues] = useState<Values>({
    stakeholder_kind: "",
    participant_ids: [],
    head_count: "",
    form: "",
    occurred_on: osloToday(),
    matter: "",
    project_id: "",
    group_id: "",
    statements: "",
    outcome: "",
    planned_involvement_id: "",
    links: { ...NO_LINKS, decision: decisionParam ? [decisionParam] : [] },
  });
  // Opened from a plan («record it now»): the form starts from the planned involvement, once.
  const prefilled = useRef(false);
  useEffect(() => {
    const planned = fromPlan.data?.record;
    if (!planned || prefilled.current) return;
    prefilled.current = true;
    setValues((v) => fromPlanned(v, planned));
  }, [fromPlan.data]);
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  // A field the user changed since the last attempt no longer shows its old error.
  const [edited, setEdited] = useState<ReadonlySet<FieldName>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const log = `/p/${programmeId}/involvements`;
  const projectNames = new Map((projects.data ?? []).map((p) => [p.id, p.name]));

  const word = useProblemWording(WORDING);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errors: Partial<Record<FieldName, string>> = {};
  for (const field of FIELD_ORDER) {
    if (edited.has(field)) continue;
    const message = local[field] ?? server[field];
    if (message) errors[field] = message;
  }
  const listed = FIELD_ORDER.filter((f) => errors[f]);
  const unplaced = create.error && (!problem || Object.keys(server).every((f) => !(f in FIELD_IDS)));

  const markEdited = (...fields: FieldName[]) => setEdited((before) => new Set([...before, ...fields]));
  const set = (field: FieldName) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    // Participants and a head count answer the same question: who took part.
    markEdited(field, ...(field === "head_count" ? (["participant_ids"] as const) : []));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const found = validate(values, t);
    setLocal(found);
    setEdited(new Set());
    setAttempt((n) => n + 1);
    if (Object.keys(found).length) return;
    const matter = values.matter.trim();
    create.mutate(
      {
        programme_id: programmeId,
        stakeholder_kind: values.stakeholder_kind as StakeholderKind,
        participant_ids: values.participant_ids,
        head_count: values.head_count.trim() ? Number(values.head_count) : null,
        form: values.form as InvolvementForm,
        occurred_on: values.occurred_on,
        matter,
        project_id: values.project_id || null,
        group_id: values.group_id || null,
        statements: values.statements.trim() || null,
        outcome: values.outcome.trim() || null,
        documents: [],
        planned_involvement_id: values.planned_involvement_id || null,
        ...Object.fromEntries(LINK_KINDS.map((kind) => [LINK_FIELDS[kind], values.links[kind]])),
      },
      { onSuccess: () => navigate(log, { state: { recorded: matter } }) },
    );
  };

  return (
    <Page title={t("involvements.formTitle")}>
      <Paragraph className={own.summary}>{t("involvements.formIntro")}</Paragraph>
      {listed.length > 0 && (
        <ErrorSummary key={attempt} className={own.summary}>
          <ErrorSummary.Heading level={2} data-size="xs">
            {t("involvements.error.summary")}
          </ErrorSummary.Heading>
          <ErrorSummary.List>
            {listed.map((field) => (
              <ErrorSummary.Item key={field}>
                <ErrorSummary.Link href={`#${FIELD_IDS[field]}`} onClick={focusField(FIELD_IDS[field])}>
                  {errors[field]}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {unplaced && <ProblemAlert error={create.error} />}
      <form className={own.form} onSubmit={submit} noValidate>
        <Fieldset className={own.group}>
          <Fieldset.Legend className={own.legend}>{t("involvements.section.who")}</Fieldset.Legend>
          <SelectInput
            id={FIELD_IDS.stakeholder_kind}
            label={t("involvements.field.stakeholderKind")}
            value={values.stakeholder_kind}
            onChange={set("stakeholder_kind")}
            error={errors.stakeholder_kind}
            required
          >
            <option value="">{t("involvements.choose")}</option>
            {STAKEHOLDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`involvements.kind.${k}`)}
              </option>
            ))}
          </SelectInput>
          <ParticipantPicker
            people={people.data ?? []}
            chosen={values.participant_ids}
            onChange={(ids) => {
              setValues((v) => ({ ...v, participant_ids: ids }));
              markEdited("participant_ids");
            }}
            error={errors.participant_ids}
          />
          <Textfield
            id={FIELD_IDS.head_count}
            label={t("involvements.field.headCount")}
            description={t("involvements.field.headCountHelp")}
            type="number"
            inputMode="numeric"
            min={0}
            value={values.head_count}
            onChange={set("head_count")}
            error={errors.head_count}
          />
        </Fieldset>

        <Fieldset className={own.group}>
          <Fieldset.Legend className={own.legend}>{t("involvements.section.how")}</Fieldset.Legend>
          <div className={own.twoColumns}>
            <SelectInput
              id={FIELD_IDS.form}
              label={t("involvements.field.form")}
              value={values.form}
              onChange={set("form")}
              error={errors.form}
              required
            >
              <option value="">{t("involvements.choose")}</option>
              {INVOLVEMENT_FORMS.map((f) => (
                <option key={f} value={f}>
                  {t(`involvements.form.${f}`)}
                </option>
              ))}
            </SelectInput>
            <Textfield
              id={FIELD_IDS.occurred_on}
              label={t("involvements.field.occurredOn")}
              type="date"
              max={osloToday()}
              value={values.occurred_on}
              onChange={set("occurred_on")}
              error={errors.occurred_on}
              required
            />
          </div>
        </Fieldset>

        <Fieldset className={own.group}>
          <Fieldset.Legend className={own.legend}>{t("involvements.section.what")}</Fieldset.Legend>
          <Textfield
            id={FIELD_IDS.matter}
            label={t("involvements.field.matter")}
            description={t("involvements.field.matterHelp")}
            multiline
            rows={2}
            value={values.matter}
            onChange={set("matter")}
            error={errors.matter}
            required
          />
          <div className={own.twoColumns}>
            <SelectInput
              id={FIELD_IDS.project_id}
              label={t("involvements.field.projectOptional")}
              value={values.project_id}
              onChange={set("project_id")}
              error={errors.project_id}
            >
              <option value="">{t("involvements.noProject")}</option>
              {(projects.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectInput>
            <SelectInput
              id={FIELD_IDS.group_id}
              label={t("involvements.field.groupOptional")}
              value={values.group_id}
              onChange={set("group_id")}
              error={errors.group_id}
            >
              <option value="">{t("involvements.noGroup")}</option>
              {(groups.data ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </SelectInput>
          </div>
        </Fieldset>

        <Fieldset className={own.group}>
          <Fieldset.Legend className={own.legend}>{t("involvements.section.links")}</Fieldset.Legend>
          <Fieldset.Description>{t("involvements.links.help")}</Fieldset.Description>
          <SelectInput
            id={FIELD_IDS.planned_involvement_id}
            label={t("involvements.field.planned")}
            value={values.planned_involvement_id}
            onChange={(event) => {
              const planned = (openPlanned.data ?? []).find((p) => p.id === event.target.value);
              setValues((v) => (planned ? fromPlanned(v, planned) : { ...v, planned_involvement_id: "" }));
              markEdited("planned_involvement_id", "project_id");
            }}
            error={errors.planned_involvement_id}
          >
            <option value="">{t("involvements.noPlanned")}</option>
            {plannedOptions(openPlanned.data ?? [], fromPlan.data?.record).map((p) => (
              <option key={p.id} value={p.id}>
                {`${formatDate(p.planned_on)}: ${p.matter}${
                  projectNames.get(p.project_id) ? ` (${projectNames.get(p.project_id)})` : ""
                }`}
              </option>
            ))}
          </SelectInput>
          {LINK_KINDS.map((kind) => (
            <RecordPicker
              key={kind}
              kind={kind}
              id={FIELD_IDS[LINK_FIELDS[kind]]}
              records={records.data?.[kind] ?? []}
              chosen={values.links[kind]}
              onChange={(ids) => {
                setValues((v) => ({ ...v, links: { ...v.links, [kind]: ids } }));
                markEdited(LINK_FIELDS[kind]);
              }}
              error={errors[LINK_FIELDS[kind]]}
            />
          ))}
        </Fieldset>

        <Fieldset className={own.group}>
          <Fieldset.Legend className={own.legend}>{t("involvements.section.result")}</Fieldset.Legend>
          <Textfield
            id={FIELD_IDS.statements}
            label={t("involvements.field.statements")}
            description={t("involvements.field.statementsHelp")}
            multiline
            rows={4}
            value={values.statements}
            onChange={set("statements")}
            error={errors.statements}
          />
          <Textfield
            id={FIELD_IDS.outcome}
            label={t("involvements.field.outcome")}
            description={t("involvements.field.outcomeHelp")}
            multiline
            rows={4}
            value={values.outcome}
            onChange={set("outcome")}
            error={errors.outcome}
          />
        </Fieldset>

        <div className={`${styles.actions} ${own.actions}`}>
          <Button type="submit" aria-busy={create.isPending}>
            {t("involvements.save")}
          </Button>
          <Button variant="secondary" asChild>
            <Link to={log}>{t("common.cancel")}</Link>
          </Button>
        </div>
      </form>
    </Page>
  );
}

/** Move focus to the field itself, not just scroll to it, so the user can correct it at once. */
const focusField = (id: string) => (event: MouseEvent) => {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView({ block: "center" });
};

/** A labelled select whose id is known, so the error summary can link to it. */
function SelectInput({
  id,
  label,
  error,
  children,
  ...rest
}: { id: string; label: ReactNode; error?: string; children: ReactNode } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "multiple" | "size"
>) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      {/* Field links the validation message to the select with aria-describedby. */}
      <Select id={id} aria-invalid={error ? true : undefined} {...rest}>
        {children}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}

/** Named participants from the programme's people: search, tick, and see who is chosen. */
function ParticipantPicker({
  people,
  chosen,
  onChange,
  error,
}: {
  people: Named[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLocaleLowerCase();
  const matches = people.filter((p) => !needle || p.name.toLocaleLowerCase().includes(needle));
  const shown = matches.slice(0, SHOWN_PEOPLE);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <Fieldset className={own.group}>
      <Fieldset.Legend>{t("involvements.field.participants")}</Fieldset.Legend>
      <Fieldset.Description>{t("involvements.field.participantsHelp")}</Fieldset.Description>
      <Textfield
        id={FIELD_IDS.participant_ids}
        label={t("involvements.participants.search")}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        aria-invalid={error ? true : undefined}
      />
      <div className={own.people}>
        {shown.map((p) => (
          <Checkbox
            key={p.id}
            label={p.name}
            value={p.id}
            checked={chosen.includes(p.id)}
            onChange={(e) => toggle(p.id, e.target.checked)}
          />
        ))}
      </div>
      <Paragraph data-size="sm" aria-live="polite">
        {matches.length === 0
          ? t("involvements.participants.noMatch")
          : matches.length > shown.length
            ? t("involvements.participants.more", { shown: shown.length, total: matches.length })
            : ""}
      </Paragraph>
      {chosen.length > 0 && (
        <div>
          <Paragraph data-size="sm">
            {t(chosen.length === 1 ? "involvements.participants.chosenOne" : "involvements.participants.chosen", {
              count: chosen.length,
            })}
          </Paragraph>
          <ul className={own.chosen}>
            {chosen.map((id) => (
              <li key={id}>
                <Button data-size="sm" variant="tertiary" onClick={() => toggle(id, false)}>
                  {names.get(id) ?? id}
                  <span className={styles.visuallyHidden}> – {t("common.remove")}</span>
                  <span aria-hidden="true"> ×</span>
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

/** The form's values once it fulfils a planned involvement: its project, who, how, what and decision. */
function fromPlanned(values: Values, planned: PlannedInvolvement): Values {
  const decisions = values.links.decision;
  return {
    ...values,
    planned_involvement_id: planned.id,
    project_id: planned.project_id,
    stakeholder_kind: planned.stakeholder_kind,
    form: planned.form,
    matter: values.matter.trim() ? values.matter : planned.matter,
    links: {
      ...values.links,
      decision:
        planned.decision_id && !decisions.includes(planned.decision_id) ? [...decisions, planned.decision_id] : decisions,
    },
  };
}

/** The planned involvements still open, with the one the form was opened from even if it is not among them. */
function plannedOptions(open: PlannedInvolvement[], from: PlannedInvolvement | undefined): PlannedInvolvement[] {
  return from && !open.some((p) => p.id === from.id) ? [from, ...open] : open;
}

// Enough records to pick from at a glance; a search narrows the rest.
const SHOWN_RECORDS = 8;

/** The records of one kind the involvement concerns: search, tick, and see which are chosen. */
function RecordPicker({
  kind,
  id,
  records,
  chosen,
  onChange,
  error,
}: {
  kind: LinkKind;
  id: string;
  records: Linkable[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t, formatDate } = useI18n();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLocaleLowerCase();
  const matches = records.filter((r) => !needle || r.name.toLocaleLowerCase().includes(needle));
  const shown = matches.slice(0, SHOWN_RECORDS);
  const names = new Map(records.map((r) => [r.id, r.name]));
  const label = (r: Linkable) => (r.day ? `${r.name} (${formatDate(r.day)})` : r.name);
  const toggle = (recordId: string, on: boolean) =>
    onChange(on ? [...chosen, recordId] : chosen.filter((c) => c !== recordId));
  return (
    <Details data-size="sm" defaultOpen={chosen.length > 0 || Boolean(error)}>
      <Details.Summary>
        {t(`involvements.links.${kind}`)}
        {chosen.length > 0 && ` (${t("involvements.links.chosen", { count: chosen.length })})`}
      </Details.Summary>
      <Details.Content>
        <Fieldset className={own.group}>
          <Fieldset.Legend className={styles.visuallyHidden}>{t(`involvements.links.${kind}`)}</Fieldset.Legend>
          <Textfield
            id={id}
            label={t(`involvements.links.search.${kind}`)}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
          <div className={own.people}>
            {shown.map((r) => (
              <Checkbox
                key={r.id}
                label={label(r)}
                value={r.id}
                checked={chosen.includes(r.id)}
                onChange={(e) => toggle(r.id, e.target.checked)}
              />
            ))}
          </div>
          <Paragraph data-size="sm" aria-live="polite">
            {matches.length === 0
              ? t("involvements.links.noMatch")
              : matches.length > shown.length
                ? t("involvements.participants.more", { shown: shown.length, total: matches.length })
                : ""}
          </Paragraph>
          {chosen.length > 0 && (
            <ul className={own.chosen} aria-label={t(`involvements.links.chosenOf.${kind}`)}>
              {chosen.map((recordId) => (
                <li key={recordId}>
                  <Button data-size="sm" variant="tertiary" onClick={() => toggle(recordId, false)}>
                    {names.get(recordId) ?? recordId}
                    <span className={styles.visuallyHidden}> – {t("common.remove")}</span>
                    <span aria-hidden="true"> ×</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </Fieldset>
      </Details.Content>
    </Details>
  );
}
