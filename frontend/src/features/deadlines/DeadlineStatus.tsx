import { Tag } from "@digdir/designsystemet-react";
import type { Deadline } from "../../api/queries/deadlines";
import { useT } from "../../i18n";
import { lateBy } from "./lateness";

const COLORS = { open: "info", submitted: "success", waived: "neutral" } as const;

/** A deadline's status as words, with "overdue" and "submitted late" spelled out rather than shown by colour alone. */
export function DeadlineStatus({
  deadline,
  className,
  quietWhenOpen = false,
}: {
  deadline: Deadline;
  className?: string;
  /** Leave out the plain "open" tag where open is what the reader expects (the calendar). */
  quietWhenOpen?: boolean;
}) {
  const t = useT();
  if (quietWhenOpen && deadline.status === "open" && !deadline.overdue) return null;
  return (
    <span className={className}>
      {!(quietWhenOpen && deadline.status === "open") && (
        <Tag data-size="sm" data-color={COLORS[deadline.status]}>
          {t(`deadlines.status.${deadline.status}`)}
        </Tag>
      )}
      {deadline.overdue && (
        <Tag data-size="sm" data-color="danger">
          {t("deadlines.overdue")}
        </Tag>
      )}
      {deadline.submitted_late && deadline.late_by_seconds !== null && (
        <Tag data-size="sm" data-color="warning">
          {t("deadlines.late", { by: lateBy(t, deadline.late_by_seconds) })}
        </Tag>
      )}
    </span>
  );
}
