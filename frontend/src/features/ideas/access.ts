import { useQuery } from "@tanstack/react-query";
import { meQuery } from "../../api/queries/auth";

export interface IdeaAccess {
  /** May submit ideas (members and above). */
  submit: boolean;
  /** The programme office: assesses any idea, archives, hands out participation links. */
  office: boolean;
  /** The caller's person in the programme, which supports ideas and may be an assessor. */
  personId: string | null;
}

const OFFICE = new Set(["programme_admin", "editor"]);

/** What the signed-in user may do with the programme's ideas; observers only read. */
export function useIdeaAccess(programmeId: string): IdeaAccess {
  const me = useQuery(meQuery());
  if (!me.data) return { submit: false, office: false, personId: null };
  const membership = me.data.memberships.find((m) => m.programme_id === programmeId);
  const role = membership?.role;
  const office = me.data.system_admin || (role !== undefined && OFFICE.has(role));
  return {
    submit: office || role === "member",
    office,
    personId: membership?.person_id ?? null,
  };
}
