import { Button, Checkbox, Fieldset, Paragraph } from "@digdir/designsystemet-react";
import { useState, type FormEvent } from "react";
import {
  MAIL_CHOICES,
  MAIL_LANGUAGES,
  useUpdateMailPreferences,
  type MailChoice,
  type MailLanguage,
  type MailPreference,
} from "../../api/queries/settings";
import { ConflictDialog } from "../../components/ConflictDialog";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { changedFields, EditConflict } from "../../lib/conflict";
import own from "./settings.module.css";

type Values = Pick<MailPreference, "language" | MailChoice>;

const valuesOf = (saved: MailPreference): Values => ({
  language: saved.language,
  ...(Object.fromEntries(MAIL_CHOICES.map((choice) => [choice, saved[choice]])) as Record<MailChoice, boolean>),
});

/**
 * What mail an address receives and in which language: for the signed-in user, or for the
 * address a mail's link names (`token`). Saved with If-Match; someone else's newer change is
 * shown beside one's own to choose from, never overwritten.
 */
export function MailChoicesForm({ saved, etag, token }: { saved: MailPreference; etag: string; token?: string }) {
  const { t } = useI18n();
  const update = useUpdateMailPreferences(token);
  const [values, setValues] = useState<Values>(() => valuesOf(saved));
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const [message, setMessage] = useState("");

  const save = (changes: Partial<Values>, version: string) =>
    update.mutate(
      { etag: version, changes },
      {
        onSuccess: ({ record }) => {
          setValues(valuesOf(record));
          setMessage(t("settings.mail.saved"));
        },
        onError: (error) => {
          if (error instanceof EditConflict) setConflict(error);
        },
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    const changes = changedFields(values, saved);
    if (Object.keys(changes).length === 0) {
      setMessage(t("settings.mail.unchanged"));
      return;
    }
    save(changes, etag);
  };

  return (
    <form className={layout.stack} onSubmit={submit} noValidate>
      <Paragraph data-size="sm">{t("settings.mail.address", { email: saved.email })}</Paragraph>
      {update.error && !(update.error instanceof EditConflict) && <ProblemAlert error={update.error} />}
      <SelectField
        label={t("settings.mail.language")}
        value={values.language}
        onChange={(e) => setValues((v) => ({ ...v, language: e.target.value as MailLanguage }))}
      >
        {MAIL_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </SelectField>
      <Fieldset>
        <Fieldset.Legend>{t("settings.mail.choices")}</Fieldset.Legend>
        {MAIL_CHOICES.map((choice) => (
          <Checkbox
            key={choice}
            label={t(`settings.mail.${choice}`)}
            description={t(`settings.mail.${choice}.description`)}
            checked={values[choice]}
            onChange={(e) => setValues((v) => ({ ...v, [choice]: e.target.checked }))}
          />
        ))}
      </Fieldset>
      <div className={layout.actions}>
        <Button type="submit" aria-busy={update.isPending}>
          {t("settings.mail.save")}
        </Button>
      </div>
      <p role="status" className={own.copied}>
        {message}
      </p>
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          labels={{
            language: t("settings.mail.language"),
            ...Object.fromEntries(MAIL_CHOICES.map((c) => [c, t(`settings.mail.${c}`)])),
          }}
          display={(field, value) =>
            field === "language" ? t(`language.${String(value)}`) : t(value ? "common.yes" : "common.no")
          }
          onCancel={() => setConflict(null)}
          onResolve={(changes, version) => {
            setConflict(null);
            if (Object.keys(changes).length) save(changes as Partial<Values>, version);
          }}
        />
      )}
    </form>
  );
}
