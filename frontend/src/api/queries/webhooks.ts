import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, etagOf, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";

export type Webhook = Schemas["WebhookRead"];
export type WebhookCreated = Schemas["WebhookCreated"];
export type WebhookCreate = Schemas["WebhookCreate"];
export type WebhookUpdate = Schemas["WebhookUpdate"];
export type Delivery = Schemas["DeliveryRead"];
export type DeliveryDetail = Schemas["DeliveryDetail"];
export type DeliveryStatus = Delivery["status"];

export const DELIVERY_STATUSES: DeliveryStatus[] = ["pending", "delivered", "failed"];

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: (programmeId: string) => [...webhookKeys.all, "list", programmeId] as const,
  detail: (id: string) => [...webhookKeys.all, "detail", id] as const,
  eventTypes: () => [...webhookKeys.all, "event-types"] as const,
  deliveries: (id: string, status?: DeliveryStatus) => [...webhookKeys.all, "deliveries", id, status ?? null] as const,
  delivery: (id: string, deliveryId: string) => [...webhookKeys.all, "delivery", id, deliveryId] as const,
};

// A programme has a handful of webhooks; this many are shown, with more on demand.
const PAGE_SIZE = 50;
const DELIVERY_PAGE_SIZE = 25;
// While a delivery is pending, the log is asked again this often.
const PENDING_REFRESH_MS = 3_000;

/** The programme's webhooks (only its administrators see them). */
export const webhooksQuery = (programmeId: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.list(programmeId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/webhooks", {
          params: { query: { programme_id: [programmeId], limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** One webhook with its ETag, for If-Match on the next change. */
export const webhookQuery = (id: string) =>
  queryOptions({
    queryKey: webhookKeys.detail(id),
    queryFn: () => unwrapVersioned(api.GET("/api/v1/webhooks/{id}", { params: { path: { id } } })),
  });

/** The event types a webhook can subscribe to. */
export const eventTypesQuery = () =>
  queryOptions({
    queryKey: webhookKeys.eventTypes(),
    queryFn: () => unwrap(api.GET("/api/v1/webhooks/event-types")),
    staleTime: Infinity,
  });

/** A webhook's deliveries, newest first; asked again every few seconds while one is pending. */
export const deliveriesQuery = (webhookId: string, status?: DeliveryStatus) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(webhookId, status),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/webhooks/{id}/deliveries", {
          params: { path: { id: webhookId }, query: { status: status ? [status] : undefined, limit: DELIVERY_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((d) => d.status === "pending")) ? PENDING_REFRESH_MS : false,
  });

/** One delivery with the body sent and every attempt; asked again while it is pending. */
export const deliveryQuery = (webhookId: string, deliveryId: string) =>
  queryOptions({
    queryKey: webhookKeys.delivery(webhookId, deliveryId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/webhooks/{id}/deliveries/{delivery_id}", {
          params: { path: { id: webhookId, delivery_id: deliveryId } },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.status === "pending" ? PENDING_REFRESH_MS : false),
  });

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: webhookKeys.all });
}

/** A new webhook; the answer holds its secret, which is never shown again. */
export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: WebhookCreate) => unwrap(api.POST("/api/v1/webhooks", { body })),
    onSuccess: invalidate,
  });
}

/** A change to a webhook, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, etag, changes }: { id: string; etag: string; changes: WebhookUpdate }): Promise<Versioned<Webhook>> =>
      patchRecord<Webhook>(`/api/v1/webhooks/${id}`, etag, changes),
    onSettled: invalidate,
  });
}

/** Delete a webhook and its delivery log, with If-Match. */
export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ webhook, etag }: { webhook: Webhook; etag?: string }) =>
      unwrap(
        api.DELETE("/api/v1/webhooks/{id}", {
          params: { path: { id: webhook.id }, header: { "if-match": etag || etagOf(webhook) } },
        }),
      ),
    onSuccess: (_, { webhook }) => {
      client.removeQueries({ queryKey: webhookKeys.detail(webhook.id) });
      return client.invalidateQueries({ queryKey: webhookKeys.list(webhook.programme_id) });
    },
  });
}

/** A new secret for a webhook; the old one stops being used at once. */
export function useRotateSecret() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/webhooks/{id}/rotate-secret", { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** Send a test event (webhook.ping) through the queue like any other delivery. */
export function usePingWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/webhooks/{id}/ping", { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** Send a delivery again, with the same message id. */
export function useRedeliver() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      unwrap(
        api.POST("/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", {
          params: { path: { id: webhookId, delivery_id: deliveryId } },
        }),
      ),
    onSuccess: invalidate,
  });
}
