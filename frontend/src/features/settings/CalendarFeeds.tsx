import { Alert, Button, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  calendarFeedsQuery,
  useCreateCalendarFeed,
  useRevokeCalendarFeed,
  type CalendarFeed,
  type CalendarFeedCreated,
} from "../../api/queries/settings";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { CopyValue } from "../../components/CopyValue";
import own from "./settings.module.css";

/** The user's personal calendar feeds: make one (its address shown once), see them, revoke one. */
export function CalendarFeeds() {
  const { t } = useI18n();
  const feeds = useQuery(calendarFeedsQuery());
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState("");
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [revoking, setRevoking] = useState<CalendarFeed | null>(null);
  const [message, setMessage] = useState("");
  const word = useProblemWording();
  const serverError = create.error instanceof ApiProblem ? create.error.fieldErrors(word).name : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setNameError(trimmed ? "" : t("settings.feeds.nameRequired"));
    if (!trimmed) return;
    create.mutate(trimmed, {
      onSuccess: (feed) => {
        setCreated(feed);
        setName("");
      },
    });
  };

  return (
    <>
      <Paragraph>{t("settings.feeds.explain")}</Paragraph>
      {created && (
        <Alert data-color="success">
          <div className={layout.stack}>
            <Heading level={3} data-size="xs">
              {t("settings.feeds.created", { name: created.name })}
            </Heading>
            <Paragraph>{t("settings.feeds.onlyOnce")}</Paragraph>
            <CopyValue label={t("settings.feeds.url")} value={created.url} />
          </div>
        </Alert>
      )}
      <form className={layout.stack} onSubmit={submit} noValidate>
        {create.error && !serverError && <ProblemAlert error={create.error} />}
        <Textfield
          label={t("settings.feeds.name")}
          description={t("settings.feeds.name.description")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError || serverError}
          maxLength={200}
        />
        <div>
          <Button type="submit" variant="secondary" aria-busy={create.isPending}>
            {t("settings.feeds.create")}
          </Button>
        </div>
      </form>
      <p role="status" className={own.copied}>
        {message}
      </p>
      <QueryState query={feeds}>
        {(data) =>
          data.items.length === 0 ? (
            <Paragraph>{t("settings.feeds.none")}</Paragraph>
          ) : (
            <ul className={own.feeds} aria-label={t("settings.feeds.list")}>
              {data.items.map((feed) => (
                <FeedItem key={feed.id} feed={feed} onRevoke={() => setRevoking(feed)} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {revoking && (
        <ConfirmDialog
          title={t("settings.feeds.revoke")}
          message={t("settings.feeds.revokeConfirm", { name: revoking.name })}
          confirm={t("settings.feeds.revoke")}
          busy={revoke.isPending}
          error={revoke.error}
          onCancel={() => setRevoking(null)}
          onConfirm={() =>
            revoke.mutate(revoking.id, {
              onSuccess: () => {
                setMessage(t("settings.feeds.revoked", { name: revoking.name }));
                if (created?.id === revoking.id) setCreated(null);
                setRevoking(null);
              },
            })
          }
        />
      )}
    </>
  );
}

function FeedItem({ feed, onRevoke }: { feed: CalendarFeed; onRevoke: () => void }) {
  const { t, formatDateTime } = useI18n();
  return (
    <li className={own.feed}>
      <div>
        <strong>{feed.name}</strong>{" "}
        {feed.revoked_at && (
          <Tag data-color="neutral" data-size="sm">
            {t("settings.feeds.revokedTag")}
          </Tag>
        )}
        <span className={own.meta}>
          {t("settings.feeds.prefix", { prefix: feed.prefix })} ·{" "}
          {t("settings.feeds.createdAt", { when: formatDateTime(feed.created_at) })} ·{" "}
          {feed.last_used_at
            ? t("settings.feeds.lastUsed", { when: formatDateTime(feed.last_used_at) })
            : t("settings.feeds.neverUsed")}
        </span>
      </div>
      {!feed.revoked_at && (
        <Button
          variant="tertiary"
          data-size="sm"
          data-color="danger"
          onClick={onRevoke}
          aria-label={t("settings.feeds.revokeFor", { name: feed.name })}
        >
          {t("settings.feeds.revoke")}
        </Button>
      )}
    </li>
  );
}
