import { useQuery } from "@tanstack/react-query";
import { meQuery } from "../../api/queries/auth";

/**
 * What the user's role in a programme lets them do with decisions: editors and up record and
 * change them, and only programme administrators may finalise one without the consultation
 * it needs. The API decides in the end; this only chooses which controls to offer.
 */
export function useDecisionAccess(programmeId: string) {
  const me = useQuery(meQuery());
  const user = me.data;
  const role = user?.system_admin
    ? "programme_admin"
    : user?.memberships.find((m) => m.programme_id === programmeId)?.role;
  return {
    userId: user?.id ?? null,
    userName: user?.name ?? null,
    mayWrite: role === "editor" || role === "programme_admin",
    isAdmin: role === "programme_admin",
  };
}
