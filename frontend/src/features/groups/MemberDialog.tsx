import { Dialog, Heading, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import type { Schemas } from "../../api/client";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  MEMBER_ROLES,
  PARTIES,
  useUpdateMember,
  type Group,
  type Member,
  type MemberRole,
  type MemberUpdate,
  type Party,
} from "../../api/queries/groups";
import { FormActions } from "../../components/FormActions";
import { PeriodFields } from "../../components/PeriodFields";
import { SelectField } from "../../components/SelectField";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { useFocusOnOpen } from "../../lib/focus";
import { focusInvalid } from "../projects/FormParts";
import { FormProblem } from "../projects/FormProblem";
import styles from "../projects/project.module.css";
import "./messages";

type Municipality = Schemas["Municipality"];

interface Values {
  role: MemberRole;
  party: Party;
  municipality_number: string;
  allocation_percent: string;
  starts_on: string;
  ends_on: string;
}

const FIELDS = ["role", "party", "municipality_number", "allocation_percent", "starts_on", "ends_on"];

const valuesOf = (member: Member): Values => ({
  role: member.role,
  party: member.party,
  municipality_number: member.municipality_number ?? "",
  allocation_percent: member.allocation_percent === null ? "" : String(member.allocation_percent),
  starts_on: member.starts_on ?? "",
  ends_on: member.ends_on ?? "",
});

/**
 * Change a member's seat: role, party, municipality, allocation and period, with If-Match on
 * the version shown; the API's objections are shown at their fields, and a change someone else
 * saved first is offered side by side. Focus goes back to the row's «Endre» afterwards.
 */
export function MemberDialog({
  group,
  member,
  name,
  municipalities,
  onClose,
}: {
  group: Group;
  member: Member;
  name: string;
  municipalities: Municipality[];
  onClose: (saved: boolean) => void;
}) {
  const { t, formatDate } = useI18n();
  const word = useProblemWording();
  const update = useUpdateMember(group.id);
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const headingId = useId();
  const [values, setValues] = useState<Values>(valuesOf(member));
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const errors = problem?.fieldErrors(word) ?? {};
  const set = (change: Partial<Values>) => setValues((current) => ({ ...current, ...change }));

  const labels: Record<string, string> = {
    role: t("groups.member.role"),
    party: t("groups.member.party"),
    municipality_number: t("groups.member.municipality"),
    allocation_percent: t("groups.add.allocation"),
    starts_on: t("groups.member.from"),
    ends_on: t("groups.member.to"),
  };
  const display = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "role") return t(`groups.role.${value}`);
    if (field === "party") return t(`groups.party.${value}`);
    if (field === "municipality_number") return municipalities.find((m) => m.number === value)?.name ?? String(value);
    if (field === "starts_on" || field === "ends_on") return formatDate(String(value));
    if (field === "allocation_percent") return t("groups.member.allocation.value", { percent: String(value) });
    return String(value);
  };

  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: MemberUpdate, etag, done) => update.mutate({ member, changes, etag }, done),
    onSaved: () => onClose(true),
    onRefused: () => focusInvalid(focusRef.current),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const allocation = values.allocation_percent.trim();
    const next = {
      role: values.role,
      party: values.party,
      municipality_number: values.municipality_number || null,
      // A value the API refuses (over 100, say) is sent as typed, so that its answer is shown.
      allocation_percent: allocation === "" ? null : Number(allocation),
      starts_on: values.starts_on || null,
      ends_on: values.ends_on || null,
    };
    const changes = changedFields(next, member);
    if (Object.keys(changes).length === 0) onClose(false);
    else save(changes);
  };

  return (
    <>
      <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose(false)} aria-labelledby={headingId}>
        <Dialog.Block>
          <Heading level={2} data-size="sm" id={headingId}>
            {t("groups.seat.editTitle", { name })}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <form className={layout.stack} onSubmit={submit} noValidate aria-labelledby={headingId}>
            {problem && <FormProblem problem={problem} fields={FIELDS} />}
            <div className={styles.formRow}>
              <SelectField
                label={labels.role}
                value={values.role}
                onChange={(e) => set({ role: e.target.value as MemberRole })}
                error={errors.role}
              >
                {MEMBER_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`groups.role.${role}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={labels.party}
                value={values.party}
                onChange={(e) => set({ party: e.target.value as Party })}
                error={errors.party}
              >
                {PARTIES.map((party) => (
                  <option key={party} value={party}>
                    {t(`groups.party.${party}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <SelectField
              label={labels.municipality_number}
              value={values.municipality_number}
              onChange={(e) => set({ municipality_number: e.target.value })}
              error={errors.municipality_number}
            >
              <option value="">{t("groups.add.noMunicipality")}</option>
              {municipalities.map((m) => (
                <option key={m.number} value={m.number}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={labels.allocation_percent}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              suffix="%"
              value={values.allocation_percent}
              onChange={(e) => set({ allocation_percent: e.target.value })}
              error={errors.allocation_percent}
            />
            <PeriodFields className={styles.formRow} values={values} labels={labels} errors={errors} onChange={set} />
            <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onClose(false)} />
          </form>
        </Dialog.Block>
      </Dialog>
      {conflictDialog}
    </>
  );
}
