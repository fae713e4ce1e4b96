import { Dialog, Fieldset, Heading, Radio, ValidationMessage } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useProblemWording } from "../../api/problemWording";
import { phaseTemplatesQuery, useCreateProject } from "../../api/queries/projects";
import { CreateButton } from "../../components/CreateButton";
import { FormActions } from "../../components/FormActions";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { focusWhenPresent, useFocusOnOpen } from "../../lib/focus";
import { NewGroupButton } from "../groups/GroupDialog";
import { useMayManage } from "./access";
import { FormProblem } from "./FormProblem";
import "./messages";
import {
  EMPTY_PROJECT,
  missingProjectFields,
  PROJECT_FIELDS,
  PROJECT_WORDING,
  projectBody,
  ProjectFields,
  type ProjectValues,
} from "./ProjectFields";
import { focusInvalid, RequiredNote, useFormErrors } from "./FormParts";

/** The programme's set-up buttons beside its projects: «Nytt prosjekt» and «Ny gruppe» (programme-wide or a project's). */
export function ProgrammeSetupButtons({ programmeId }: { programmeId: string }) {
  const mayManage = useMayManage(programmeId);
  if (!mayManage) return null;
  return (
    <div className={layout.actions}>
      <NewProjectButton programmeId={programmeId} />
      <NewGroupButton programmeId={programmeId} />
    </div>
  );
}

/** «Nytt prosjekt» for those who may set the programme up, and the dialog it opens. */
export function NewProjectButton({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const mayManage = useMayManage(programmeId);
  if (!mayManage) return null;
  return (
    <CreateButton
      label={t("projects.setup.new")}
      dialog={(close) => <NewProjectDialog programmeId={programmeId} onClose={close} />}
    />
  );
}

// The start a new project can have besides a template: no phases; they are added on its page.
const EMPTY_START = "";

/**
 * Create a project: its facts and its start, the five-phase template (or another the API has)
 * or no phases. On success the new project's page opens with focus on its heading.
 */
export function NewProjectDialog({
  programmeId,
  onClose,
}: {
  programmeId: string;
  onClose: (created: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording(PROJECT_WORDING);
  const navigate = useNavigate();
  const create = useCreateProject();
  const templates = useQuery(phaseTemplatesQuery());
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const headingId = useId();
  const [values, setValues] = useState<ProjectValues>(EMPTY_PROJECT);
  const [start, setStart] = useState<string | null>(null);
  const { problem, errors, complete } = useFormErrors(create, word, focusRef);
  const templateList = templates.data ?? [];
  // The first template until the user chooses: a project usually follows the phase model.
  const chosen = start ?? templateList[0]?.key ?? EMPTY_START;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete(missingProjectFields(values, t))) return;
    create.mutate(
      {
        programme_id: programmeId,
        ...projectBody(values),
        // A new project's mandate is written, and its health judged, on its page.
        mandate_status: "draft",
        health: "on_track",
        concerns_nav: false,
        phase_template: chosen === EMPTY_START ? null : (chosen as "reorganisation-five-phases"),
      },
      {
        onSuccess: (project) => {
          onClose(true);
          navigate(`/p/${programmeId}/projects/${project.id}`);
          focusWhenPresent(() => pageHeading(`${project.code} ${project.name}`));
        },
        onError: () => focusInvalid(focusRef.current),
      },
    );
  };

  return (
    <Dialog
      ref={focusRef}
      open
      modal
      closeButton={t("common.close")}
      onClose={() => onClose(false)}
      aria-labelledby={headingId}
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("projects.setup.newTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={layout.stack} onSubmit={submit} noValidate aria-labelledby={headingId}>
          <RequiredNote />
          {problem && <FormProblem problem={problem} fields={[...PROJECT_FIELDS, "phase_template"]} />}
          <ProjectFields
            programmeId={programmeId}
            values={values}
            onChange={(change) => setValues((current) => ({ ...current, ...change }))}
            errors={errors}
          />
          {/* The start is offered once the templates are known, so that none is chosen unseen. */}
          {!templates.isPending && (
            <Fieldset>
              <Fieldset.Legend>{t("projects.setup.start")}</Fieldset.Legend>
              <Fieldset.Description>{t("projects.setup.startHint")}</Fieldset.Description>
              {templateList.map((template) => (
                <Radio
                  key={template.key}
                  name="start"
                  value={template.key}
                  label={template.name}
                  description={t("projects.setup.templatePhases", {
                    count: template.phases.length,
                    names: template.phases.map((phase) => phase.name).join(", "),
                  })}
                  checked={chosen === template.key}
                  onChange={() => setStart(template.key)}
                />
              ))}
              <Radio
                name="start"
                value={EMPTY_START}
                label={t("projects.setup.startEmpty")}
                description={t("projects.setup.startEmptyHint")}
                checked={chosen === EMPTY_START}
                onChange={() => setStart(EMPTY_START)}
              />
              {errors.phase_template && <ValidationMessage>{errors.phase_template}</ValidationMessage>}
            </Fieldset>
          )}
          <FormActions
            submit={t("projects.setup.create")}
            pending={create.isPending}
            onCancel={() => onClose(false)}
          />
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

/** The page's heading once it names the new project, made focusable so that focus can land there. */
function pageHeading(text: string): HTMLElement | null {
  const heading = document.querySelector<HTMLElement>("main h1, h1");
  if (!heading || heading.textContent !== text) return null;
  heading.tabIndex = -1;
  return heading;
}
