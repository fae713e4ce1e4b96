import { Alert, Button, Heading, Link, List, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useUpdateDecision, type Decision } from "../../api/queries/decisions";
import { ProblemAlert } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { missingItem } from "../compliance/wording";
import { useDecisionWording } from "./DecisionFields";
import own from "./decisions.module.css";
import { focusWhenPresent } from "../../lib/focus";

type Finalise = ReturnType<typeof useUpdateDecision>;
type OnConflict = (conflict: EditConflict, retry: (changes: Record<string, unknown>, etag: string) => void) => void;

/**
 * Make a draft decision final. A reorganisation decision is refused until its consultation is
 * in order; the refusal says what is missing. A programme administrator may finalise it anyway
 * with a written reason, which is kept with the decision for all to see.
 */
export function FinaliseSection({
  decision,
  etag,
  finalise,
  isAdmin,
  consultationFieldId,
  blockers = [],
  onFinal,
  onConflict,
}: {
  decision: Decision;
  etag: string;
  /** Shared with the page, which shows the refusal's field errors at the consultation meeting. */
  finalise: Finalise;
  isAdmin: boolean;
  consultationFieldId: string;
  /**
   * Why the decision cannot be made final yet, in the user's language (what the compliance
   * report says its consultation lacks); the button says so beforehand instead of failing.
   */
  blockers?: string[];
  onFinal: () => void;
  onConflict: OnConflict;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = useId();
  const blockedId = useId();
  const blocked = blockers.length > 0;
  const [overriding, setOverriding] = useState(false);
  const overrideButton = useRef<HTMLButtonElement>(null);
  const refused = finalise.error instanceof ApiProblem ? finalise.error : null;
  const atConsultation = refused?.errors.some((e) => e.pointer === "/consultation_event_id");
  // What is missing in the user's language; the API's English detail only when it says more than the app knows.
  const missing = refused?.errors.map((e) => (e.code ? missingItem(t, i18n, e.code, e.params) : undefined)) ?? [];
  const worded = missing.length > 0 && missing.every((item) => item !== undefined);

  const run = (changes: Record<string, unknown>, version: string) =>
    finalise.mutate(
      { etag: version, changes },
      {
        onSuccess: onFinal,
        onError: (e) => {
          if (e instanceof EditConflict) onConflict(e, run);
        },
      },
    );

  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("decisions.finalise.heading")}
      </Heading>
      <Paragraph className={own.text}>
        {t(decision.reorganisation ? "decisions.finalise.explainReorganisation" : "decisions.finalise.explain")}
      </Paragraph>
      <div className={own.stack}>
        <div className={styles.actions}>
          {/* aria-disabled, not disabled: the button stays in the Tab order with its reason. */}
          <Button
            onClick={() => {
              if (!blocked) run({ status: "final" }, etag);
            }}
            loading={finalise.isPending}
            aria-disabled={blocked || undefined}
            aria-describedby={blocked ? blockedId : undefined}
          >
            {t("decisions.finalise.submit")}
          </Button>
          {isAdmin && decision.reorganisation && !overriding && (
            <Button
              ref={overrideButton}
              variant="secondary"
              data-color="danger"
              onClick={() => {
                finalise.reset();
                setOverriding(true);
              }}
            >
              {t("decisions.override.open")}
            </Button>
          )}
        </div>
        {blocked && (
          <div id={blockedId}>
            <Paragraph>{t("decisions.finalise.blocked")}</Paragraph>
            <List.Unordered>
              {blockers.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List.Unordered>
          </div>
        )}
        <div aria-live="assertive">
          {refused?.status === 409 ? (
            <Alert data-color="danger">
              <Heading level={3} data-size="xs">
                {t("decisions.finalise.refused")}
              </Heading>
              {worded ? (
                <>
                  <Paragraph>{t("decisions.finalise.refused.consultation")}</Paragraph>
                  <List.Unordered>
                    {missing.map((item) => (
                      <List.Item key={item}>{item}</List.Item>
                    ))}
                  </List.Unordered>
                </>
              ) : (
                <Paragraph>{refused.detail}</Paragraph>
              )}
              {atConsultation && (
                <Paragraph>
                  <Link href={`#${consultationFieldId}`}>{t("decisions.finalise.toConsultation")}</Link>
                </Paragraph>
              )}
            </Alert>
          ) : (
            finalise.error && !(finalise.error instanceof EditConflict) && <ProblemAlert error={finalise.error} />
          )}
        </div>
        {overriding && (
          <OverrideForm
            decision={decision}
            etag={etag}
            onFinal={onFinal}
            onConflict={onConflict}
            onCancel={() => {
              setOverriding(false);
              focusWhenPresent(() => overrideButton.current);
            }}
          />
        )}
      </div>
    </section>
  );
}

/** Finalise without the consultation: only with a reason, which the API keeps with who gave it. */
function OverrideForm({
  decision,
  etag,
  onFinal,
  onConflict,
  onCancel,
}: {
  decision: Decision;
  etag: string;
  onFinal: () => void;
  onConflict: OnConflict;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const override = useUpdateDecision(decision.id);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const word = useDecisionWording();
  const problem = override.error instanceof ApiProblem ? override.error : null;
  const fieldError = problem?.fieldErrors(word).override_reason;

  // The form goes away as soon as the decision is final, before a callback given to mutate()
  // would run; the promise is kept either way.
  const run = (changes: Record<string, unknown>, version: string) =>
    override.mutateAsync({ etag: version, changes }).then(onFinal, (e) => {
      if (e instanceof EditConflict) onConflict(e, run);
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    setMissing(!text);
    if (!text) {
      override.reset();
      return;
    }
    run({ status: "final", override_reason: text }, etag);
  };

  return (
    <form className={own.overrideForm} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {t("decisions.override.heading")}
      </Heading>
      <Paragraph>{t("decisions.override.explain")}</Paragraph>
      {problem && !fieldError && <ProblemAlert error={problem} />}
      <Textfield
        label={t("decisions.override.reason")}
        description={t("decisions.override.reason.hint")}
        multiline
        rows={4}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={missing ? t("decisions.override.reasonRequired") : fieldError}
        autoFocus
      />
      <div className={styles.actions}>
        <Button type="submit" data-color="danger" loading={override.isPending}>
          {t("decisions.override.submit")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
