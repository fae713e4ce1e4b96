import { Tag } from "@digdir/designsystemet-react";
import type { Measure } from "../../api/queries/measures";
import { useT } from "../../i18n";
import own from "./measures.module.css";

const COLORS = { planned: "neutral", in_progress: "info", done: "success", cancelled: "neutral" } as const;

/** A measure's status in words, and "past due, no result" spelled out rather than shown by colour alone. */
export function MeasureStatusTags({ measure }: { measure: Measure }) {
  const t = useT();
  return (
    <span className={own.tags}>
      <Tag data-size="sm" data-color={COLORS[measure.status]}>
        {t(`measures.status.${measure.status}`)}
      </Tag>
      {measure.overdue_without_result && (
        <Tag data-size="sm" data-color="danger">
          {t("measures.overdueWithoutResult")}
        </Tag>
      )}
    </span>
  );
}
