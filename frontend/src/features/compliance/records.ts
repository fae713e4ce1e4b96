import type { Finding } from "../../api/queries/compliance";

/**
 * Where a finding's record is fixed in the app, by the record type the API names. Overdue
 * deadlines have no page of their own; the deadlines list opens filtered to the overdue ones
 * of the same project.
 */
export function recordUrl(programmeId: string, finding: Finding): string | null {
  const base = `/p/${programmeId}`;
  const id = finding.record_id;
  switch (finding.record_type) {
    case "project":
      return `${base}/projects/${id}`;
    case "group":
      return `${base}/groups/${id}`;
    case "decision":
      return `${base}/decisions/${id}`;
    case "person":
      return `${base}/people/${id}`;
    case "event":
      return `${base}/events/${id}`;
    case "deadline": {
      const query = new URLSearchParams({ overdue: "1" });
      if (finding.project_id) query.set("project", finding.project_id);
      return `${base}/deadlines?${query}`;
    }
    case "indicator":
      return `${base}/indicators/${id}`;
    case "measure":
      return `${base}/measures?overdue=1`;
    case "planned_involvement":
      return finding.project_id ? `${base}/projects/${finding.project_id}/involvement-plan#planned-${id}` : null;
    default:
      return null;
  }
}

/** The record types the page can link to, each with its own link text. */
export const LINKED_TYPES = [
  "project",
  "group",
  "decision",
  "person",
  "event",
  "deadline",
  "measure",
  "indicator",
  "planned_involvement",
];
