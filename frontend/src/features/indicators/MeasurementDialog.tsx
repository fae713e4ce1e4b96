import { Alert, Button, Checkbox, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  etagOf,
  useCreateMeasurement,
  useUpdateMeasurement,
  type Indicator,
  type Measurement,
  type MeasurementUpdate,
  type SeriesPoint,
} from "../../api/queries/indicators";
import { ProblemAlert } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n, type Locale } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { osloToday } from "../../lib/time";
import { numberForInput, parseNumber } from "./format";
import own from "./indicators.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  value: string;
  measured_on: string;
  respondents: string;
  source: string;
  note: string;
  is_baseline: boolean;
}

type Field = "value" | "measured_on" | "respondents" | "source" | "note";
const FIELDS: Field[] = ["value", "measured_on", "respondents", "source", "note"];

const WORDING: Overrides = {
  value: { float_parsing: "indicators.error.notANumber", missing: "indicators.error.valueRequired" },
  measured_on: { in_future: "indicators.error.measuredInFuture", missing: "indicators.error.dateRequired" },
  respondents: { greater_than_equal: "indicators.error.respondents", int_parsing: "indicators.error.respondents" },
};

/** What of a measurement the form shows, with the flag as stored (marked as baseline or not). */
type Base = Pick<Measurement, "value" | "measured_on" | "respondents" | "source" | "note" | "is_baseline" | "version">;

function valuesOf(base: Base | undefined, locale: Locale): Values {
  return {
    value: numberForInput(base?.value, locale),
    measured_on: base?.measured_on ?? "",
    respondents: base?.respondents === null || base?.respondents === undefined ? "" : String(base.respondents),
    source: base?.source ?? "",
    note: base?.note ?? "",
    is_baseline: base?.is_baseline ?? false,
  };
}

/** Record a measurement of an indicator, or change one (with the version the series showed). */
export function MeasurementDialog({
  indicator,
  point,
  onClose,
}: {
  indicator: Indicator;
  /** The measurement to change; without it, a new one is recorded. */
  point?: SeriesPoint;
  onClose: (message?: string) => void;
}) {
  const { t, locale, formatDate } = useI18n();
  const headingId = useId();
  const create = useCreateMeasurement();
  const update = useUpdateMeasurement();
  const mutation = point ? update : create;
  // The version changes are based on: the one opened, or the one someone else saved meanwhile.
  const [base, setBase] = useState<Base | undefined>(point && { ...point, is_baseline: point.marked_as_baseline });
  const saved = valuesOf(base, locale);
  const [values, setValues] = useState<Values>(saved);
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
    const value = parseNumber(values.value);
    if (!values.value.trim()) errors.value = t("indicators.error.valueRequired");
    else if (value === null) errors.value = t("indicators.error.notANumber");
    if (!values.measured_on) errors.measured_on = t("indicators.error.dateRequired");
    else if (values.measured_on > osloToday()) errors.measured_on = t("indicators.error.measuredInFuture");
    const respondents = values.respondents.trim() ? Number(values.respondents.trim()) : null;
    if (respondents !== null && !(Number.isInteger(respondents) && respondents >= 0)) {
      errors.respondents = t("indicators.error.respondents");
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = {
      value: value as number,
      measured_on: values.measured_on,
      respondents,
      source: values.source.trim() || null,
      note: values.note.trim() || null,
      is_baseline: values.is_baseline,
    };
    const done = () =>
      onClose(t(point ? "indicators.measurement.saved" : "indicators.measurement.added", { date: formatDate(body.measured_on) }));
    if (point) {
      const changes = Object.fromEntries(
        Object.entries(body).filter(([field]) => values[field as keyof Values] !== saved[field as keyof Values]),
      ) as MeasurementUpdate;
      if (!Object.keys(changes).length) return onClose();
      update.mutate(
        { id: point.measurement_id, etag: etagOf(base ?? point), changes },
        {
          onSuccess: done,
          onError: (error) => {
            // Someone saved first: show what is saved now, so nothing is overwritten unseen.
            if (error instanceof EditConflict) {
              const now = error.current as Measurement;
              setBase(now);
              setValues(valuesOf(now, locale));
            }
          },
        },
      );
    } else {
      create.mutate({ indicator_id: indicator.id, ...body }, { onSuccess: done });
    }
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t(point ? "indicators.measurement.editTitle" : "indicators.measurement.addTitle")}
        </Heading>
        <Paragraph data-size="sm">{indicator.name}</Paragraph>
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
          <div className={own.columns}>
            <Textfield
              label={indicator.unit ? t("indicators.field.valueIn", { unit: indicator.unit }) : t("indicators.field.value")}
              inputMode="decimal"
              value={values.value}
              onChange={set("value")}
              error={errorOf("value")}
              required
            />
            <Textfield
              label={t("indicators.field.measuredOn")}
              type="date"
              max={osloToday()}
              value={values.measured_on}
              onChange={set("measured_on")}
              error={errorOf("measured_on")}
              required
            />
            <Textfield
              label={t("indicators.field.respondents")}
              inputMode="numeric"
              value={values.respondents}
              onChange={set("respondents")}
              error={errorOf("respondents")}
            />
          </div>
          <Textfield
            label={t("indicators.field.source")}
            value={values.source}
            onChange={set("source")}
            error={errorOf("source")}
          />
          <Textfield
            label={t("indicators.field.note")}
            multiline
            rows={2}
            value={values.note}
            onChange={set("note")}
            error={errorOf("note")}
          />
          <Checkbox
            label={t("indicators.field.isBaseline")}
            description={t("indicators.field.isBaselineHelp")}
            checked={values.is_baseline}
            onChange={(event) => setValues((v) => ({ ...v, is_baseline: event.target.checked }))}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {t(point ? "common.save" : "indicators.measurement.add")}
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
