import { Alert, Button, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  etagOf,
  INDICATOR_DIRECTIONS,
  INDICATOR_METHODS,
  measurableGoalsQuery,
  useCreateIndicator,
  useUpdateIndicator,
  type Indicator,
  type IndicatorCreate,
  type IndicatorDirection,
  type IndicatorMethod,
} from "../../api/queries/indicators";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { numberForInput, parseNumber } from "./format";
import own from "./indicators.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  name: string;
  goal_id: string;
  unit: string;
  direction: IndicatorDirection;
  method: IndicatorMethod;
  baseline_value: string;
  baseline_on: string;
  target_value: string;
  target_on: string;
  interval_months: string;
  description: string;
}

type Field = keyof Values;
const FIELDS: Field[] = [
  "name",
  "goal_id",
  "unit",
  "direction",
  "method",
  "baseline_value",
  "baseline_on",
  "target_value",
  "target_on",
  "interval_months",
  "description",
];

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
const PAIR = { given_together: "indicators.error.givenTogether" };
const WORDING: Overrides = {
  name: { string_too_short: "indicators.error.nameRequired" },
  goal_id: { goal_not_measurable: "indicators.error.goalNotMeasurable", missing: "indicators.error.goalRequired" },
  baseline_value: PAIR,
  baseline_on: PAIR,
  target_value: PAIR,
  target_on: { ...PAIR, before_start: "indicators.error.targetBeforeBaseline" },
  interval_months: {
    greater_than_equal: "indicators.error.interval",
    less_than_equal: "indicators.error.interval",
  },
};

function initialValues(indicator: Indicator | undefined, locale: Parameters<typeof numberForInput>[1]): Values {
  return {
    name: indicator?.name ?? "",
    goal_id: indicator?.goal_id ?? "",
    unit: indicator?.unit ?? "",
    direction: indicator?.direction ?? "higher_is_better",
    method: indicator?.method ?? "survey",
    baseline_value: numberForInput(indicator?.entered_baseline_value, locale),
    baseline_on: indicator?.entered_baseline_on ?? "",
    target_value: numberForInput(indicator?.target_value, locale),
    target_on: indicator?.target_on ?? "",
    interval_months: indicator?.interval_months ? String(indicator.interval_months) : "",
    description: indicator?.description ?? "",
  };
}

/** Add an indicator to an effect or result goal, or change one. */
export function IndicatorDialog({
  programmeId,
  indicator,
  onClose,
}: {
  programmeId: string;
  /** The indicator to change; without it, a new one is made. */
  indicator?: Indicator;
  onClose: (message?: string) => void;
}) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const goals = useQuery(measurableGoalsQuery(programmeId));
  const create = useCreateIndicator();
  const update = useUpdateIndicator();
  const mutation = indicator ? update : create;
  // The version changes are based on: the one opened, or the one someone else saved meanwhile.
  const [base, setBase] = useState<Indicator | undefined>(indicator);
  const [values, setValues] = useState<Values>(() => initialValues(indicator, locale));
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useProblemWording(WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = FIELDS.some((f) => server[f]);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) errors.name = t("indicators.error.nameRequired");
    if (!values.goal_id) errors.goal_id = t("indicators.error.goalRequired");
    const numbers: Record<string, number | null> = {};
    for (const field of ["baseline_value", "target_value"] as const) {
      numbers[field] = values[field].trim() ? parseNumber(values[field]) : null;
      if (values[field].trim() && numbers[field] === null) errors[field] = t("indicators.error.notANumber");
    }
    for (const [value, on] of [
      ["baseline_value", "baseline_on"],
      ["target_value", "target_on"],
    ] as const) {
      if (Boolean(values[value].trim()) !== Boolean(values[on])) {
        errors[values[value].trim() ? on : value] = t("indicators.error.givenTogether");
      }
    }
    const interval = values.interval_months.trim();
    const months = interval ? Number(interval) : null;
    if (months !== null && !(Number.isInteger(months) && months >= 1 && months <= 60)) {
      errors.interval_months = t("indicators.error.interval");
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = {
      name: values.name.trim(),
      goal_id: values.goal_id,
      unit: values.unit.trim() || null,
      direction: values.direction,
      method: values.method,
      baseline_value: numbers.baseline_value,
      baseline_on: values.baseline_on || null,
      target_value: numbers.target_value,
      target_on: values.target_on || null,
      interval_months: months,
      description: values.description.trim() || null,
    };
    const done = () =>
      onClose(t(indicator ? "indicators.saved" : "indicators.created", { name: body.name }));
    if (indicator) {
      const current = base ?? indicator;
      const saved = initialValues(current, locale);
      const changes = Object.fromEntries(
        Object.entries(body).filter(([field]) => values[field as Field] !== saved[field as Field]),
      );
      if (!Object.keys(changes).length) return onClose();
      update.mutate(
        { id: indicator.id, etag: etagOf(current), changes },
        {
          onSuccess: done,
          onError: (error) => {
            // Someone saved first: show what is saved now, so nothing is overwritten unseen.
            if (error instanceof EditConflict) {
              const now = error.current as Indicator;
              setBase(now);
              setValues(initialValues(now, locale));
            }
          },
        },
      );
    } else {
      create.mutate({ programme_id: programmeId, ...body } as IndicatorCreate, { onSuccess: done });
    }
  };

  const effect = goals.data?.filter((g) => g.kind === "effect") ?? [];
  const result = goals.data?.filter((g) => g.kind === "result") ?? [];
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t(indicator ? "indicators.editTitle" : "indicators.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {mutation.error instanceof EditConflict && (
            <Alert data-color="warning" role="alert">
              <Paragraph>{t("indicators.error.conflict")}</Paragraph>
            </Alert>
          )}
          {mutation.error && !(mutation.error instanceof EditConflict) && !placed && (
            <ProblemAlert error={mutation.error} />
          )}
          {goals.isError && <ProblemAlert error={goals.error} />}
          {goals.isSuccess && goals.data.length === 0 && (
            <Alert data-color="info">
              <Paragraph>{t("indicators.noGoals")}</Paragraph>
            </Alert>
          )}
          <Textfield
            label={t("indicators.field.name")}
            value={values.name}
            onChange={set("name")}
            error={errorOf("name")}
            required
          />
          <SelectField
            label={t("indicators.field.goal")}
            value={values.goal_id}
            onChange={set("goal_id")}
            error={errorOf("goal_id")}
            required
          >
            <option value="">{t("indicators.chooseGoal")}</option>
            {effect.length > 0 && (
              <optgroup label={t("indicators.goalKind.effect")}>
                {effect.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title}
                  </option>
                ))}
              </optgroup>
            )}
            {result.length > 0 && (
              <optgroup label={t("indicators.goalKind.result")}>
                {result.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title}
                  </option>
                ))}
              </optgroup>
            )}
          </SelectField>
          <div className={own.columns}>
            <SelectField
              label={t("indicators.field.method")}
              value={values.method}
              onChange={set("method")}
              error={errorOf("method")}
            >
              {INDICATOR_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`indicators.method.${m}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("indicators.field.direction")}
              value={values.direction}
              onChange={set("direction")}
              error={errorOf("direction")}
            >
              {INDICATOR_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`indicators.direction.${d}`)}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={t("indicators.field.unit")}
              description={t("indicators.field.unitHelp")}
              value={values.unit}
              onChange={set("unit")}
              error={errorOf("unit")}
            />
          </div>
          <div className={own.columns}>
            <Textfield
              label={t("indicators.field.baselineValue")}
              inputMode="decimal"
              value={values.baseline_value}
              onChange={set("baseline_value")}
              error={errorOf("baseline_value")}
            />
            <Textfield
              label={t("indicators.field.baselineOn")}
              type="date"
              value={values.baseline_on}
              onChange={set("baseline_on")}
              error={errorOf("baseline_on")}
            />
          </div>
          {indicator?.baseline_measurement_id && (
            <Paragraph data-size="sm">{t("indicators.baselineFromMeasurementHelp")}</Paragraph>
          )}
          <div className={own.columns}>
            <Textfield
              label={t("indicators.field.targetValue")}
              inputMode="decimal"
              value={values.target_value}
              onChange={set("target_value")}
              error={errorOf("target_value")}
            />
            <Textfield
              label={t("indicators.field.targetOn")}
              type="date"
              value={values.target_on}
              onChange={set("target_on")}
              error={errorOf("target_on")}
            />
            <Textfield
              label={t("indicators.field.interval")}
              description={t("indicators.field.intervalHelp")}
              inputMode="numeric"
              value={values.interval_months}
              onChange={set("interval_months")}
              error={errorOf("interval_months")}
            />
          </div>
          <Textfield
            label={t("indicators.field.description")}
            multiline
            rows={3}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {t(indicator ? "common.save" : "indicators.create")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => onClose()}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
