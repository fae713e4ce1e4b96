import { Button, Dialog, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { selectionHistoryQuery, type GoalNode, type SelectionSummary } from "../../api/queries/goals";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { flatten } from "./GoalTreeView";
import own from "./goals.module.css";
import { useFocusOnOpen } from "../../lib/focus";

/** The catalogue goals of a tree by theme (themes in the order their first goal comes). */
export function byTheme(goals: GoalNode[], noTheme: string): [string, GoalNode[]][] {
  const themes = new Map<string, GoalNode[]>();
  for (const goal of flatten(goals).filter((g) => g.in_catalogue)) {
    const theme = goal.theme ?? noTheme;
    themes.set(theme, [...(themes.get(theme) ?? []), goal]);
  }
  return [...themes];
}

function HistoryDialog({ selection, goal, onClose }: { selection: SelectionSummary; goal: string; onClose: () => void }) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const history = useQuery(selectionHistoryQuery(selection.id));
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const text = (value: string | null | undefined) => value || "—";
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("goals.history.title", { area: selection.area_name })}
        </Heading>
        <Paragraph data-size="sm">{goal}</Paragraph>
      </Dialog.Block>
      <Dialog.Block>
        <QueryState query={history}>
          {(revisions) => (
            <ol className={own.history}>
              {revisions.map((r) => (
                <li key={r.id}>
                  <strong>
                    {t(`goals.history.action.${r.action}`)} · {formatDateTime(r.changed_at)}
                    {r.changed_by ? ` · ${r.changed_by}` : ""}
                  </strong>
                  <dl>
                    <dt>{t("goals.selection.rationale")}</dt>
                    <dd>{text(r.rationale)}</dd>
                    <dt>{t("goals.selection.meaning")}</dt>
                    <dd>{text(r.meaning)}</dd>
                    <dt>{t("goals.selection.operationalisation")}</dt>
                    <dd>{text(r.operationalisation)}</dd>
                  </dl>
                </li>
              ))}
            </ol>
          )}
        </QueryState>
      </Dialog.Block>
    </Dialog>
  );
}

/** Which areas chose which catalogue goals: a table per theme, each area with its rationale and history. */
export function AreaChoices({ goals }: { goals: GoalNode[] }) {
  const { t } = useI18n();
  const [showing, setShowing] = useState<{ selection: SelectionSummary; goal: string } | null>(null);
  const themes = byTheme(goals, t("goals.noTheme"));
  if (themes.length === 0) return <Paragraph>{t("goals.choices.noCatalogue")}</Paragraph>;
  return (
    <>
      {themes.map(([theme, items]) => (
        <Table key={theme} data-size="sm" zebra className={own.choicesTable}>
            <caption>{theme}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("goals.choices.goal")}</Table.HeaderCell>
                <Table.HeaderCell>{t("goals.choices.areas")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((goal) => (
                <Table.Row key={goal.id}>
                  <Table.Cell>{goal.title}</Table.Cell>
                  <Table.Cell>
                    {goal.selections.length === 0 ? (
                      t("goals.choices.none")
                    ) : (
                      <ul className={own.areas}>
                        {goal.selections.map((s) => (
                          <li key={s.id}>
                            <strong>{s.area_name}</strong>
                            {s.rationale ? `: ${s.rationale}` : ` (${t("goals.choices.noRationale")})`}{" "}
                            <Button
                              variant="tertiary"
                              data-size="sm"
                              onClick={() => setShowing({ selection: s, goal: goal.title })}
                              aria-label={t("goals.history.showFor", { area: s.area_name, goal: goal.title })}
                            >
                              {t("goals.history.show")}
                            </Button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
        </Table>
      ))}
      {showing && <HistoryDialog selection={showing.selection} goal={showing.goal} onClose={() => setShowing(null)} />}
    </>
  );
}
