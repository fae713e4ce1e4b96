import { Button, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link as RouterLink } from "react-router-dom";
import type { GoalNode, IndicatorSummary } from "../../api/queries/goals";
import { useI18n } from "../../i18n";
import { formatValue } from "../indicators/format";
import own from "./goals.module.css";

const KIND_COLOR = { societal: "brand1", effect: "brand2", result: "brand3" } as const;
const STATUS_COLOR = { proposed: "neutral", active: "info", achieved: "success", dropped: "warning" } as const;

/** The share of the way from baseline to target, as a whole percentage between 0 and 100. */
export function progressPercent(progress: number | null | undefined): number | null {
  if (progress === null || progress === undefined) return null;
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

function IndicatorLine({ programmeId, indicator }: { programmeId: string; indicator: IndicatorSummary }) {
  const { t, locale, formatDate } = useI18n();
  // Written as on the indicator's own page: at most two decimals, with its unit.
  const value = (v: number | null | undefined) => formatValue(v, locale, indicator.unit);
  const percent = progressPercent(indicator.progress);
  return (
    <li className={own.indicator}>
      <Link asChild>
        <RouterLink to={`/p/${programmeId}/indicators/${indicator.id}`}>{indicator.name}</RouterLink>
      </Link>
      <span>
        {indicator.latest_value === null || indicator.latest_value === undefined
          ? t("goals.indicator.noMeasurement")
          : t("goals.indicator.latest", {
              value: value(indicator.latest_value),
              date: formatDate(indicator.latest_on ?? null),
            })}
        {" · "}
        {t("goals.indicator.baseline", { value: value(indicator.baseline_value) })}
        {" · "}
        {t("goals.indicator.target", { value: value(indicator.target_value) })}
      </span>
      {percent !== null && (
        <span className={own.progress}>
          <progress
            max={100}
            value={percent}
            aria-label={t("goals.indicator.progressLabel", { name: indicator.name })}
          />
          <span>{t("goals.indicator.progress", { percent })}</span>
        </span>
      )}
    </li>
  );
}

function GoalItem({
  node,
  programmeId,
  onEdit,
}: {
  node: GoalNode;
  programmeId: string;
  onEdit?: (node: GoalNode) => void;
}) {
  const { t } = useI18n();
  return (
    // The address an indicator's page links its goal to (…/goals#goal-<id>).
    <li className={own.goal} id={`goal-${node.id}`} tabIndex={-1}>
      <div className={own.goalHead}>
        <Tag data-color={KIND_COLOR[node.kind]} data-size="sm">
          {t(`goals.kind.${node.kind}`)}
        </Tag>
        <span className={own.goalTitle}>{node.title}</span>
        <Tag data-color={STATUS_COLOR[node.status]} data-size="sm">
          {t(`goals.status.${node.status}`)}
        </Tag>
        {onEdit && (
          <Button
            variant="tertiary"
            data-size="sm"
            onClick={() => onEdit(node)}
            aria-label={t("goals.editNamed", { title: node.title })}
          >
            {t("goals.edit")}
          </Button>
        )}
      </div>
      <Paragraph data-size="sm" className={own.meta}>
        {node.owner_name ? t("goals.ownedBy", { name: node.owner_name }) : t("goals.noOwner")}
        {node.theme ? ` · ${node.theme}` : ""}
        {node.in_catalogue ? ` · ${t("goals.inCatalogue")}` : ""}
        {node.status === "dropped" && node.dropped_reason ? ` · ${t("goals.droppedBecause", { reason: node.dropped_reason })}` : ""}
      </Paragraph>
      {node.indicators.length > 0 && (
        <ul className={own.indicators} aria-label={t("goals.indicatorsOf", { title: node.title })}>
          {node.indicators.map((indicator) => (
            <IndicatorLine key={indicator.id} programmeId={programmeId} indicator={indicator} />
          ))}
        </ul>
      )}
      {node.children.length > 0 && (
        <ul className={own.tree} aria-label={t("goals.childrenOf", { title: node.title })}>
          {node.children.map((child) => (
            <GoalItem key={child.id} node={child} programmeId={programmeId} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The goal tree: societal → effect → result as nested lists, each goal with its indicators. */
export function GoalTreeView({
  goals,
  programmeId,
  label,
  onEdit,
}: {
  goals: GoalNode[];
  programmeId: string;
  label: string;
  onEdit?: (node: GoalNode) => void;
}) {
  const { t } = useI18n();
  if (goals.length === 0) return <Paragraph>{t("goals.none")}</Paragraph>;
  return (
    <ul className={own.tree} aria-label={label}>
      {goals.map((node) => (
        <GoalItem key={node.id} node={node} programmeId={programmeId} onEdit={onEdit} />
      ))}
    </ul>
  );
}

/** Every goal of the tree, depth first, for pickers. */
export function flatten(goals: GoalNode[]): GoalNode[] {
  return goals.flatMap((g) => [g, ...flatten(g.children)]);
}
