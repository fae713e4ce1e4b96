import { Tag } from "@digdir/designsystemet-react";
import type { IdeaStatus } from "../../api/queries/ideas";
import { useI18n } from "../../i18n";

const COLOR: Record<IdeaStatus, "neutral" | "info" | "success" | "warning" | "danger"> = {
  received: "neutral",
  assessing: "info",
  accepted: "success",
  in_progress: "info",
  implemented: "success",
  not_pursued: "warning",
};

/** An idea's status in words, coloured as well (the words carry the meaning). */
export function IdeaStatusTag({ status }: { status: IdeaStatus }) {
  const { t } = useI18n();
  return (
    <Tag data-color={COLOR[status]} data-size="sm">
      {t(`ideas.status.${status}`)}
    </Tag>
  );
}
