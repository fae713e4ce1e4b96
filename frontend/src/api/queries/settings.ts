import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { programmeKeys } from "./programmes";

export type MailPreference = Schemas["MailPreferenceRead"];
export type MailPreferenceUpdate = Schemas["MailPreferenceUpdate"];
export type MailLanguage = MailPreference["language"];
export type CalendarFeed = Schemas["CalendarFeedRead"];
export type CalendarFeedCreated = Schemas["CalendarFeedCreated"];

/** The choices a person makes about mail, in the order the forms show them. */
export const MAIL_CHOICES = [
  "deadline_reminders",
  "meeting_invitations",
  "hearing_invitations",
  "notifications",
  "daily_digest",
] as const satisfies readonly (keyof MailPreference)[];
export type MailChoice = (typeof MAIL_CHOICES)[number];
export const MAIL_LANGUAGES: MailLanguage[] = ["nb", "nn", "en"];

export const settingsKeys = {
  all: ["settings"] as const,
  mail: () => [...settingsKeys.all, "mail"] as const,
  publicMail: (token: string) => [...settingsKeys.all, "mail", "token", token] as const,
  feeds: () => [...settingsKeys.all, "calendar-feeds"] as const,
};

/** The signed-in user's mail choices, with the ETag to change them. */
export const myMailPreferencesQuery = () =>
  queryOptions({
    queryKey: settingsKeys.mail(),
    queryFn: () => unwrapVersioned(api.GET("/api/v1/me/mail-preferences")),
  });

/** The mail choices of the address a mail's link names; no login. */
export const publicMailPreferencesQuery = (token: string) =>
  queryOptions({
    queryKey: settingsKeys.publicMail(token),
    queryFn: () =>
      unwrapVersioned(api.GET("/api/v1/mail-preferences/{token}", { params: { path: { token } } })),
    retry: false,
  });

/**
 * Change mail choices with If-Match, either one's own (no token) or those a mail's link names;
 * rejects with EditConflict when they were changed meanwhile.
 */
export function useUpdateMailPreferences(token?: string) {
  const client = useQueryClient();
  const key = token ? settingsKeys.publicMail(token) : settingsKeys.mail();
  const url = token ? `/api/v1/mail-preferences/${encodeURIComponent(token)}` : "/api/v1/me/mail-preferences";
  return useMutation({
    mutationFn: ({ etag, changes }: { etag: string; changes: MailPreferenceUpdate }): Promise<Versioned<MailPreference>> =>
      patchRecord<MailPreference>(url, etag, changes),
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
}

/** The signed-in user's calendar feeds, revoked ones included. */
export const calendarFeedsQuery = () =>
  queryOptions({
    queryKey: settingsKeys.feeds(),
    queryFn: () => unwrap(api.GET("/api/v1/me/calendar-feeds")),
  });

/** A new personal calendar feed; its address (with the token) is in the answer only. */
export function useCreateCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/api/v1/me/calendar-feeds", { body: { name } })),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.feeds() }),
  });
}

/** Revoke a calendar feed: its address stops working at once. */
export function useRevokeCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/v1/me/calendar-feeds/{id}/revoke", { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.feeds() }),
  });
}

// A programme's own settings (reminders) are changed on its settings page, which alone loads this.
export type Programme = Schemas["ProgrammeRead"];
export type ProgrammeUpdate = Schemas["ProgrammeUpdate"];

/** One programme with its ETag, for If-Match on the next change (its settings page). */
export const programmeSettingsQuery = (id: string) =>
  queryOptions({
    queryKey: [...programmeKeys.detail(id), "versioned"] as const,
    queryFn: () => unwrapVersioned(api.GET("/api/v1/programmes/{id}", { params: { path: { id } } })),
  });

/** A change to a programme, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, changes }: { id: string; etag: string; changes: ProgrammeUpdate }): Promise<Versioned<Programme>> =>
      patchRecord<Programme>(`/api/v1/programmes/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: programmeKeys.all }),
  });
}
