import { Alert, Paragraph, Spinner } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { ApiProblem } from "../api/problem";
import { type Translate, useT } from "../i18n";

export function Loading() {
  const t = useT();
  return <Spinner aria-label={t("common.loading")} data-size="md" />;
}

export function ProblemAlert({ error }: { error: unknown }) {
  const t = useT();
  const problem = error instanceof ApiProblem ? error : null;
  const said = problem ? conflictSentence(problem, t) ?? problem.detail : undefined;
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>
        <strong>{problem ? problemTitle(problem.status, t) : t("problem.network")}</strong>
        {said ? ` ${said}` : ""}
      </Paragraph>
    </Alert>
  );
}

/** A refusal because of how things stand (409, about no one field), in the user's language when its
 * code has a sentence. */
function conflictSentence(problem: ApiProblem, t: Translate): string | undefined {
  if (problem.status !== 409) return undefined;
  for (const item of problem.errors) {
    if (item.pointer) continue;
    const key = `problem.code.${item.code}`;
    if (item.code && t(key) !== key) return t(key, item.params ?? undefined);
  }
  return undefined;
}

function problemTitle(status: number, t: (key: string) => string) {
  const known = [400, 401, 403, 404, 409, 412, 413, 422, 429];
  return t(known.includes(status) ? `problem.${status}` : "problem.other");
}

/** Shows a spinner while loading, the problem on error, and the children once there is data. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  return <>{children(query.data as T)}</>;
}
