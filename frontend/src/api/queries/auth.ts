import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { ApiProblem, problemFrom } from "../problem";
import { sessionFromTokens, writeSession } from "../session";

export const authKeys = { me: ["auth", "me"] as const, providers: ["auth", "providers"] as const };

export const meQuery = () =>
  queryOptions({ queryKey: authKeys.me, queryFn: () => unwrap(api.GET("/api/v1/auth/me")) });

/** How one may log in: the password form, and the identity provider if one is configured. */
export const providersQuery = () =>
  queryOptions({
    queryKey: authKeys.providers,
    queryFn: () => unwrap(api.GET("/api/v1/auth/providers")),
    staleTime: 5 * 60_000,
  });

/** The provider's login URL, coming back to `returnTo` (a path of the app) once signed in. */
export function providerLoginUrl(loginUrl: string, returnTo: string | null | undefined): string {
  if (!returnTo || returnTo === "/") return loginUrl;
  return `${loginUrl}?${new URLSearchParams({ return_to: returnTo })}`;
}

/**
 * Exchanges the one-time code a sign-in at the identity provider hands over (in the fragment
 * of /login/oidc) for the session's tokens, stored as a password login stores them.
 */
export function useSignInCode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => signIn({ grant_type: "oidc_code", code }),
    onSuccess: () => client.clear(),
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      signIn({ grant_type: "password", username, password }),
    onSuccess: () => client.clear(),
  });
}

/** Asks the token endpoint for a session (without the stored one) and stores what it answers. */
async function signIn(grant: Record<string, string>) {
  const response = await fetch("/api/v1/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(grant),
  });
  if (!response.ok) throw await problemFrom(response);
  writeSession(sessionFromTokens(await response.json()));
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.POST("/api/v1/auth/logout", {});
      } finally {
        writeSession(null);
        client.clear();
      }
    },
  });
}

export { ApiProblem };
