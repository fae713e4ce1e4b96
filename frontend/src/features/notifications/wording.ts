import type { Notification } from "../../api/queries/notifications";
import type { Translate } from "../../i18n";
import { ruleTitle } from "../compliance/wording";

/** What wording needs of the user's language: its strings and its date formats. */
export interface Wording {
  t: Translate;
  formatDate: (value: string) => string;
  formatDateTime: (value: string) => string;
}

type Facts = Record<string, unknown>;

/** The types this app words by their facts; any other gets a general sentence. */
export const KNOWN_TYPES = [
  "deadline.due_soon",
  "deadline.overdue",
  "event.created",
  "event.updated",
  "event.deleted",
  "hearing.updated",
  "decision.finalised",
  "phase.completed",
  "compliance.finding_opened",
  "import.finished",
  "webhook.disabled",
] as const;

const text = (value: unknown): string =>
  typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";

/** The record's name as the facts give it: a title, else a name. */
const titleOf = (facts: Facts): string => text(facts.title) || text(facts.name);

/** A time in the user's language: a bare date as a day, an instant with its Oslo time. */
function when(value: unknown, w: Wording): string {
  const raw = text(value);
  if (!raw) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return w.formatDate(raw);
  return Number.isNaN(new Date(raw).getTime()) ? "" : w.formatDateTime(raw);
}

/**
 * A notification as one sentence in the user's language, from its type and facts. Facts may be
 * missing (an older notification, a record since deleted): the sentence is then shorter, never
 * broken.
 */
export function notificationText(notification: Pick<Notification, "type" | "facts">, w: Wording): string {
  const { t } = w;
  const facts = (notification.facts ?? {}) as Facts;
  const title = titleOf(facts);
  // With a title the sentence names the record; without one it says what kind of thing it is.
  const say = (key: string, vars: Record<string, string> = {}) =>
    t(`notifications.type.${key}${title ? "" : ".untitled"}`, { title, ...vars });
  switch (notification.type) {
    case "deadline.due_soon": {
      const due = when(facts.due_at, w);
      return due ? say("deadline.due_soon.at", { due }) : say("deadline.due_soon");
    }
    case "deadline.overdue": {
      const due = when(facts.due_at, w);
      return due ? say("deadline.overdue.at", { due }) : say("deadline.overdue");
    }
    case "event.created": {
      const starts = when(facts.starts_at, w);
      return starts ? say("event.created.at", { starts }) : say("event.created");
    }
    case "event.deleted":
      return say("event.cancelled");
    case "event.updated": {
      if (facts.cancelled === true || facts.status === "cancelled") return say("event.cancelled");
      const starts = when(facts.starts_at, w);
      // Someone just added to the meeting is invited to it, whatever else changed.
      if (facts.invited === true) return starts ? say("event.created.at", { starts }) : say("event.created");
      const changed = Array.isArray(facts.changed) ? facts.changed : [];
      const moved = changed.includes("starts_at") || changed.includes("ends_at");
      return moved && starts ? say("event.updated.at", { starts }) : say("event.updated");
    }
    case "hearing.updated": {
      const closes = when(facts.deadline_at ?? facts.closes_at ?? facts.due_at, w);
      if (facts.status === "open") return closes ? say("hearing.opened.until", { closes }) : say("hearing.opened");
      return say("hearing.updated");
    }
    case "decision.finalised":
      return say("decision.finalised");
    case "phase.completed":
      return say("phase.completed");
    case "compliance.finding_opened": {
      const rule = text(facts.rule);
      const named = rule ? ruleTitle(t, rule, text(facts.rule_title) || title || rule) : title;
      return named
        ? t("notifications.type.compliance.finding_opened", { title: named })
        : t("notifications.type.compliance.finding_opened.untitled");
    }
    case "import.finished": {
      const file = text(facts.filename) || title;
      const failed = facts.status === "failed" || facts.failed === true;
      const key = failed ? "import.failed" : "import.finished";
      return file
        ? t(`notifications.type.${key}`, { title: file })
        : t(`notifications.type.${key}.untitled`);
    }
    case "webhook.disabled": {
      const url = text(facts.url);
      return url
        ? t("notifications.type.webhook.disabled", { url })
        : t("notifications.type.webhook.disabled.untitled");
    }
    default:
      return title ? t("notifications.type.other", { title }) : t("notifications.type.other.untitled");
  }
}
