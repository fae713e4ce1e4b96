import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { ApiProblem, problemFrom } from "../problem";
import { sessionFromTokens, writeSession } from "../session";

export const authKeys = { me: ["auth", "me"] as const };

export const meQuery = () =>
  queryOptions({ queryKey: authKeys.me, queryFn: () => unwrap(api.GET("/api/v1/auth/me")) });

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ username, password }: { username: string; password: string }) => {
      const response = await fetch("/api/v1/auth/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "password", username, password }),
      });
      if (!response.ok) throw await problemFrom(response);
      writeSession(sessionFromTokens(await response.json()));
    },
    onSuccess: () => client.clear(),
  });
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
