import { Button, Fieldset, Paragraph, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { municipalitiesQuery, type OfficialMunicipality } from "../../api/queries/setup";
import { useI18n } from "../../i18n";
import own from "./setup.module.css";

export interface Chosen {
  name: string;
  number: string;
}

// Typing pauses this long before the list is searched.
const SEARCH_DELAY_MS = 250;

/** Municipalities chosen from the official list by name or number: search, add, remove. */
export function MunicipalityPicker({
  chosen,
  onChange,
  error,
}: {
  chosen: Chosen[];
  onChange: (next: Chosen[]) => void;
  error?: string;
}) {
  const { t, formatDate } = useI18n();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery(municipalitiesQuery(q));
  const [said, setSaid] = useState("");
  const isChosen = (m: OfficialMunicipality) => chosen.some((c) => c.number === m.number);
  const add = (m: OfficialMunicipality) => {
    onChange([...chosen, { name: m.name, number: m.number }]);
    setSaid(t("setup.municipalities.added", { name: m.name, number: m.number }));
  };
  const remove = (c: Chosen) => {
    onChange(chosen.filter((x) => x.number !== c.number));
    setSaid(t("setup.municipalities.removed", { name: c.name, number: c.number }));
  };
  const period = (m: OfficialMunicipality) =>
    m.valid_to
      ? t("setup.municipalities.until", { date: formatDate(m.valid_to) })
      : t("setup.municipalities.current");
  return (
    <Fieldset>
      <Fieldset.Legend>{t("setup.municipalities")}</Fieldset.Legend>
      <Fieldset.Description>{t("setup.municipalities.hint")}</Fieldset.Description>
      {chosen.length > 0 ? (
        <ul className={own.choices} aria-label={t("setup.municipalities.chosen")}>
          {chosen.map((c) => (
            <li key={c.number}>
              <Button
                type="button"
                variant="secondary"
                data-size="sm"
                onClick={() => remove(c)}
                aria-label={t("setup.municipalities.remove", { name: c.name, number: c.number })}
              >
                {c.name} ({c.number}) ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph data-size="sm">{t("setup.municipalities.none")}</Paragraph>
      )}
      <Textfield
        label={t("setup.municipalities.search")}
        type="search"
        autoComplete="off"
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {found.data && (
        <ul className={own.choices} aria-label={t("setup.municipalities.results")}>
          {found.data.items.length === 0 && <li>{t("setup.municipalities.noMatch")}</li>}
          {found.data.items.map((m) => (
            <li key={`${m.number}-${m.valid_from}`}>
              <Button
                type="button"
                variant="tertiary"
                data-size="sm"
                disabled={isChosen(m)}
                onClick={() => add(m)}
              >
                {t("setup.municipalities.add", { name: m.name, number: m.number, county: m.county, period: period(m) })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className={own.status}>
        {said}
      </p>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}
