import { Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import type { EventRecord } from "../../api/queries/events";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useEventSave } from "./editing";
import own from "./events.module.css";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";

/** The minutes (referat) of the event, written here after the meeting. */
export function MinutesSection({ event, mayEdit }: { event: EventRecord; mayEdit: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("events.minutes")}
      </Heading>
      {mayEdit ? (
        <MinutesForm event={event} />
      ) : (
        <Paragraph className={own.text}>{event.minutes || t("events.minutes.none")}</Paragraph>
      )}
    </section>
  );
}

function MinutesForm({ event }: { event: EventRecord }) {
  const { t } = useI18n();
  const word = useEventWording();
  const { save, error, isPending } = useEventSave(event.id);
  // The minutes as they were when the user started writing: a save must not overwrite a later version.
  const [base, setBase] = useState(event.minutes);
  const [minutes, setMinutes] = useState(event.minutes ?? "");
  const [notice, setNotice] = useState("");
  const errors = errorsUnder(error, "", word);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice("");
    const next = minutes.trim() ? minutes : null;
    save(() => ({ minutes: next }), { minutes: base }).then(
      (saved) => {
        setBase(saved.record.minutes);
        setNotice(t("events.minutes.saved"));
      },
      () => undefined,
    );
  };

  return (
    <form className={own.form} onSubmit={submit} noValidate>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <SectionProblem error={error} placed={(pointer) => pointer === "/minutes"} />
      <Textfield
        label={t("events.minutes.label")}
        description={t("events.minutes.hint")}
        multiline
        rows={8}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={errors.minutes}
      />
      <div className={layout.actions}>
        <Button type="submit" variant="secondary" loading={isPending}>
          {t("events.minutes.save")}
        </Button>
      </div>
    </form>
  );
}
