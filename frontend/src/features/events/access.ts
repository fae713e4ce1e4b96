import { useQuery } from "@tanstack/react-query";
import { meQuery } from "../../api/queries/auth";

// Only editors and programme admins may write events: the API gives members no write access
// to them, unlike tasks or deadlines.
const WRITERS = new Set(["programme_admin", "editor"]);

/** Whether to offer the controls that create and change events in a programme. */
export function useMayEditEvents(programmeId: string): boolean {
  const me = useQuery(meQuery());
  if (!me.data) return false;
  if (me.data.system_admin) return true;
  const role = me.data.memberships.find((m) => m.programme_id === programmeId)?.role;
  return role !== undefined && WRITERS.has(role);
}
