import { Button, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { useCreateGroup, type GroupKind } from "../../api/queries/groups";
import { projectNamesQuery } from "../../api/queries/lookups";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import own from "./criteria.module.css";
import { useFocusOnOpen } from "../../lib/focus";

const WORDING: Overrides = {
  name: { string_too_short: "criteria.groups.nameRequired" },
};

/**
 * Set up a group of a kind, from the criteria for that kind: on success the group's own page
 * opens, where it is assessed against the criteria and given its members.
 */
export function NewGroupDialog({
  programmeId,
  kind,
  onClose,
}: {
  programmeId: string;
  kind: GroupKind;
  onClose: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const navigate = useNavigate();
  const create = useCreateGroup();
  const projects = useQuery(projectNamesQuery(programmeId));
  const [name, setName] = useState("");
  const [projectId, setProjectId] = useState("");
  const [description, setDescription] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(WORDING);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const placed = ["name", "project_id", "description"].some((f) => server[f]);
  const kindName = t(`groups.kind.${kind}`).toLocaleLowerCase();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setNameError(t("criteria.groups.nameRequired"));
    setNameError(undefined);
    create.mutate(
      {
        programme_id: programmeId,
        kind,
        name: name.trim(),
        project_id: projectId || null,
        description: description.trim() || null,
        // A new group's mandate is written and approved on its page.
        mandate_status: "draft",
      },
      { onSuccess: (group) => navigate(`/p/${programmeId}/groups/${group.id}`) },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("criteria.groups.createTitle", { kind: kindName })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          <Paragraph>{t("criteria.groups.intro")}</Paragraph>
          {create.error && !placed && <ProblemAlert error={create.error} />}
          <Textfield
            label={t("criteria.groups.name")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={nameError ?? server.name}
            required
          />
          <SelectField
            label={t("criteria.groups.project")}
            value={projectId}
            onChange={(e) => setProjectId(e.target.value)}
            error={server.project_id}
          >
            <option value="">{t("criteria.groups.wholeProgramme")}</option>
            {(projects.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Textfield
            label={t("criteria.groups.description")}
            multiline
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={server.description}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={create.isPending}>
              {t("criteria.groups.create")}
            </Button>
            <Button type="button" variant="secondary" onClick={onClose}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
