import { useMemo } from "react";
import { TIME_ZONE, useI18n, type Locale } from "../../i18n";
import { osloDate } from "../../lib/time";

const TAGS: Record<Locale, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

/** When an event is, in Oslo time: "20. nov. 2018, 09:00–11:00", or both ends in full over midnight. */
export function useEventSpan() {
  const { locale, formatDateTime } = useI18n();
  const time = useMemo(
    () => new Intl.DateTimeFormat(TAGS[locale], { timeStyle: "short", timeZone: TIME_ZONE }),
    [locale],
  );
  return ({ starts_at, ends_at }: { starts_at: string; ends_at: string }) =>
    osloDate(starts_at) === osloDate(ends_at)
      ? `${formatDateTime(starts_at)}–${time.format(new Date(ends_at))}`
      : `${formatDateTime(starts_at)} – ${formatDateTime(ends_at)}`;
}
