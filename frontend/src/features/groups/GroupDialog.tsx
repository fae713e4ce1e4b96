import { Dialog, Heading, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  GROUP_KINDS,
  useCreateGroup,
  useUpdateGroup,
  type Group,
  type GroupKind,
  type GroupUpdate,
} from "../../api/queries/groups";
import { namesById, projectNamesQuery } from "../../api/queries/lookups";
import { CreateButton } from "../../components/CreateButton";
import { FormActions } from "../../components/FormActions";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { focusWhenPresent, useFocusOnOpen } from "../../lib/focus";
import { useMayManage } from "../projects/access";
import { focusInvalid, RequiredLabel, RequiredNote, useFormErrors } from "../projects/FormParts";
import { FormProblem } from "../projects/FormProblem";
import "./messages";

interface Values {
  kind: GroupKind | "";
  name: string;
  project_id: string;
  description: string;
  mandate_text: string;
}

const FIELDS = ["kind", "name", "project_id", "description", "mandate_text"];

const WORDING: Overrides = {
  name: { string_too_short: "groups.setup.nameRequired" },
};

const valuesOf = (group: Group | null, projectId?: string): Values => ({
  kind: group?.kind ?? "",
  name: group?.name ?? "",
  project_id: group?.project_id ?? projectId ?? "",
  description: group?.description ?? "",
  mandate_text: group?.mandate_text ?? "",
});

/** «Ny gruppe» for those who may set the programme up, and the dialog it opens. */
export function NewGroupButton({ programmeId, projectId }: { programmeId: string; projectId?: string }) {
  const { t } = useI18n();
  const mayManage = useMayManage(programmeId);
  if (!mayManage) return null;
  return (
    <CreateButton
      label={t("groups.setup.new")}
      dialog={(close) => (
        <GroupDialog programmeId={programmeId} group={null} projectId={projectId} onClose={(saved) => close(Boolean(saved))} />
      )}
    />
  );
}

/**
 * Create a group (kind, name, project or the whole programme, description and its mandate's
 * draft), after which its page opens to seat its members; or edit a saved group's facts with
 * If-Match (its mandate has its own form on the group page).
 */
export function GroupDialog({
  programmeId,
  group,
  etag,
  projectId,
  onClose,
}: {
  programmeId: string;
  group: Group | null;
  etag?: string;
  projectId?: string;
  onClose: (saved?: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording(WORDING);
  const navigate = useNavigate();
  const create = useCreateGroup();
  const update = useUpdateGroup(group?.id ?? "");
  const mutation = group ? update : create;
  const projects = useQuery(projectNamesQuery(programmeId));
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const headingId = useId();
  const [values, setValues] = useState<Values>(() => valuesOf(group, projectId));
  const { problem, errors, complete } = useFormErrors(mutation, word, focusRef);
  const set = (change: Partial<Values>) => setValues((current) => ({ ...current, ...change }));

  const labels: Record<string, string> = {
    kind: t("groups.kind"),
    name: t("groups.setup.name"),
    project_id: t("groups.project"),
    description: t("groups.setup.description"),
    mandate_text: t("groups.setup.mandate"),
  };
  const projectNames = namesById(projects.data);
  const display = (field: string, value: unknown) => {
    if (field === "kind" && value) return t(`groups.kind.${value}`);
    if (field === "project_id") return value ? (projectNames.get(String(value)) ?? String(value)) : t("groups.setup.wholeProgramme");
    return value === null || value === undefined || value === "" ? "—" : String(value);
  };

  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: GroupUpdate, version = etag ?? `"${group?.version}"`, done) =>
      update.mutate({ etag: version, changes }, done),
    onSaved: () => onClose(true),
    onRefused: () => focusInvalid(focusRef.current),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required: Record<string, string> = {};
    if (!values.kind) required.kind = t("groups.setup.kindRequired");
    if (!values.name.trim()) required.name = t("groups.setup.nameRequired");
    if (!complete(required)) return;
    const facts = {
      kind: values.kind as GroupKind,
      name: values.name.trim(),
      project_id: values.project_id || null,
      description: values.description.trim() ? values.description : null,
    };
    if (!group) {
      create.mutate(
        {
          programme_id: programmeId,
          ...facts,
          mandate_text: values.mandate_text.trim() ? values.mandate_text : null,
          // The mandate is proposed and approved on the group's page.
          mandate_status: "draft",
        },
        {
          onSuccess: (created) => {
            onClose(true);
            navigate(`/p/${programmeId}/groups/${created.id}`);
            focusWhenPresent(() => {
              const heading = document.querySelector<HTMLElement>("h1");
              if (!heading || heading.textContent !== created.name) return null;
              heading.tabIndex = -1;
              return heading;
            });
          },
          onError: () => focusInvalid(focusRef.current),
        },
      );
      return;
    }
    const changes = changedFields(facts, group);
    if (Object.keys(changes).length === 0) onClose(false);
    else save(changes);
  };

  return (
    <>
      <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
        <Dialog.Block>
          <Heading level={2} data-size="sm" id={headingId}>
            {group ? t("groups.setup.editTitle", { name: group.name }) : t("groups.setup.newTitle")}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <form className={layout.stack} onSubmit={submit} noValidate aria-labelledby={headingId}>
            <RequiredNote />
            {problem && <FormProblem problem={problem} fields={FIELDS} />}
            <SelectField
              label={<RequiredLabel>{labels.kind}</RequiredLabel>}
              value={values.kind}
              onChange={(e) => set({ kind: e.target.value as GroupKind })}
              error={errors.kind}
              required
            >
              <option value="">{t("groups.setup.chooseKind")}</option>
              {GROUP_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`groups.kind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={<RequiredLabel>{labels.name}</RequiredLabel>}
              description={t("groups.setup.nameHint")}
              value={values.name}
              onChange={(e) => set({ name: e.target.value })}
              error={errors.name}
              required
            />
            <SelectField
              label={labels.project_id}
              value={values.project_id}
              onChange={(e) => set({ project_id: e.target.value })}
              error={errors.project_id}
            >
              <option value="">{t("groups.setup.wholeProgramme")}</option>
              {(projects.data ?? []).map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </SelectField>
            <Textfield
              multiline
              rows={3}
              label={labels.description}
              value={values.description}
              onChange={(e) => set({ description: e.target.value })}
              error={errors.description}
            />
            {!group && (
              <Textfield
                multiline
                rows={5}
                label={labels.mandate_text}
                description={t("groups.setup.mandateHint")}
                value={values.mandate_text}
                onChange={(e) => set({ mandate_text: e.target.value })}
                error={errors.mandate_text}
              />
            )}
            <FormActions
              submit={group ? t("common.save") : t("groups.setup.create")}
              pending={mutation.isPending}
              onCancel={() => onClose()}
            />
          </form>
        </Dialog.Block>
      </Dialog>
      {group && conflictDialog}
    </>
  );
}
