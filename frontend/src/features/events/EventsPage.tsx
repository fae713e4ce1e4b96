import { Button } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import {
  EVENT_KINDS,
  EVENT_PERIODS,
  type EventFilters,
  type EventKind,
  type EventPeriod,
  eventListQuery,
} from "../../api/queries/events";
import { groupNamesQuery, namesById, projectNamesQuery, type Named } from "../../api/queries/lookups";
import { Page } from "../../components/Page";
import { SelectField } from "../../components/SelectField";
import { FilterSelect } from "../../components/FilterSelect";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useMayEditEvents } from "./access";
import { EventDialog } from "./EventDialog";
import { EventTable } from "./EventTable";
import { ExportButton } from "../../components/ExportButton";

/** The filters live in the URL, so a filtered list can be bookmarked and shared. */
function useEventParams() {
  const [params, set] = useQueryParams();
  const kind = params.get("kind");
  const period = params.get("when");
  const filters: EventFilters = {
    kind: EVENT_KINDS.includes(kind as EventKind) ? (kind as EventKind) : undefined,
    groupId: params.get("group") || undefined,
    projectId: params.get("project") || undefined,
    period: EVENT_PERIODS.includes(period as EventPeriod) ? (period as EventPeriod) : undefined,
  };
  return { filters, set };
}

/** The programme's gatherings, meetings and consultation meetings, and a way to plan a new one. */
export default function EventsPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const { filters, set } = useEventParams();
  const mayEdit = useMayEditEvents(programmeId);
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const [adding, setAdding] = useState(false);
  return (
    <Page
      title={t("events.title")}
      actions={
        <>
          <ExportButton path="/api/v1/events" query={eventListQuery(programmeId, filters)} />
          {mayEdit && <Button onClick={() => setAdding(true)}>{t("events.new")}</Button>}
        </>
      }
    >
      <EventFilterBar filters={filters} set={set} groups={groups.data ?? []} projects={projects.data ?? []} />
      <EventTable
        programmeId={programmeId}
        filters={filters}
        names={{ groups: namesById(groups.data), projects: namesById(projects.data) }}
      />
      {adding && (
        <EventDialog
          programmeId={programmeId}
          defaults={filters}
          groups={groups.data ?? []}
          projects={projects.data ?? []}
          onClose={() => setAdding(false)}
        />
      )}
    </Page>
  );
}

function EventFilterBar({
  filters,
  set,
  groups,
  projects,
}: {
  filters: EventFilters;
  set: (changes: ParamChanges) => void;
  groups: Named[];
  projects: Named[];
}) {
  const { t } = useI18n();
  const any = Object.values(filters).some(Boolean);
  return (
    <div role="search" aria-label={t("events.filters.label")} className={layout.filters}>
      <SelectField label={t("events.field.kind")} value={filters.kind ?? ""} onChange={(e) => set({ kind: e.target.value })}>
        <option value="">{t("common.all")}</option>
        {EVENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`events.kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <FilterSelect
        label={t("events.field.group")}
        value={filters.groupId}
        onChange={(value) => set({ group: value })}
        options={groups.map((g) => ({ value: g.id, label: g.name }))}
      />
      <FilterSelect
        label={t("events.field.project")}
        value={filters.projectId}
        onChange={(value) => set({ project: value })}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
      />
      <SelectField
        label={t("events.filters.period")}
        value={filters.period ?? ""}
        onChange={(e) => set({ when: e.target.value })}
      >
        <option value="">{t("events.period.all")}</option>
        {EVENT_PERIODS.map((period) => (
          <option key={period} value={period}>
            {t(`events.period.${period}`)}
          </option>
        ))}
      </SelectField>
      {any && (
        <Button
          variant="tertiary"
          onClick={() => set({ kind: undefined, group: undefined, project: undefined, when: undefined })}
        >
          {t("events.filters.clear")}
        </Button>
      )}
    </div>
  );
}
