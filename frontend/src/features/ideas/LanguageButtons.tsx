import { Button } from "@digdir/designsystemet-react";
import { LOCALES, useI18n } from "../../i18n";
import own from "./ideas.module.css";

/** The language switch of the pages reached without an account. */
export function LanguageButtons() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className={own.languages} role="group" aria-label={t("app.language")}>
      {LOCALES.map((l) => (
        <Button
          key={l}
          type="button"
          variant="tertiary"
          data-size="sm"
          lang={l}
          aria-pressed={locale === l}
          onClick={() => setLocale(l)}
        >
          {t(`language.${l}`)}
        </Button>
      ))}
    </div>
  );
}
