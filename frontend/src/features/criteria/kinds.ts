import type { GroupKind } from "../../api/queries/criteria";

/** Every kind of group; work teams first, the kind seed 001 sets criteria for. */
export const GROUP_KINDS: GroupKind[] = [
  "work_team",
  "joint_committee",
  "steering_group",
  "project_board",
  "working_group",
  "expert_group",
  "reference_group",
  "development_team",
  "three_party_forum",
  "consultation_forum",
  "joint_consultative_committee",
];
