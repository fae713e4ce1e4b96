import { Tag } from "@digdir/designsystemet-react";
import type { Webhook } from "../../api/queries/webhooks";
import { useI18n, type Translate } from "../../i18n";

/** Active, switched off, or failing since when: in words, with a colour that only repeats them. */
export function WebhookStatus({ webhook }: { webhook: Webhook }) {
  const { t, formatDateTime } = useI18n();
  if (!webhook.active) {
    return (
      <Tag data-color="neutral" data-size="sm">
        {t("webhooks.status.disabled")}
      </Tag>
    );
  }
  if (webhook.failing_since) {
    return (
      <Tag data-color="warning" data-size="sm">
        {t("webhooks.status.failing", { date: formatDateTime(webhook.failing_since) })}
      </Tag>
    );
  }
  return (
    <Tag data-color="success" data-size="sm">
      {t("webhooks.status.active")}
    </Tag>
  );
}

/** Why a webhook is switched off, and since when. */
export function disabledText(
  webhook: Webhook,
  t: Translate,
  formatDateTime: (value: string) => string,
): string {
  const date = webhook.disabled_at ? formatDateTime(webhook.disabled_at) : "";
  return webhook.disabled_reason === "failing_for_3_days"
    ? t("webhooks.disabledReason.failing_for_3_days", { date })
    : t("webhooks.disabledReason.manual", { date });
}
