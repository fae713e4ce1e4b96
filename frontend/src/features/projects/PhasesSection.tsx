import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  List,
  Paragraph,
  Tag,
  Textfield,
} from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type ReactNode } from "react";
import { namesById, peopleNamesQuery } from "../../api/queries/lookups";
import {
  projectPhasesQuery,
  useTickResult,
  useUpdatePhase,
  useWaiveResult,
  type ExpectedResult,
  type Phase,
} from "../../api/queries/phases";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { LoadMore } from "../../components/LoadMore";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { focusWhenPresent } from "../../lib/focus";
import { useMayEdit } from "./access";
import { PHASE_COLOR } from "./colors";
import "./messages";
import {
  DeletePhase,
  DeleteResult,
  EditPhaseForm,
  EditResultForm,
  NewPhase,
  NewResult,
  phaseHeadingId,
} from "./PhaseForms";
import styles from "./project.module.css";

/**
 * The project's phases in order, each with its activities and its expected-results checklist;
 * for editors, phases and results are added, changed and deleted here.
 */
export function PhasesSection({ projectId, programmeId }: { projectId: string; programmeId: string }) {
  const { t } = useI18n();
  const mayEdit = useMayEdit(programmeId);
  const phases = useInfiniteQuery(projectPhasesQuery(projectId));
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState("");
  const deleted = (phase: Phase) => {
    setNotice(t("projects.phaseForm.deleted", { name: phase.name }));
    // The phase's card and its buttons are gone: the section's heading keeps the place, once
    // the confirmation (a modal dialog, which makes the rest of the page inert) has gone too.
    focusWhenPresent(() => heading.current);
  };
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId} ref={heading} tabIndex={-1}>
        {t("projects.phases")}
      </Heading>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <QueryState query={phases}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          return (
            <>
              {items.length === 0 ? (
                <Paragraph>{t("projects.phases.none")}</Paragraph>
              ) : (
                <ol className={styles.phases}>
                  {items.map((phase) => (
                    <li key={phase.id}>
                      <PhaseCard
                        phase={phase}
                        projectId={projectId}
                        programmeId={programmeId}
                        onDeleted={() => deleted(phase)}
                      />
                    </li>
                  ))}
                </ol>
              )}
              <LoadMore {...phases} />
            </>
          );
        }}
      </QueryState>
      {mayEdit && phases.isSuccess && <NewPhase projectId={projectId} programmeId={programmeId} />}
    </section>
  );
}

function PhaseCard({
  phase,
  projectId,
  programmeId,
  onDeleted,
}: {
  phase: Phase;
  projectId: string;
  programmeId: string;
  onDeleted: () => void;
}) {
  const { t, formatDate } = useI18n();
  const mayEdit = useMayEdit(programmeId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const tick = useTickResult(projectId);
  const close = useUpdatePhase();
  const [error, setError] = useState<unknown>(null);
  const people = useQuery(peopleNamesQuery(programmeId));
  const names = namesById(people.data);
  const headingId = phaseHeadingId(phase.id);
  const results = phase.expected_results;
  const done = results.filter((r) => r.done).length;

  const onError = (e: unknown) => setError(e);
  // Ticks being saved, shown at once: a controlled checkbox must not flip back while its request
  // is in flight, and several results may be ticked in quick succession.
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const toggle = (result: ExpectedResult, checked: boolean) => {
    // A second click before the first is saved would be sent against the old version.
    if (result.id in saving) return;
    setError(null);
    setSaving((current) => ({ ...current, [result.id]: checked }));
    tick
      .mutateAsync({ result, done: checked })
      .catch(onError)
      .finally(() =>
        setSaving((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== result.id))),
      );
  };
  const closePhase = () => {
    setError(null);
    close.mutate({ phase, changes: { status: "completed" } }, { onError });
  };

  return (
    <Card data-color="neutral" asChild>
      <article aria-labelledby={headingId}>
        <Heading level={3} data-size="sm" id={headingId} tabIndex={-1}>
          {t("projects.phase.heading", { position: phase.position, name: phase.name })}
        </Heading>
        {mayEdit && !editing && (
          <div className={layout.actions}>
            <Button ref={editButton} variant="secondary" data-size="sm" onClick={() => setEditing(true)}>
              {t("projects.phaseForm.edit", { name: phase.name })}
            </Button>
            <Button variant="tertiary" data-color="danger" data-size="sm" onClick={() => setDeleting(true)}>
              {t("projects.phaseForm.delete", { name: phase.name })}
            </Button>
          </div>
        )}
        {editing && (
          <EditPhaseForm
            phase={phase}
            onDone={(saved) => {
              setEditing(false);
              // A saved phase may have moved in the plan: its heading says where it is now.
              requestAnimationFrame(() =>
                (saved ? document.getElementById(headingId) : editButton.current)?.focus(),
              );
            }}
          />
        )}
        {deleting && (
          <DeletePhase
            phase={phase}
            onDone={(gone) => {
              setDeleting(false);
              if (gone) onDeleted();
            }}
          />
        )}
        <div className={styles.meta}>
          <Tag data-color={PHASE_COLOR[phase.status]}>{t(`projects.phaseStatus.${phase.status}`)}</Tag>
          {(phase.starts_on || phase.ends_on) && (
            <span>
              {t("projects.period.value", {
                from: formatDate(phase.starts_on) || "…",
                to: formatDate(phase.ends_on) || "…",
              })}
            </span>
          )}
        </div>
        {phase.description && <Paragraph className={styles.text}>{phase.description}</Paragraph>}
        {phase.activities.length > 0 && (
          <>
            <Heading level={4} data-size="xs">
              {t("projects.phase.activities")}
            </Heading>
            <List.Unordered>
              {phase.activities.map((activity, index) => (
                <List.Item key={index}>{activity}</List.Item>
              ))}
            </List.Unordered>
          </>
        )}
        {results.length === 0 ? (
          <>
            <Paragraph>{t("projects.phase.noResults")}</Paragraph>
            {mayEdit && phase.status !== "completed" && <NewResult phase={phase} />}
          </>
        ) : (
          <Fieldset>
            <Fieldset.Legend>{t("projects.phase.results")}</Fieldset.Legend>
            <Fieldset.Description>
              {t("projects.phase.progress", { done, total: results.length })}
            </Fieldset.Description>
            {results.map((result) => {
              const pending = result.id in saving;
              const by = result.done_by_id ? names.get(result.done_by_id) : undefined;
              return (
                <ResultRow key={result.id} result={result} mayEdit={mayEdit}>
                  <Checkbox
                    label={result.text}
                    description={
                      result.waived
                        ? t("projects.phase.waived", { reason: result.waived_reason ?? "" })
                        : result.done && result.done_at
                        ? by
                          ? t("projects.phase.doneBy", { date: formatDate(result.done_at), name: by })
                          : t("projects.phase.doneAt", { date: formatDate(result.done_at) })
                        : undefined
                    }
                    checked={pending ? saving[result.id] : result.done}
                    disabled={!mayEdit}
                    aria-busy={pending || undefined}
                    onChange={(e) => toggle(result, e.target.checked)}
                  />
                </ResultRow>
              );
            })}
            {mayEdit && phase.status !== "completed" && (
              <WaiveResult results={results.filter((r) => !r.done && !r.waived)} />
            )}
            {mayEdit && phase.status !== "completed" && <NewResult phase={phase} />}
          </Fieldset>
        )}
        {error !== null &&
          (error instanceof EditConflict ? (
            <Alert data-color="warning" role="alert">
              <Paragraph>{t("projects.phase.changedMeanwhile")}</Paragraph>
            </Alert>
          ) : (
            <ProblemAlert error={error} />
          ))}
        {mayEdit && phase.status !== "completed" && (
          <div>
            <Button variant="secondary" onClick={closePhase} loading={close.isPending}>
              {t("projects.phase.close", { name: phase.name })}
            </Button>
          </div>
        )}
      </article>
    </Card>
  );
}

/**
 * A line of the checklist, and for editors its «Endre» and «Slett»: the text is changed in
 * place, and focus comes back to «Endre» afterwards.
 */
function ResultRow({ result, mayEdit, children }: { result: ExpectedResult; mayEdit: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  if (!mayEdit) return <>{children}</>;
  if (editing) {
    return (
      <EditResultForm
        result={result}
        onDone={() => {
          setEditing(false);
          focusWhenPresent(() => editButton.current);
        }}
      />
    );
  }
  return (
    <div className={styles.resultRow}>
      {children}
      <div className={layout.actions}>
        <Button
          ref={editButton}
          variant="tertiary"
          data-size="sm"
          aria-label={t("projects.resultForm.edit", { text: result.text })}
          onClick={() => setEditing(true)}
        >
          {t("common.edit")}
        </Button>
        <Button
          variant="tertiary"
          data-size="sm"
          data-color="danger"
          aria-label={t("projects.resultForm.delete", { text: result.text })}
          onClick={() => setDeleting(true)}
        >
          {t("common.delete")}
        </Button>
      </div>
      {deleting && (
        <DeleteResult
          result={result}
          onDone={(gone) => {
            setDeleting(false);
            // The line and its buttons are gone: its phase's heading keeps the place.
            if (gone) focusWhenPresent(() => document.getElementById(phaseHeadingId(result.phase_id)));
          }}
        />
      )}
    </div>
  );
}

/** Waive one open expected result, with the reason the gate asks for. */
function WaiveResult({ results }: { results: ExpectedResult[] }) {
  const { t } = useI18n();
  const word = useProblemWording();
  const waive = useWaiveResult();
  const [open, setOpen] = useState(false);
  const [resultId, setResultId] = useState("");
  const [reason, setReason] = useState("");
  if (results.length === 0) return null;
  if (!open) {
    return (
      <div>
        <Button variant="tertiary" data-size="sm" onClick={() => setOpen(true)}>
          {t("projects.phase.waive")}
        </Button>
      </div>
    );
  }
  const chosen = results.find((r) => r.id === resultId) ?? results[0];
  const fieldErrors = waive.error instanceof ApiProblem ? waive.error.fieldErrors(word) : {};
  return (
    <div className={styles.form}>
      <SelectField label={t("projects.phase.waiveWhich")} value={chosen.id} onChange={(e) => setResultId(e.target.value)}>
        {results.map((r) => (
          <option key={r.id} value={r.id}>
            {r.text}
          </option>
        ))}
      </SelectField>
      <Textfield
        label={t("projects.phase.waiveReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldErrors.waived_reason}
      />
      <div className={layout.actions}>
        <Button
          data-size="sm"
          onClick={() =>
            waive.mutate({ result: chosen, reason }, { onSuccess: () => (setOpen(false), setReason("")) })
          }
        >
          {t("projects.phase.waiveSave")}
        </Button>
        <Button variant="secondary" data-size="sm" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </Button>
      </div>
    </div>
  );
}
