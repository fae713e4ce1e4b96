import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { ApiProblem, type ProblemItem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { ProblemAlert } from "../../components/QueryState";
import { useT } from "../../i18n";

// The meeting pages' own sentences for what the API can refuse in them; other problems get the
// shared wording.
const WORDING: Overrides = {
  group_id: { unknown_reference: "events.error.groupUnknown" },
  project_id: { unknown_reference: "events.error.projectUnknown" },
  ends_at: { before_start: "events.error.endBeforeStart" },
  "participants/*/person_id": { unknown_reference: "events.error.personUnknown", duplicate: "events.error.listedTwice" },
  "agenda/*/time": { string_pattern_mismatch: "events.error.timeFormat" },
  protocol: { protocol_not_allowed: "events.error.protocolOnlyConsultation" },
  "protocol/signed_at": { in_future: "events.error.signedInFuture" },
};

/** How the meeting pages word a problem's items. */
export function useEventWording(): (item: ProblemItem) => string {
  return useProblemWording(WORDING);
}

/**
 * The problem's messages under a JSON pointer, by the rest of the pointer: under "/protocol",
 * an error at "/protocol/views/0/view" is found as "views/0/view", one at "/protocol" itself as "".
 * Under "" every body field is found by its name ("title", "agenda/2/time").
 */
export function errorsUnder(error: unknown, prefix: string, word: (item: ProblemItem) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiProblem)) return out;
  for (const item of error.errors) {
    const pointer = item.pointer ?? "";
    let at: string | null = null;
    if (pointer === prefix) at = "";
    else if (pointer.startsWith(`${prefix}/`)) at = pointer.slice(prefix.length + 1);
    if (at !== null && !(at in out)) out[at] = word(item);
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
