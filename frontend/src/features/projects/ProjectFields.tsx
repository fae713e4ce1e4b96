import { Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import type { Overrides } from "../../api/problemWording";
import { namesById, peopleNamesQuery } from "../../api/queries/lookups";
import {
  PROJECT_CATEGORIES,
  PROJECT_STATUSES,
  type Project,
  type ProjectCategory,
  type ProjectStatus,
} from "../../api/queries/projects";
import { PeriodFields } from "../../components/PeriodFields";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import "./messages";
import styles from "./project.module.css";
import { RequiredLabel } from "./FormParts";

/** A project's facts as its form holds them: text as typed, "" for none. */
export interface ProjectValues {
  code: string;
  name: string;
  category: ProjectCategory;
  status: ProjectStatus;
  description: string;
  leader_id: string;
  leader_allocation_percent: string;
  owner_id: string;
  starts_on: string;
  ends_on: string;
}

export type ProjectField = keyof ProjectValues;

export const PROJECT_FIELDS: ProjectField[] = [
  "code",
  "name",
  "category",
  "status",
  "description",
  "leader_id",
  "leader_allocation_percent",
  "owner_id",
  "starts_on",
  "ends_on",
];

export const EMPTY_PROJECT: ProjectValues = {
  code: "",
  name: "",
  category: "administrative",
  status: "planned",
  description: "",
  leader_id: "",
  leader_allocation_percent: "",
  owner_id: "",
  starts_on: "",
  ends_on: "",
};

/** The form's values for a saved project. */
export const projectValues = (project: Project): ProjectValues => ({
  code: project.code,
  name: project.name,
  category: project.category,
  status: project.status,
  description: project.description ?? "",
  leader_id: project.leader_id ?? "",
  leader_allocation_percent:
    project.leader_allocation_percent === null ? "" : String(project.leader_allocation_percent),
  owner_id: project.owner_id ?? "",
  starts_on: project.starts_on ?? "",
  ends_on: project.ends_on ?? "",
});

/**
 * The facts as the API takes them: blank optional fields are none. Code and name are sent as
 * typed (trimmed), so that the API's own objection to an empty one is shown at its field; an
 * allocation the API refuses (over 100, say) is sent as typed for the same reason.
 */
export const projectBody = (values: ProjectValues) => {
  const allocation = values.leader_allocation_percent.trim();
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    category: values.category,
    status: values.status,
    description: values.description.trim() ? values.description : null,
    leader_id: values.leader_id || null,
    leader_allocation_percent: allocation === "" ? null : Number(allocation),
    owner_id: values.owner_id || null,
    starts_on: values.starts_on || null,
    ends_on: values.ends_on || null,
  };
};

/** The form's own sentences for what the API can refuse in it; other problems get the shared wording. */
export const PROJECT_WORDING: Overrides = {
  code: { string_too_short: "projects.setup.codeRequired", already_in_use: "projects.setup.codeInUse" },
  name: { string_too_short: "projects.setup.nameRequired" },
};

/** What the form checks before sending: the two fields the API cannot do without. */
export function missingProjectFields(values: ProjectValues, t: (key: string) => string): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!values.code.trim()) missing.code = t("projects.setup.codeRequired");
  if (!values.name.trim()) missing.name = t("projects.setup.nameRequired");
  return missing;
}

/** The fields' labels, and how their values read side by side in the conflict dialog. */
export function useProjectLabels(programmeId: string) {
  const { t, formatDate } = useI18n();
  const people = useQuery(peopleNamesQuery(programmeId));
  const names = namesById(people.data);
  const labels: Record<ProjectField, string> = {
    code: t("projects.code"),
    name: t("projects.setup.name"),
    category: t("projects.category"),
    status: t("projects.status"),
    description: t("projects.setup.description"),
    leader_id: t("projects.leader"),
    leader_allocation_percent: t("projects.setup.allocation"),
    owner_id: t("projects.owner"),
    starts_on: t("projects.setup.startsOn"),
    ends_on: t("projects.setup.endsOn"),
  };
  const display = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "category") return t(`projects.category.${value}`);
    if (field === "status") return t(`projects.status.${value}`);
    if (field === "leader_id" || field === "owner_id") return names.get(String(value)) ?? String(value);
    if (field === "starts_on" || field === "ends_on") return formatDate(String(value));
    if (field === "leader_allocation_percent") return t("projects.allocation.value", { percent: String(value) });
    return String(value);
  };
  return { labels, display };
}

/**
 * A project's facts: code and name (required), category, status (`withStatus`, for a saved
 * project), description, leader with allocation, owner and period. People are chosen from
 * the programme's.
 */
export function ProjectFields({
  programmeId,
  values,
  onChange,
  errors,
  withStatus = false,
}: {
  programmeId: string;
  values: ProjectValues;
  onChange: (change: Partial<ProjectValues>) => void;
  errors: Record<string, string>;
  withStatus?: boolean;
}) {
  const { t } = useI18n();
  const { labels } = useProjectLabels(programmeId);
  const people = useQuery(peopleNamesQuery(programmeId));
  const personOptions = (people.data ?? []).map((person) => (
    <option key={person.id} value={person.id}>
      {person.name}
    </option>
  ));
  return (
    <>
      <div className={styles.formRow}>
        <Textfield
          label={<RequiredLabel>{labels.code}</RequiredLabel>}
          description={t("projects.setup.codeHint")}
          value={values.code}
          onChange={(e) => onChange({ code: e.target.value })}
          error={errors.code}
          required
          maxLength={32}
        />
        <Textfield
          label={<RequiredLabel>{labels.name}</RequiredLabel>}
          value={values.name}
          onChange={(e) => onChange({ name: e.target.value })}
          error={errors.name}
          required
        />
      </div>
      <div className={styles.formRow}>
        <SelectField
          label={labels.category}
          value={values.category}
          onChange={(e) => onChange({ category: e.target.value as ProjectCategory })}
          error={errors.category}
        >
          {PROJECT_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`projects.category.${category}`)}
            </option>
          ))}
        </SelectField>
        {withStatus && (
          <SelectField
            label={labels.status}
            value={values.status}
            onChange={(e) => onChange({ status: e.target.value as ProjectStatus })}
            error={errors.status}
          >
            {PROJECT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`projects.status.${status}`)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <Textfield
        multiline
        rows={3}
        label={labels.description}
        value={values.description}
        onChange={(e) => onChange({ description: e.target.value })}
        error={errors.description}
      />
      <div className={styles.formRow}>
        <SelectField
          label={labels.leader_id}
          value={values.leader_id}
          onChange={(e) => onChange({ leader_id: e.target.value })}
          error={errors.leader_id}
        >
          <option value="">{t("projects.setup.noLeader")}</option>
          {personOptions}
        </SelectField>
        <Textfield
          label={labels.leader_allocation_percent}
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          suffix="%"
          value={values.leader_allocation_percent}
          onChange={(e) => onChange({ leader_allocation_percent: e.target.value })}
          error={errors.leader_allocation_percent}
        />
        <SelectField
          label={labels.owner_id}
          value={values.owner_id}
          onChange={(e) => onChange({ owner_id: e.target.value })}
          error={errors.owner_id}
        >
          <option value="">{t("projects.setup.noOwner")}</option>
          {personOptions}
        </SelectField>
      </div>
      <PeriodFields className={styles.formRow} values={values} labels={labels} errors={errors} onChange={onChange} />
    </>
  );
}
