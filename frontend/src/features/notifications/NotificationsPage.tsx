import { Button, Paragraph, Tag, ToggleGroup } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";
import { notificationsQuery, useMarkAllRead, useMarkRead, type Notification } from "../../api/queries/notifications";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useQueryParams } from "../../lib/queryParams";
import "./messages";
import own from "./notifications.module.css";
import { notificationText } from "./wording";

/** The signed-in user's notifications: unread or all, each worded by its type, with a link to its record. */
export default function NotificationsPage() {
  const { t } = useI18n();
  const [params, set] = useQueryParams();
  const unread = params.get("show") === "unread";
  const list = useInfiniteQuery(notificationsQuery(unread));
  const markAll = useMarkAllRead();
  const markRead = useMarkRead();
  const [message, setMessage] = useState("");
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: ({ marked }) =>
        setMessage(
          marked === 0
            ? t("notifications.markedAllNone")
            : marked === 1
              ? t("notifications.markedAllOne")
              : t("notifications.markedAll", { count: marked }),
        ),
    });

  return (
    <Page
      title={t("notifications.title")}
      actions={
        <>
          <Button variant="secondary" onClick={readAll} aria-busy={markAll.isPending}>
            {t("notifications.markAllRead")}
          </Button>
          <Link to="/settings">{t("notifications.settingsLink")}</Link>
        </>
      }
    >
      <Paragraph className={own.explain}>{t("notifications.explain")}</Paragraph>
      <ToggleGroup
        className={own.filter}
        aria-label={t("notifications.filter.label")}
        value={unread ? "unread" : "all"}
        onChange={(value) => set({ show: value === "unread" ? "unread" : undefined })}
      >
        <ToggleGroup.Item value="all">{t("notifications.filter.all")}</ToggleGroup.Item>
        <ToggleGroup.Item value="unread">{t("notifications.filter.unread")}</ToggleGroup.Item>
      </ToggleGroup>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      {markAll.error && <ProblemAlert error={markAll.error} />}
      {markRead.error && <ProblemAlert error={markRead.error} />}
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <Paragraph>{t(unread ? "notifications.none.unread" : "notifications.none.all")}</Paragraph>
          ) : (
            <>
              <ul className={own.list} aria-label={t("notifications.list.label")}>
                {items.map((n) => (
                  <NotificationItem
                    key={n.id}
                    notification={n}
                    busy={markRead.isPending && markRead.variables === n.id}
                    onRead={() =>
                      markRead.mutate(n.id, { onSuccess: () => setMessage(t("notifications.markedRead")) })
                    }
                  />
                ))}
              </ul>
              <LoadMore
                hasNextPage={list.hasNextPage}
                isFetchingNextPage={list.isFetchingNextPage}
                fetchNextPage={list.fetchNextPage}
              />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

function NotificationItem({
  notification: n,
  busy,
  onRead,
}: {
  notification: Notification;
  busy: boolean;
  onRead: () => void;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const text = notificationText(n, { t, formatDate, formatDateTime });
  const unread = !n.read_at;
  const programme = typeof n.facts?.programme_name === "string" ? n.facts.programme_name : "";
  return (
    <li className={unread ? `${own.item} ${own.unread}` : own.item}>
      <div className={own.body}>
        {unread && (
          <Tag data-color="accent" data-size="sm" className={own.tag}>
            {t("notifications.unreadMark")}
          </Tag>
        )}
        {n.path ? (
          // Opening the record is reading the notification.
          <Link to={n.path} className={own.text} onClick={unread ? onRead : undefined}>
            {text}
          </Link>
        ) : (
          <span className={own.text}>{text}</span>
        )}
        <span className={own.meta}>
          <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
          {programme && ` · ${programme}`}
        </span>
      </div>
      {unread && (
        <Button
          variant="tertiary"
          data-size="sm"
          onClick={onRead}
          aria-busy={busy}
          aria-label={t("notifications.markReadFor", { text })}
        >
          {t("notifications.markRead")}
        </Button>
      )}
    </li>
  );
}
