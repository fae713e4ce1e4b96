import type { Translate } from "../../i18n";

/** One kind of record or domain and the event types under it, in the catalogue's order. */
export interface EventGroup {
  record: string;
  label: string;
  types: { type: string; label: string }[];
}

/** "deadline.due_soon" → ["deadline", "due_soon"]. */
function split(type: string): [string, string] {
  const dot = type.lastIndexOf(".");
  return dot < 0 ? [type, ""] : [type.slice(0, dot), type.slice(dot + 1)];
}

const known = (t: Translate, key: string) => (t(key) === key ? undefined : t(key));

/** A record type or domain in the user's language; one this app does not know, in plain words. */
export function recordLabel(t: Translate, record: string): string {
  return known(t, `webhooks.record.${record}`) ?? record.replace(/_/g, " ");
}

/** What happened, in the user's language: "created", "due soon", …; else the API's description. */
export function actionLabel(t: Translate, action: string, description?: string): string {
  return known(t, `webhooks.event.${action}`) ?? description ?? action.replace(/_/g, " ");
}

/** An event type as a user reads it: "Frist: opprettet". */
export function eventTypeLabel(t: Translate, type: string, description?: string): string {
  const [record, action] = split(type);
  if (!action) return recordLabel(t, record);
  return t("webhooks.event.label", { record: recordLabel(t, record), action: actionLabel(t, action, description) });
}

/** The catalogue grouped by record type or domain, for a form to show one fieldset each. */
export function groupEventTypes(t: Translate, items: { type: string; description?: string | null }[]): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  for (const item of items) {
    const [record, action] = split(item.type);
    let group = groups.get(record);
    if (!group) {
      group = { record, label: recordLabel(t, record), types: [] };
      groups.set(record, group);
    }
    group.types.push({ type: item.type, label: actionLabel(t, action, item.description ?? undefined) });
  }
  return [...groups.values()];
}
