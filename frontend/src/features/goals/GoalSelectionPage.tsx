import { Alert, Button, Checkbox, Fieldset, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  areaSelectionsQuery,
  catalogueQuery,
  planSelections,
  useSaveSelections,
  type Area,
  type Goal,
  type GoalSelection,
  type SelectionText,
} from "../../api/queries/goals";
import { groupNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { useQueryParams } from "../../lib/queryParams";
import { EditConflict } from "./conflict";
import own from "./goals.module.css";

function themesOf(goals: Goal[], noTheme: string): [string, Goal[]][] {
  const themes = new Map<string, Goal[]>();
  for (const goal of goals) {
    const theme = goal.theme ?? noTheme;
    themes.set(theme, [...(themes.get(theme) ?? []), goal]);
  }
  return [...themes];
}

const textOf = (s: GoalSelection): SelectionText => ({
  rationale: s.rationale ?? "",
  meaning: s.meaning ?? "",
  operationalisation: s.operationalisation ?? "",
});

const EMPTY: SelectionText = { rationale: "", meaning: "", operationalisation: "" };

function SelectionForm({
  programmeId,
  area,
  catalogue,
  saved,
  onSaved,
}: {
  programmeId: string;
  area: Area;
  catalogue: Goal[];
  saved: GoalSelection[];
  onSaved: (message: string) => void;
}) {
  const t = useT();
  const word = useProblemWording();
  const save = useSaveSelections(programmeId, area);
  const [ticked, setTicked] = useState(() => new Map(saved.map((s) => [s.goal_id, textOf(s)])));
  const [message, setMessage] = useState("");

  const toggle = (goalId: string, on: boolean) =>
    setTicked((current) => {
      const next = new Map(current);
      const before = saved.find((s) => s.goal_id === goalId);
      if (on) next.set(goalId, before ? textOf(before) : EMPTY);
      else next.delete(goalId);
      return next;
    });
  const edit = (goalId: string, field: keyof SelectionText, value: string) =>
    setTicked((current) => new Map(current).set(goalId, { ...(current.get(goalId) ?? EMPTY), [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const plan = planSelections(saved, ticked);
    if (!plan.create.length && !plan.update.length && !plan.remove.length) {
      setMessage(t("goals.selection.unchanged"));
      return;
    }
    setMessage("");
    save.mutate(plan, {
      onSuccess: () => onSaved(t("goals.selection.saved", { count: ticked.size })),
    });
  };

  const problem = save.error instanceof ApiProblem ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Paragraph>{t("goals.selection.intro")}</Paragraph>
      {themesOf(catalogue, t("goals.noTheme")).map(([theme, goals]) => (
        <Fieldset key={theme} className={own.theme}>
          <Fieldset.Legend>{theme}</Fieldset.Legend>
          {goals.map((goal) => {
            const text = ticked.get(goal.id);
            return (
              <div key={goal.id} className={own.choice}>
                <Checkbox
                  label={goal.title}
                  checked={Boolean(text)}
                  onChange={(e) => toggle(goal.id, e.target.checked)}
                />
                {text && (
                  <div className={own.choiceTexts}>
                    <Textfield
                      label={t("goals.selection.rationaleFor", { title: goal.title })}
                      multiline
                      rows={2}
                      value={text.rationale}
                      onChange={(e) => edit(goal.id, "rationale", e.target.value)}
                    />
                    <Textfield
                      label={t("goals.selection.meaningFor", { title: goal.title })}
                      multiline
                      rows={2}
                      value={text.meaning}
                      onChange={(e) => edit(goal.id, "meaning", e.target.value)}
                    />
                    <Textfield
                      label={t("goals.selection.operationalisationFor", { title: goal.title })}
                      multiline
                      rows={2}
                      value={text.operationalisation}
                      onChange={(e) => edit(goal.id, "operationalisation", e.target.value)}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </Fieldset>
      ))}
      {save.error instanceof EditConflict && (
        <Alert data-color="warning" role="alert">
          <Paragraph>{t("goals.error.conflict")}</Paragraph>
        </Alert>
      )}
      {problem && problem.errors.length > 0 ? (
        <Alert data-color="danger" role="alert">
          {problem.errors.map((item, i) => (
            <Paragraph key={i}>{word(item)}</Paragraph>
          ))}
        </Alert>
      ) : (
        save.error && !(save.error instanceof EditConflict) && <ProblemAlert error={save.error} />
      )}
      <p role="status">{message}</p>
      <div className={styles.actions}>
        <Button type="submit" aria-busy={save.isPending}>
          {t("goals.selection.save")}
        </Button>
      </div>
    </form>
  );
}

/** Seed 002, tasks 2b and 4b: an area ticks the catalogue goals it works for, and says why and how. */
export default function GoalSelectionPage() {
  const { programmeId = "" } = useParams();
  const t = useT();
  const [params, set] = useQueryParams();
  const projects = useQuery(projectNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const projectId = params.get("project");
  const groupId = params.get("group");
  const area: Area | null = projectId ? { kind: "project", id: projectId } : groupId ? { kind: "group", id: groupId } : null;
  const catalogue = useQuery(catalogueQuery(programmeId));
  const [savedMessage, setSavedMessage] = useState("");
  const saved = useQuery({ ...areaSelectionsQuery(programmeId, area ?? { kind: "project", id: "" }), enabled: Boolean(area) });

  const choose = (value: string) => {
    const [kind, id] = value.split(":");
    setSavedMessage("");
    set({ project: kind === "project" ? id : undefined, group: kind === "group" ? id : undefined });
  };

  return (
    <Page title={t("goals.selection.title")}>
      <Link asChild>
        <RouterLink to={`/p/${programmeId}/goals`}>{t("goals.selection.back")}</RouterLink>
      </Link>
      <div className={styles.filters}>
        <SelectField
          label={t("goals.selection.area")}
          value={area ? `${area.kind}:${area.id}` : ""}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="">{t("goals.selection.chooseArea")}</option>
          <optgroup label={t("goals.selection.projects")}>
            {(projects.data ?? []).map((p) => (
              <option key={p.id} value={`project:${p.id}`}>
                {p.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("goals.selection.groups")}>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {g.name}
              </option>
            ))}
          </optgroup>
        </SelectField>
      </div>
      <p role="status" className={own.saved}>
        {savedMessage}
      </p>
      {!area ? (
        <Paragraph>{t("goals.selection.pickArea")}</Paragraph>
      ) : (
        <QueryState query={catalogue}>
          {(goals) =>
            goals.length === 0 ? (
              <Paragraph>{t("goals.choices.noCatalogue")}</Paragraph>
            ) : (
              <QueryState query={saved}>
                {(selections) => (
                  <SelectionForm
                    key={`${area.kind}:${area.id}:${selections.map((s) => `${s.id}.${s.version}`).join(",")}`}
                    programmeId={programmeId}
                    area={area}
                    catalogue={goals}
                    saved={selections}
                    onSaved={setSavedMessage}
                  />
                )}
              </QueryState>
            )
          }
        </QueryState>
      )}
    </Page>
  );
}
