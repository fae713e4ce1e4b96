import { Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { programmeSettingsQuery, useUpdateProgramme, type Programme } from "../../api/queries/settings";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import "./messages";
import own from "./programmes.module.css";

/** A programme's settings for its administrators: when deadline reminders go out, and its webhooks. */
export default function ProgrammeSettingsPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const programme = useQuery(programmeSettingsQuery(programmeId));
  return (
    <Page title={t("programmeSettings.title")}>
      <div className={own.sections}>
        <section className={own.section} aria-labelledby="reminders-heading">
          <Heading level={2} data-size="sm" id="reminders-heading">
            {t("programmeSettings.reminders.title")}
          </Heading>
          <QueryState query={programme}>
            {({ record, etag }) => <ReminderForm programme={record} etag={etag} />}
          </QueryState>
        </section>
        <section className={own.section} aria-labelledby="access-heading">
          <Heading level={2} data-size="sm" id="access-heading">
            {t("programmeSettings.access.title")}
          </Heading>
          <Paragraph>{t("programmeSettings.access.text")}</Paragraph>
          <Paragraph>
            <Link to={`/p/${programmeId}/access`}>{t("programmeSettings.access.link")}</Link>
          </Paragraph>
        </section>
        <section className={own.section} aria-labelledby="webhooks-heading">
          <Heading level={2} data-size="sm" id="webhooks-heading">
            {t("programmeSettings.webhooks.title")}
          </Heading>
          <Paragraph>{t("programmeSettings.webhooks.text")}</Paragraph>
          <Paragraph>
            <Link to={`/p/${programmeId}/webhooks`}>{t("programmeSettings.webhooks.link")}</Link>
          </Paragraph>
        </section>
      </div>
    </Page>
  );
}

function ReminderForm({ programme, etag }: { programme: Programme; etag: string }) {
  const { t } = useI18n();
  const update = useUpdateProgramme();
  const [days, setDays] = useState(String(programme.reminder_days_before));
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const word = useProblemWording();
  const server =
    update.error instanceof ApiProblem ? update.error.fieldErrors(word).reminder_days_before : undefined;

  const save = (changes: Record<string, unknown>, version: string) =>
    update.mutate(
      { id: programme.id, etag: version, changes },
      {
        onSuccess: () => setMessage(t("programmeSettings.saved")),
        onError: (e) => {
          if (e instanceof EditConflict) setConflict(e);
        },
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    const value = Number(days);
    if (!/^\d+$/.test(days.trim()) || value > 60) {
      setError(t("programmeSettings.reminders.error"));
      return;
    }
    setError("");
    if (value === programme.reminder_days_before) {
      setMessage(t("programmeSettings.unchanged"));
      return;
    }
    save({ reminder_days_before: value }, etag);
  };

  return (
    <form className={layout.stack} onSubmit={submit} noValidate>
      {update.error && !server && !(update.error instanceof EditConflict) && <ProblemAlert error={update.error} />}
      <Textfield
        label={t("programmeSettings.reminders.days")}
        description={t("programmeSettings.reminders.days.description")}
        type="number"
        inputMode="numeric"
        min={0}
        max={60}
        step={1}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={error || server}
        className={own.days}
      />
      <div className={layout.actions}>
        <Button type="submit" aria-busy={update.isPending}>
          {t("common.save")}
        </Button>
      </div>
      <p role="status" className={own.status}>
        {message}
      </p>
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          labels={{ reminder_days_before: t("programmeSettings.reminders.days") }}
          onCancel={() => setConflict(null)}
          onResolve={(changes, version) => {
            setConflict(null);
            if (Object.keys(changes).length) save(changes, version);
          }}
        />
      )}
    </form>
  );
}
