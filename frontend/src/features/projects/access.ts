import { useQuery } from "@tanstack/react-query";
import { meQuery } from "../../api/queries/auth";

/**
 * Whether to offer edit controls in a programme: to everyone but observers. The API has the
 * last word (a member may change only what concerns their own groups and projects), and a
 * refusal is shown as the problem it answers with.
 */
export function useMayEdit(programmeId: string): boolean {
  const me = useQuery(meQuery());
  if (!me.data) return false;
  if (me.data.system_admin) return true;
  const role = me.data.memberships.find((m) => m.programme_id === programmeId)?.role;
  return role !== undefined && role !== "observer";
}

/**
 * Whether to offer setting the programme up: creating and deleting projects and groups, and
 * editing their facts. The API lets editors and programme administrators do that, not members.
 */
export function useMayManage(programmeId: string): boolean {
  const me = useQuery(meQuery());
  if (!me.data) return false;
  if (me.data.system_admin) return true;
  const role = me.data.memberships.find((m) => m.programme_id === programmeId)?.role;
  return role === "editor" || role === "programme_admin";
}
