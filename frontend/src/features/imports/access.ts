import { useQuery } from "@tanstack/react-query";
import { meQuery } from "../../api/queries/auth";

/**
 * Whether to offer imports in a programme: editors and programme administrators, who may
 * create the records an import writes (undefined until the user's roles are known). The API
 * has the last word.
 */
export function useMayImport(programmeId: string): boolean | undefined {
  const me = useQuery(meQuery());
  if (!me.data) return me.isError ? false : undefined;
  if (me.data.system_admin) return true;
  const role = me.data.memberships?.find((m) => m.programme_id === programmeId)?.role;
  return role === "editor" || role === "programme_admin";
}
