/** Records for the component tests of the decision and compliance pages. */
import type { Schemas } from "../../api/client";
import { osloToday } from "../../lib/time";
import { PROGRAMME_ID } from "../projects/testing";

const stamp = { created_at: "2018-12-01T10:00:00Z", updated_at: "2018-12-01T10:00:00Z" };

export const COMMITTEE = { id: "00000000-0000-7000-8000-0000000000g9", name: "Fellesnemnda" };
export const HELSE = { id: "00000000-0000-7000-8000-0000000000c2", code: "HV1", name: "Helse og velferd" };

export const aDecision = (overrides: Partial<Schemas["DecisionRead"]> = {}): Schemas["DecisionRead"] => ({
  ...stamp,
  version: 3,
  id: "00000000-0000-7000-8000-0000000000d1",
  programme_id: PROGRAMME_ID,
  body_group_id: COMMITTEE.id,
  project_id: HELSE.id,
  decided_on: "2018-12-14",
  case_number: "18/00232",
  title: "Ny organisering av hjemmetjenestene",
  text: "Hjemmetjenestene slås sammen til én enhet med to soner.",
  legal_basis: "Inndelingslova § 26",
  status: "draft",
  reorganisation: true,
  consultation_event_id: null,
  finalised_at: null,
  override_reason: null,
  overridden_by_id: null,
  archived_at: null,
  external_id: null,
  ...overrides,
});

export const aMeeting = (overrides: Partial<Schemas["EventRead"]> = {}): Schemas["EventRead"] => ({
  ...stamp,
  version: 1,
  id: "00000000-0000-7000-8000-0000000000e1",
  programme_id: PROGRAMME_ID,
  group_id: null,
  project_id: null,
  title: "Drøftingsmøte: hjemmetjenestene",
  kind: "consultation_meeting",
  starts_at: "2018-11-20T08:00:00Z",
  ends_at: "2018-11-20T10:00:00Z",
  location: null,
  agenda: [],
  participants: [],
  minutes: null,
  protocol: null,
  external_id: null,
  ...overrides,
});

export const CONSULTATION_SOURCE = "Hovedavtalen del B § 1-4 (drøfting før beslutning); arbeidsmiljøloven § 8-2";

/** The compliance report's finding on a reorganisation decision that lacks its consultation. */
export const consultationFinding = (decision: Schemas["DecisionRead"]): Schemas["Finding"] => ({
  rule: "reorganisation-consultation",
  title: "A decision that reorganises work follows a signed consultation with union representatives",
  source: CONSULTATION_SOURCE,
  message: `«${decision.title}» (cannot be made final); missing: no consultation meeting (drøftingsmøte) on the matter is linked`,
  facts: { decision: decision.title, state: "draft", missing: ["no_consultation_linked"] },
  record_type: "decision",
  record_id: decision.id,
  project_id: decision.project_id,
});

/** The same finding as the web app words it in bokmål. */
export const consultationFindingInBokmal = (decision: Schemas["DecisionRead"]) =>
  `«${decision.title}» kan ikke gjøres endelig: ingen drøftingsmøte om saken er knyttet til vedtaket`;

export const aReport = (
  overrides: Partial<Schemas["Compliance"]> = {},
): Schemas["Compliance"] => ({
  programme_id: PROGRAMME_ID,
  generated_at: "2026-03-02T09:15:00Z",
  as_of: osloToday(),
  rules: [],
  projects: [],
  programme_findings_count: 0,
  programme_findings: null,
  total: 0,
  ...overrides,
});

/** One page of the report's findings, the last. */
export const aFindingPage = (findings: Schemas["Finding"][] = []): Schemas["FindingPage"] => ({
  items: findings,
  next_cursor: null,
});
