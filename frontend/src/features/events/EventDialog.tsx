import { Dialog, Heading } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useCreateEvent, type EventFilters } from "../../api/queries/events";
import type { Named } from "../../api/queries/lookups";
import { useT } from "../../i18n";
import { EventFields, factBody, FACT_FIELDS, validateFacts, type FactErrors, type FactValues } from "./EventFields";
import own from "./events.module.css";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";
import { FormActions } from "../../components/FormActions";
import { useFocusOnOpen } from "../../lib/focus";

/** Plan a new event; once it is created, its page opens for the agenda and the participants. */
export function EventDialog({
  programmeId,
  defaults,
  groups,
  projects,
  onClose,
}: {
  programmeId: string;
  defaults: EventFilters;
  groups: Named[];
  projects: Named[];
  onClose: () => void;
}) {
  const t = useT();
  const word = useEventWording();
  const navigate = useNavigate();
  const headingId = useId();
  const create = useCreateEvent();
  const [values, setValues] = useState<FactValues>({
    title: "",
    kind: defaults.kind ?? "meeting",
    group_id: defaults.groupId ?? "",
    project_id: defaults.projectId ?? "",
    starts: "",
    ends: "",
    location: "",
  });
  const [local, setLocal] = useState<FactErrors>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const server = errorsUnder(create.error, "", word);
  const errors: FactErrors = { ...server, ...local };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const found = validateFacts(values, t);
    setLocal(found);
    if (Object.keys(found).length) return;
    create.mutate(
      { programme_id: programmeId, ...factBody(values), agenda: [], participants: [] },
      { onSuccess: (created) => navigate(`/p/${programmeId}/events/${created.id}`) },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("events.create.title")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          <SectionProblem
            error={create.error}
            placed={(pointer) => (FACT_FIELDS as readonly string[]).includes(pointer.slice(1))}
          />
          <EventFields
            values={values}
            onChange={setValues}
            errors={errors}
            groups={groups}
            projects={projects}
          />
          <FormActions submit={t("events.create.submit")} pending={create.isPending} onCancel={onClose} />
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
