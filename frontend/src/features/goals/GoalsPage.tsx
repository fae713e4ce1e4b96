import { Button, Heading, Link } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link as RouterLink, useLocation, useParams } from "react-router-dom";
import { goalListQuery, goalTreeQuery, type GoalNode } from "../../api/queries/goals";
import { peopleNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import { FilterSelect } from "../../components/FilterSelect";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useQueryParams } from "../../lib/queryParams";
import { AreaChoices } from "./AreaChoices";
import { GoalDialog } from "./GoalDialog";
import { flatten, GoalTreeView } from "./GoalTreeView";
import own from "./goals.module.css";
import { ExportButton } from "../../components/ExportButton";

/** The goals of a programme (or of one project): the tree, and which areas chose which catalogue goals. */
export default function GoalsPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const [params, set] = useQueryParams();
  const projectId = params.get("project") || undefined;
  const tree = useQuery(goalTreeQuery(programmeId, projectId));
  const whole = useQuery(goalTreeQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const [editing, setEditing] = useState<GoalNode | "new" | null>(null);
  const [message, setMessage] = useState("");
  // Arriving from an indicator at …/goals#goal-<id>: that goal, once the tree is there.
  const { hash } = useLocation();
  useEffect(() => {
    if (!tree.isSuccess || !hash.startsWith("#goal-")) return;
    const target = document.getElementById(hash.slice(1));
    target?.scrollIntoView({ block: "start" });
    target?.focus({ preventScroll: true });
  }, [tree.isSuccess, hash]);
  const selectionLink = `/p/${programmeId}/goals/selection${projectId ? `?project=${projectId}` : ""}`;

  return (
    <Page
      title={t("goals.title")}
      actions={
        <>
          <ExportButton path="/api/v1/goals" query={goalListQuery(programmeId, projectId)} />
          <Button onClick={() => setEditing("new")}>{t("goals.new")}</Button>
        </>
      }
    >
      <p>
        <Link asChild>
          <RouterLink to={selectionLink}>{t("goals.selection.open")}</RouterLink>
        </Link>
      </p>
      <div className={styles.filters}>
        <FilterSelect
          label={t("goals.filter.project")}
          value={projectId ?? ""}
          onChange={(value) => set({ project: value || undefined })}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </div>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <section aria-labelledby="goal-tree-heading">
        <Heading level={2} data-size="md" id="goal-tree-heading">
          {t("goals.tree")}
        </Heading>
        <QueryState query={tree}>
          {(data) => {
            // On the programme's page the catalogue goals nothing hangs under are listed apart.
            const apart = (g: GoalNode) => !projectId && g.in_catalogue && g.children.length === 0;
            const catalogue = data.goals.filter(apart);
            return (
              <>
                <GoalTreeView
                  goals={data.goals.filter((g) => !apart(g))}
                  programmeId={programmeId}
                  label={t("goals.tree")}
                  onEdit={(node) => setEditing(node)}
                />
                {catalogue.length > 0 && (
                  <details className={own.catalogue}>
                    <summary>{t("goals.catalogue", { count: catalogue.length })}</summary>
                    <GoalTreeView
                      goals={catalogue}
                      programmeId={programmeId}
                      label={t("goals.catalogueLabel")}
                      onEdit={(node) => setEditing(node)}
                    />
                  </details>
                )}
              </>
            );
          }}
        </QueryState>
      </section>
      <section aria-labelledby="goal-choices-heading" className={own.section}>
        <Heading level={2} data-size="md" id="goal-choices-heading">
          {t("goals.choices.title")}
        </Heading>
        <QueryState query={tree}>{(data) => <AreaChoices goals={data.goals} />}</QueryState>
        <Link asChild>
          <RouterLink to={selectionLink}>{t("goals.selection.open")}</RouterLink>
        </Link>
      </section>
      {editing && (
        <GoalDialog
          programmeId={programmeId}
          goal={editing === "new" ? null : editing}
          goals={flatten(whole.data?.goals ?? [])}
          projects={projects.data ?? []}
          people={people.data ?? []}
          defaultProjectId={projectId}
          onClose={(done) => {
            setEditing(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </Page>
  );
}
