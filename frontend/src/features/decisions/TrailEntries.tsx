import { Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useId, type ReactNode } from "react";
import { Link as RouterLink } from "react-router-dom";
import type { TrailEntry, TrailPlanned } from "../../api/queries/decisionTrail";
import { useI18n, type Translate } from "../../i18n";
import styles from "../../components/layout.module.css";
import own from "./trail.module.css";

/** Where an entry's own record is kept in the web app. */
export function trailRecordUrl(programmeId: string, entry: TrailEntry): string {
  const base = `/p/${programmeId}`;
  switch (entry.record_type) {
    case "event":
      return `${base}/events/${entry.record_id}`;
    case "hearing_response":
      return `${base}/hearings/${entry.hearing_id}`;
    case "idea":
      return `${base}/ideas/${entry.record_id}`;
    default:
      return `${base}/involvements?record=${entry.record_id}`;
  }
}

/**
 * What came of an entry, in the reader's language where the API says it by value: a meeting's
 * agreement, a response's handling, an idea's status; the comment or reason after it as written.
 */
export function trailOutcome(t: Translate, entry: TrailEntry): string | null {
  // The API words these as «<word>: <comment>»; the word is replaced by the reader's own.
  const rest = entry.outcome?.includes(": ") ? entry.outcome.slice(entry.outcome.indexOf(": ") + 2) : "";
  const worded = (word: string) => (rest ? `${word}: ${rest}` : word);
  if (entry.kind === "consultation_meeting" && entry.agreed !== null) {
    return t(entry.agreed ? "trail.agreed" : "trail.disagreed");
  }
  if (entry.kind === "hearing_response" && entry.handling) return worded(t(`trail.handling.${entry.handling}`));
  if (entry.kind === "idea" && entry.idea_status) return worded(t(`trail.ideaStatus.${entry.idea_status}`));
  return entry.outcome ?? null;
}

/** Who took part, in words: the kind or parties, the group, the names (or a head count). */
export function trailWho(t: Translate, entry: TrailEntry): string {
  const parts: string[] = [];
  if (entry.stakeholder_kind) parts.push(t(`involvements.kind.${entry.stakeholder_kind}`));
  if (entry.parties.length) {
    parts.push(entry.parties.map((p) => (PARTIES.includes(p) ? t(`trail.party.${p}`) : p)).join(", "));
  }
  if (entry.group) parts.push(entry.group);
  if (entry.attendance) {
    parts.push(t("trail.attendance", { present: entry.attendance.present, invited: entry.attendance.invited }));
  } else if (!entry.people.length) {
    parts.push(t(entry.head_count === 1 ? "trail.headCountOne" : "trail.headCount", { count: entry.head_count }));
  }
  if (entry.people.length) parts.push(entry.people.join(", "));
  // A response sent by a body on its own behalf names it twice; say it once.
  return parts.filter((part, i) => parts.indexOf(part) === i).join(" · ");
}

const PARTIES = ["administration", "employees", "politicians", "other"];

/** When an entry happened: the time where it is known, else the day. */
function When({ entry }: { entry: TrailEntry }) {
  const { formatDate, formatDateTime } = useI18n();
  return (
    <time dateTime={entry.occurred_at ?? entry.occurred_on}>
      {entry.occurred_at ? formatDateTime(entry.occurred_at) : formatDate(entry.occurred_on)}
    </time>
  );
}

/** The trail's entries, oldest first, each with who, how, when, what they said and what came of it. */
export function TrailEntries({
  entries,
  programmeId,
  headingLevel,
  links = true,
}: {
  entries: TrailEntry[];
  programmeId: string;
  headingLevel: 3 | 2;
  links?: boolean;
}) {
  const { t } = useI18n();
  if (!entries.length) return <Paragraph>{t("trail.none")}</Paragraph>;
  return (
    <ol className={own.entries} aria-label={t("trail.entries")}>
      {entries.map((entry) => (
        <li key={`${entry.record_type}-${entry.record_id}`} className={own.entry}>
          <Entry entry={entry} programmeId={programmeId} headingLevel={headingLevel} link={links} />
        </li>
      ))}
    </ol>
  );
}

function Entry({
  entry,
  programmeId,
  headingLevel,
  link,
}: {
  entry: TrailEntry;
  programmeId: string;
  headingLevel: 3 | 2;
  link: boolean;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const outcome = trailOutcome(t, entry);
  const facts: [string, ReactNode][] = [
    [t("trail.field.when"), <When entry={entry} />],
    [t("trail.field.how"), t(`involvements.form.${entry.form}`)],
    [t("trail.field.who"), trailWho(t, entry)],
    [t("trail.field.said"), entry.statements],
    [t("trail.field.cameOf"), outcome],
  ];
  return (
    <article aria-labelledby={headingId}>
      <div className={own.entryHead}>
        <Tag data-color="neutral" data-size="sm">
          {t(`trail.kind.${entry.kind}`)}
        </Tag>
        {!entry.before_decision && (
          <Tag data-color="warning" data-size="sm">
            {t("trail.afterDecision")}
          </Tag>
        )}
      </div>
      <Heading level={headingLevel} data-size="xs" id={headingId}>
        {entry.matter}
      </Heading>
      <dl className={own.facts}>
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        {entry.documents.length > 0 && (
          <div>
            <dt>{t("trail.field.documents")}</dt>
            <dd>
              {entry.documents.map((d, i) => (
                <span key={i}>
                  {i > 0 && "; "}
                  {d.url ? <Link href={d.url}>{d.title}</Link> : d.title}
                  {d.reference && ` (${d.reference})`}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {link && (
        <Paragraph data-size="sm" className={own.open}>
          <Link asChild>
            <RouterLink to={trailRecordUrl(programmeId, entry)}>
              {t(`trail.open.${entry.kind}`)}
              <span className={styles.visuallyHidden}>: {entry.matter}</span>
            </RouterLink>
          </Link>
        </Paragraph>
      )}
    </article>
  );
}

/** The project's planned involvements for the decision, and whether each happened before it. */
export function TrailPlan({ planned, headingLevel }: { planned: TrailPlanned[]; headingLevel: 3 | 2 }) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  if (!planned.length) return null;
  return (
    <section aria-labelledby={headingId} className={own.plan}>
      <Heading level={headingLevel} data-size="xs" id={headingId}>
        {t("trail.plan.heading")}
      </Heading>
      <ul>
        {planned.map(({ planned: p, happened_on, happened_before_decision }) => (
          <li key={p.id}>
            {t("trail.plan.item", {
              day: formatDate(p.planned_on),
              who: t(`involvements.kind.${p.stakeholder_kind}`),
              form: t(`involvements.form.${p.form}`),
              matter: p.matter,
            })}{" "}
            <strong>
              {p.status === "cancelled"
                ? t("trail.plan.cancelled", { reason: p.cancelled_reason ?? "" })
                : happened_on
                  ? t(happened_before_decision ? "trail.plan.heldBefore" : "trail.plan.heldAfter", {
                      day: formatDate(happened_on),
                    })
                  : t("trail.plan.notHeld")}
            </strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
