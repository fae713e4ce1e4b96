import { useQuery } from "@tanstack/react-query";
import { meQuery } from "../../api/queries/auth";

/**
 * Whether the user administers the programme (its settings and webhooks): programme
 * administrators and system administrators; undefined until the user's roles are known. The
 * API has the last word.
 */
export function useAdministers(programmeId: string): boolean | undefined {
  const me = useQuery(meQuery());
  if (!me.data) return me.isError ? false : undefined;
  if (me.data.system_admin) return true;
  return me.data.memberships?.find((m) => m.programme_id === programmeId)?.role === "programme_admin";
}
