import { Alert, Paragraph } from "@digdir/designsystemet-react";
import type { ApiProblem } from "../../api/problem";
import { ProblemAlert } from "../../components/QueryState";
import { useT } from "../../i18n";

const KNOWN = [400, 401, 403, 404, 409, 412, 413, 422, 429];

/**
 * A form's problem above the form. When every error in it is shown at a field of the form, only
 * its title is repeated here, so that the messages are not read out twice; otherwise the whole
 * problem is shown.
 */
export function FormProblem({ problem, fields }: { problem: ApiProblem; fields: string[] }) {
  const t = useT();
  const placed = problem.fields();
  if (placed.length === 0 || placed.some((field) => !fields.includes(field))) return <ProblemAlert error={problem} />;
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>
        <strong>{t(KNOWN.includes(problem.status) ? `problem.${problem.status}` : "problem.other")}</strong>
      </Paragraph>
    </Alert>
  );
}
