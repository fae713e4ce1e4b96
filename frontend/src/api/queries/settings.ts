import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrapVersioned, type Schemas, type Versioned } from "../client";

export type MailPreference = Schemas["MailPreferenceRead"];
export type MailPreferenceUpdate = Schemas["MailPreferenceUpdate"];
export type MailLanguage = MailPreference["language"];

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
