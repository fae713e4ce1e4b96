import {
  Button,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Tag,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useId, useRef, useState, type FormEvent } from "react";
import type { EventRecord, Protocol } from "../../api/queries/events";
import { PARTIES, type Party } from "../../api/queries/groups";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n, type Translate } from "../../i18n";
import { instantToOsloLocal, osloLocalToInstant } from "../../lib/time";
import { useEventSave } from "./editing";
import own from "./events.module.css";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";

type Agreed = "yes" | "no" | "";

interface ViewValues {
  key: number;
  party: Party | "";
  view: string;
}

interface Values {
  matter: string;
  parties: Party[];
  agreed: Agreed;
  views: ViewValues[];
  signMode: "now" | "at";
  signedAt: string;
}

const agreedOf = (agreed: boolean | null | undefined): Agreed => (agreed === true ? "yes" : agreed === false ? "no" : "");

/** The protocol in one line, for the conflict dialog: the matter and whether it is signed. */
export function protocolSummary(
  protocol: Protocol | null,
  t: Translate,
  formatDateTime: (value: string) => string,
): string {
  if (!protocol) return "—";
  const state = protocol.signed_at
    ? `${t("events.protocol.signed")} ${formatDateTime(protocol.signed_at)}`
    : t("events.protocol.unsigned");
  return `${protocol.matter} (${state})`;
}

/**
 * The consultation protocol (drøftingsprotokoll): what was consulted on, which parties were
 * there, whether they agreed and what each said, and when it was signed. A signed protocol is
 * shown as it stands; its signature can be withdrawn to change it.
 */
export function ProtocolSection({ event, mayEdit }: { event: EventRecord; mayEdit: boolean }) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const status = useRef<HTMLParagraphElement>(null);
  const [notice, setNotice] = useState("");
  const { save, error, isPending } = useEventSave(event.id);
  const protocol = event.protocol;
  const signedAt = protocol?.signed_at;
  const announce = (message: string) => {
    setNotice(message);
    requestAnimationFrame(() => status.current?.focus());
  };

  const withdraw = () => {
    setNotice("");
    save((latest) => ({ protocol: latest.protocol && { ...latest.protocol, signed_at: null } }), { protocol }).then(
      () => announce(t("events.protocol.withdrawn")),
      () => undefined,
    );
  };

  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("events.protocol")}
      </Heading>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <p className={own.status} ref={status} tabIndex={-1}>
        {signedAt ? (
          <>
            <Tag data-color="success">{t("events.protocol.signed")}</Tag>
            <span>{formatDateTime(signedAt)}</span>
          </>
        ) : (
          <>
            <Tag data-color="warning">{t("events.protocol.unsigned")}</Tag>
            <span>{protocol ? t("events.protocol.draft") : t("events.protocol.none")}</span>
          </>
        )}
      </p>
      {signedAt || !mayEdit ? (
        <>
          {protocol && <ProtocolView protocol={protocol} />}
          {mayEdit && (
            <>
              <SectionProblem error={error} placed={() => false} />
              <Paragraph data-size="sm" className={own.summary}>
                {t("events.protocol.signedNote")}
              </Paragraph>
              <Button variant="secondary" loading={isPending} onClick={withdraw}>
                {t("events.protocol.withdraw")}
              </Button>
            </>
          )}
        </>
      ) : (
        <ProtocolForm event={event} onSigned={() => announce(t("events.protocol.signedDone"))} />
      )}
    </section>
  );
}

function ProtocolView({ protocol }: { protocol: Protocol }) {
  const { t } = useI18n();
  const parties = protocol.parties_present ?? [];
  const views = protocol.views ?? [];
  return (
    <dl className={own.facts}>
      <dt>{t("events.protocol.matter")}</dt>
      <dd>{protocol.matter}</dd>
      <dt>{t("events.protocol.partiesPresent")}</dt>
      <dd>{parties.length ? parties.map((p) => t(`events.party.${p}`)).join(", ") : "—"}</dd>
      <dt>{t("events.protocol.agreed")}</dt>
      <dd>{t(`events.protocol.agreed.${agreedOf(protocol.agreed) || "unknown"}`)}</dd>
      <dt>{t("events.protocol.views")}</dt>
      <dd>
        {views.length === 0
          ? "—"
          : views.map((v, i) => (
              <p key={i} className={own.text}>
                <strong>{t(`events.party.${v.party}`)}:</strong> {v.view}
              </p>
            ))}
      </dd>
    </dl>
  );
}

/** Where the API's error for a protocol field is shown, by its pointer under /protocol. */
function placeOf(rest: string): string | null {
  if (["matter", "agreed", "signed_at", "views"].includes(rest)) return rest;
  if (rest === "parties_present" || rest.startsWith("parties_present/")) return "parties_present";
  return /^views\/\d+\/(party|view)$/.test(rest) ? rest : null;
}

function ProtocolForm({ event, onSigned }: { event: EventRecord; onSigned: () => void }) {
  const { t } = useI18n();
  const word = useEventWording();
  const { save, error, isPending } = useEventSave(event.id);
  const partiesId = useId();
  const agreedId = useId();
  const viewsId = useId();
  const signId = useId();
  // The protocol as it was when the form was filled in: a save must not overwrite a later version.
  const [base, setBase] = useState(event.protocol);
  const [values, setValues] = useState<Values>(() => ({
    matter: event.protocol?.matter ?? "",
    parties: event.protocol?.parties_present ?? [],
    agreed: agreedOf(event.protocol?.agreed),
    views: (event.protocol?.views ?? []).map((v, key) => ({ key, party: v.party, view: v.view })),
    signMode: "now",
    signedAt: "",
  }));
  // Keys that tell the views apart while some are added and removed.
  const nextKey = useRef(event.protocol?.views?.length ?? 0);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");
  const [signing, setSigning] = useState(false);
  const server = Object.fromEntries(
    Object.entries(errorsUnder(error, "/protocol", word)).flatMap(([rest, message]) => {
      const place = placeOf(rest);
      return place ? [[place, message]] : [];
    }),
  );
  const errors: Record<string, string> = { ...server, ...local };
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues((v) => ({ ...v, [field]: value }));
  const setView = (key: number, change: Partial<ViewValues>) =>
    set("views", values.views.map((v) => (v.key === key ? { ...v, ...change } : v)));

  const validate = (sign: boolean) => {
    const found: Record<string, string> = {};
    if (!values.matter.trim()) found.matter = t("events.error.matterRequired");
    values.views.forEach((v, i) => {
      if (!v.party) found[`views/${i}/party`] = t("events.error.partyRequired");
      if (!v.view.trim()) found[`views/${i}/view`] = t("events.error.viewRequired");
    });
    if (sign && values.signMode === "at") {
      if (!values.signedAt) found.signed_at = t("events.error.signedAtRequired");
      else if (new Date(osloLocalToInstant(values.signedAt)) > new Date()) {
        found.signed_at = t("events.error.signedInFuture");
      }
    }
    return found;
  };

  const signedAtOf = () => {
    if (values.signMode === "at") return osloLocalToInstant(values.signedAt);
    // Signed to the minute, as it is shown; rounding down also spares a clock a few seconds fast a refusal.
    const now = new Date();
    now.setSeconds(0, 0);
    return now.toISOString();
  };

  const submit = (sign: boolean) => {
    setNotice("");
    const found = validate(sign);
    setLocal(found);
    if (Object.keys(found).length) return;
    setSigning(sign);
    const protocol: Protocol = {
      matter: values.matter.trim(),
      parties_present: PARTIES.filter((p) => values.parties.includes(p)),
      agreed: values.agreed === "" ? null : values.agreed === "yes",
      views: values.views.map((v) => ({ party: v.party as Party, view: v.view.trim() })),
      signed_at: sign ? signedAtOf() : null,
    };
    save(() => ({ protocol }), { protocol: base }).then(
      (saved) => {
        setBase(saved.record.protocol);
        if (sign) onSigned();
        else setNotice(t("events.protocol.saved"));
      },
      () => undefined,
    );
  };

  const addView = () => {
    const taken = new Set(values.views.map((v) => v.party));
    const party = values.parties.find((p) => !taken.has(p)) ?? "";
    set("views", [...values.views, { key: nextKey.current++, party, view: "" }]);
  };

  return (
    <form
      className={own.form}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <SectionProblem
        error={error}
        placed={(pointer) => pointer.startsWith("/protocol/") && placeOf(pointer.slice("/protocol/".length)) !== null}
      />
      <Textfield
        label={t("events.protocol.matter")}
        multiline
        rows={3}
        value={values.matter}
        onChange={(e) => set("matter", e.target.value)}
        error={errors.matter}
        required
      />
      <Fieldset aria-describedby={errors.parties_present ? `${partiesId}-error` : undefined}>
        <Fieldset.Legend>{t("events.protocol.partiesPresent")}</Fieldset.Legend>
        <div className={own.inline}>
          {PARTIES.map((party) => (
            <Checkbox
              key={party}
              label={t(`events.party.${party}`)}
              value={party}
              checked={values.parties.includes(party)}
              onChange={(e) =>
                set("parties", e.target.checked ? [...values.parties, party] : values.parties.filter((p) => p !== party))
              }
            />
          ))}
        </div>
        {errors.parties_present && (
          <ValidationMessage id={`${partiesId}-error`}>{errors.parties_present}</ValidationMessage>
        )}
      </Fieldset>
      <Fieldset aria-describedby={errors.agreed ? `${agreedId}-error` : undefined}>
        <Fieldset.Legend>{t("events.protocol.agreed")}</Fieldset.Legend>
        <div className={own.inline}>
          {(["yes", "no", ""] as const).map((value) => (
            <Radio
              key={value || "unknown"}
              name={`${agreedId}-agreed`}
              value={value}
              label={t(`events.protocol.agreed.${value || "unknown"}`)}
              checked={values.agreed === value}
              onChange={() => set("agreed", value)}
            />
          ))}
        </div>
        {errors.agreed && <ValidationMessage id={`${agreedId}-error`}>{errors.agreed}</ValidationMessage>}
      </Fieldset>
      <Fieldset aria-describedby={errors.views ? `${viewsId}-error` : undefined}>
        <Fieldset.Legend>{t("events.protocol.views")}</Fieldset.Legend>
        <Fieldset.Description>{t("events.protocol.views.hint")}</Fieldset.Description>
        {values.views.length > 0 && (
          <ol className={own.views}>
            {values.views.map((v, i) => {
              const number = i + 1;
              return (
                <li key={v.key}>
                  <fieldset className={own.bare}>
                    <legend className={layout.visuallyHidden}>{t("events.protocol.viewNumber", { number })}</legend>
                    <div className={own.view}>
                      <SelectField
                        label={t("events.protocol.view.party")}
                        value={v.party}
                        onChange={(e) => setView(v.key, { party: e.target.value as Party })}
                        error={errors[`views/${i}/party`]}
                      >
                        <option value="">{t("events.protocol.view.choose")}</option>
                        {PARTIES.map((party) => (
                          <option key={party} value={party}>
                            {t(`events.party.${party}`)}
                          </option>
                        ))}
                      </SelectField>
                      <Textfield
                        label={t("events.protocol.view.text")}
                        multiline
                        rows={2}
                        value={v.view}
                        onChange={(e) => setView(v.key, { view: e.target.value })}
                        error={errors[`views/${i}/view`]}
                      />
                      <Button
                        type="button"
                        variant="tertiary"
                        data-size="sm"
                        aria-label={t("events.protocol.view.removeFor", { number })}
                        onClick={() => set("views", values.views.filter((other) => other.key !== v.key))}
                      >
                        {t("common.remove")}
                      </Button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
        )}
        <div>
          <Button type="button" variant="tertiary" onClick={addView}>
            {t("events.protocol.view.add")}
          </Button>
        </div>
        {errors.views && <ValidationMessage id={`${viewsId}-error`}>{errors.views}</ValidationMessage>}
      </Fieldset>
      <div className={layout.actions}>
        <Button type="submit" variant="secondary" loading={isPending && !signing}>
          {t("events.protocol.save")}
        </Button>
      </div>
      <div className={own.subform}>
        <Fieldset>
          <Fieldset.Legend>{t("events.protocol.signing")}</Fieldset.Legend>
          <Fieldset.Description>{t("events.protocol.signing.hint")}</Fieldset.Description>
          <div className={own.inline}>
            <Radio
              name={`${signId}-when`}
              value="now"
              label={t("events.protocol.signNow")}
              checked={values.signMode === "now"}
              onChange={() => set("signMode", "now")}
            />
            <Radio
              name={`${signId}-when`}
              value="at"
              label={t("events.protocol.signAt")}
              checked={values.signMode === "at"}
              onChange={() => set("signMode", "at")}
            />
          </div>
          {values.signMode === "at" && (
            <Textfield
              label={t("events.protocol.signedAt")}
              type="datetime-local"
              max={instantToOsloLocal(new Date().toISOString())}
              value={values.signedAt}
              onChange={(e) => set("signedAt", e.target.value)}
              error={errors.signed_at}
            />
          )}
          {values.signMode === "now" && errors.signed_at && <ValidationMessage>{errors.signed_at}</ValidationMessage>}
          <div>
            <Button type="button" loading={isPending && signing} onClick={() => submit(true)}>
              {t("events.protocol.sign")}
            </Button>
          </div>
        </Fieldset>
      </div>
    </form>
  );
}
