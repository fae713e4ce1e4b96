import { Tag } from "@digdir/designsystemet-react";
import type { Delivery } from "../../api/queries/workbooks";
import { useI18n } from "../../i18n";
import { lateBy } from "../deadlines/lateness";

const COLOR: Record<Delivery, "success" | "danger" | "warning" | "neutral" | "info"> = {
  on_time: "success",
  late: "warning",
  missing: "danger",
  pending: "info",
  waived: "neutral",
};

/** Whether a version met its deadline: on time, late (by how much), missing, not yet due. */
export function DeliveryTag({ delivery, lateBySeconds }: { delivery: Delivery | null; lateBySeconds: number | null }) {
  const { t } = useI18n();
  if (!delivery) return <>{t("workbooks.delivery.none")}</>;
  const text =
    delivery === "late" && lateBySeconds
      ? t("workbooks.delivery.lateBy", { by: lateBy(t, lateBySeconds) })
      : t(`workbooks.delivery.${delivery}`);
  return <Tag data-color={COLOR[delivery]}>{text}</Tag>;
}
