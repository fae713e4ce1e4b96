import { Paragraph } from "@digdir/designsystemet-react";
import { useState, type ReactNode, type RefObject } from "react";
import { ApiProblem, type ProblemItem } from "../../api/problem";
import { useT } from "../../i18n";
import "./messages";

/**
 * A required field's label: its text and an asterisk. The asterisk is for the eye only; the
 * field itself carries `required`, which screen readers announce.
 */
export function RequiredLabel({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <span aria-hidden="true"> *</span>
    </>
  );
}

/** The sentence at the top of a form that says what the asterisk means. */
export function RequiredNote() {
  const t = useT();
  return <Paragraph data-size="sm">{t("projects.requiredNote")}</Paragraph>;
}

/**
 * Once the form shows its messages, focus the first field it marks invalid, so that the message
 * at it is read out.
 */
export function focusInvalid(container: HTMLElement | null) {
  requestAnimationFrame(() => container?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
}

/**
 * A refused delete, with the app's own sentence for the 409 the API gives while other records
 * still refer to the record (its detail is the API's English, with no code to word it by).
 */
export function inUse(error: unknown, sentence: string): unknown {
  if (error instanceof ApiProblem && error.status === 409 && error.errors.length === 0) {
    return new ApiProblem(409, { type: error.type, title: error.title, detail: sentence });
  }
  return error;
}

/**
 * A form's messages at its fields: what the form finds missing itself and, behind them, the
 * API's objections in the mutation's problem. `complete(missing)` shows what is missing at
 * its fields before anything is sent and returns whether nothing is; when something is, the
 * mutation's old problem is cleared and, given `focusOn` (the form or its dialog), focus
 * moves to the first field marked invalid.
 *   const { problem, errors, complete } = useFormErrors(create, word, focusRef);
 *   if (!complete(missingProjectFields(values, t))) return;
 */
export function useFormErrors(
  mutation: { error: unknown; reset: () => void },
  word: (item: ProblemItem) => string,
  focusOn?: RefObject<HTMLElement | null>,
) {
  const [missing, setMissing] = useState<Record<string, string>>({});
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const errors = { ...(problem?.fieldErrors(word) ?? {}), ...missing };
  const complete = (required: Record<string, string>) => {
    setMissing(required);
    if (Object.keys(required).length === 0) return true;
    mutation.reset();
    if (focusOn) focusInvalid(focusOn.current);
    return false;
  };
  return { problem, errors, complete };
}
