import { Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useRef, useState, type FormEvent } from "react";
import type { EventRecord } from "../../api/queries/events";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useFocusOnOpen } from "../../lib/focus";
import { useEventSave } from "./editing";
import own from "./events.module.css";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";

/**
 * The minutes (referat) of the event, written here after the meeting. A consultation meeting
 * whose protocol is signed has its record in the protocol: no empty minutes box then, only a
 * button that opens one in place for whoever still wants to write minutes.
 */
export function MinutesSection({ event, mayEdit }: { event: EventRecord; mayEdit: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  const byProtocol = event.kind === "consultation_meeting" && !!event.protocol?.signed_at && !event.minutes;
  const [writing, setWriting] = useState(false);
  const writeButton = useRef<HTMLButtonElement>(null);
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("events.minutes")}
      </Heading>
      {byProtocol && !writing ? (
        <>
          <Paragraph className={own.text}>{t("events.minutes.byProtocol")}</Paragraph>
          {mayEdit && (
            <div>
              <Button ref={writeButton} variant="secondary" onClick={() => setWriting(true)}>
                {t("events.minutes.write")}
              </Button>
            </div>
          )}
        </>
      ) : mayEdit ? (
        <MinutesForm
          event={event}
          opened={writing}
          onCancel={byProtocol ? () => setWriting(false) : undefined}
          returnTo={() => writeButton.current}
        />
      ) : (
        <Paragraph className={own.text}>{event.minutes || t("events.minutes.none")}</Paragraph>
      )}
    </section>
  );
}

function MinutesForm({
  event,
  opened = false,
  onCancel,
  returnTo,
}: {
  event: EventRecord;
  /** Opened from a button: takes focus, and gives it back when it closes. */
  opened?: boolean;
  onCancel?: () => void;
  returnTo?: () => HTMLElement | null;
}) {
  const { t } = useI18n();
  const focusRef = useFocusOnOpen<HTMLFormElement>(opened, returnTo);
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
    <form ref={focusRef} className={own.form} onSubmit={submit} noValidate>
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
        {onCancel && (
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
