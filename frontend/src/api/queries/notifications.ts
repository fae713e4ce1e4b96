import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";

export type Notification = Schemas["NotificationRead"];

export const notificationKeys = {
  all: ["notifications"] as const,
  unreadCount: () => [...notificationKeys.all, "unread-count"] as const,
  list: (unread: boolean) => [...notificationKeys.all, "list", unread] as const,
};

// The header asks this often how many notifications are unread.
const UNREAD_POLL_MS = 60_000;
const PAGE_SIZE = 30;

/** How many of the signed-in user's notifications are unread, asked again every minute. */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: notificationKeys.unreadCount(),
    queryFn: () => unwrap(api.GET("/api/v1/me/notifications/unread-count")),
    refetchInterval: UNREAD_POLL_MS,
  });

/** The signed-in user's notifications, newest first; only the unread ones when `unread`. */
export const notificationsQuery = (unread: boolean) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(unread),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/me/notifications", {
          params: { query: { unread: unread ? true : undefined, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** Mark one notification read (again is harmless). */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/v1/me/notifications/{id}/read", { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** Mark every notification of the user read; answers how many were unread. */
export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/me/notifications/read-all")),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
