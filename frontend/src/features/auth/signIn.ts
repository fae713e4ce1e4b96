import type { Translate } from "../../i18n";

/** The codes the sign-in at the identity provider ends with on /login?error=<code>. */
export const SIGN_IN_FAILURES = [
  "oidc_state",
  "oidc_denied",
  "oidc_failed",
  "oidc_unavailable",
  "email_missing",
  "email_not_verified",
  "account_inactive",
] as const;

/** A failed sign-in's code worded for the user; null when there is none. */
export function signInFailure(code: string | null, t: Translate): string | null {
  if (!code) return null;
  return (SIGN_IN_FAILURES as readonly string[]).includes(code) ? t(`oidc.error.${code}`) : t("oidc.error.unknown");
}

/** Only a path of this app is followed after signing in (never another site). */
export function localPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
