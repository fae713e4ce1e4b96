import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { ApiProblem } from "../../api/problem";
import { ProblemAlert } from "../../components/QueryState";
import { useT, type Translate } from "../../i18n";

// The API's messages are English; the ones a user can cause from these pages are translated.
const SERVER_MESSAGES: [RegExp, string][] = [
  [/^String should have at least 1 character$/, "events.error.required"],
  [/^Field required$/, "events.error.required"],
  [/^no group with this id in the programme$/, "events.error.groupUnknown"],
  [/^no project with this id in the programme$/, "events.error.projectUnknown"],
  [/^no person with this id in the programme$/, "events.error.personUnknown"],
  [/^listed twice$/, "events.error.listedTwice"],
  [/^only a consultation meeting has a protocol$/, "events.error.protocolOnlyConsultation"],
  [/^must not be in the future$/, "events.error.signedInFuture"],
  [/^must not be before starts_at/, "events.error.endBeforeStart"],
  [/^String should match pattern/, "events.error.timeFormat"],
];

export function serverMessage(t: Translate, detail: string): string {
  const key = SERVER_MESSAGES.find(([pattern]) => pattern.test(detail))?.[1];
  return key ? t(key) : detail;
}

/**
 * The problem's messages under a JSON pointer, by the rest of the pointer: under "/protocol",
 * an error at "/protocol/views/0/view" is found as "views/0/view", one at "/protocol" itself as "".
 * Under "" every body field is found by its name ("title", "agenda/2/time").
 */
export function errorsUnder(error: unknown, prefix: string, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiProblem)) return out;
  for (const item of error.errors) {
    const pointer = item.pointer ?? "";
    let at: string | null = null;
    if (pointer === prefix) at = "";
    else if (pointer.startsWith(`${prefix}/`)) at = pointer.slice(prefix.length + 1);
    if (at !== null && !(at in out)) out[at] = serverMessage(t, item.detail);
  }
  return out;
}

const KNOWN = [400, 401, 403, 404, 409, 412, 413, 422, 429];

/**
 * A section's problem above its form. When every error in it is shown at a field (its pointer is
 * among `placed`), only the title is repeated here, so the messages are not read out twice;
 * otherwise the whole problem is shown.
 */
export function SectionProblem({ error, placed }: { error: unknown; placed: (pointer: string) => boolean }) {
  const t = useT();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  const all = problem !== null && problem.errors.length > 0 && problem.errors.every((e) => placed(e.pointer ?? ""));
  if (!all) return <ProblemAlert error={error} />;
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>
        <strong>{t(KNOWN.includes(problem.status) ? `problem.${problem.status}` : "problem.other")}</strong>
      </Paragraph>
    </Alert>
  );
}
