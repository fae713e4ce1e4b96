import { Heading, Link } from "@digdir/designsystemet-react";
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "react-router-dom";
import { goalTreeQuery } from "../../api/queries/goals";
import { QueryState } from "../../components/QueryState";
import { useT } from "../../i18n";
import { GoalTreeView } from "./GoalTreeView";
import own from "./goals.module.css";

/** A project's goals on its page: its own goals and the catalogue goals it chose, in the tree. */
export function GoalsSection({ programmeId, projectId }: { programmeId: string; projectId: string }) {
  const t = useT();
  const tree = useQuery(goalTreeQuery(programmeId, projectId));
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={own.section}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("goals.project.title")}
      </Heading>
      <QueryState query={tree}>
        {(data) => <GoalTreeView goals={data.goals} programmeId={programmeId} label={t("goals.project.title")} />}
      </QueryState>
      <p className={own.links}>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}/goals?project=${projectId}`}>{t("goals.project.all")}</RouterLink>
        </Link>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}/goals/selection?project=${projectId}`}>{t("goals.project.select")}</RouterLink>
        </Link>
      </p>
    </section>
  );
}
