import { Fieldset, Radio, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { meQuery } from "../../api/queries/auth";
import { programmesQuery } from "../../api/queries/programmes";
import { useCreateProgramme, type ProgrammeCreate } from "../../api/queries/setup";
import { FormActions } from "../../components/FormActions";
import { Page } from "../../components/Page";
import { PeriodFields } from "../../components/PeriodFields";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import { FormProblem } from "../projects/FormProblem";
import "./messages";
import { MunicipalityPicker, type Chosen } from "./MunicipalityPicker";
import own from "./setup.module.css";

// The official list's refusals, worded for this form (the number is not repeated: a number
// parameter would be shown as a number, without its leading zero).
const WORDING = {
  "municipalities/*/name": { municipality_name_mismatch: "setup.problem.nameMismatch" },
  "municipalities/*/number": {
    unknown_municipality: "setup.problem.unknownMunicipality",
    duplicate: "setup.problem.duplicate",
  },
};

type Start = "empty" | "merger" | "reorganisation" | "copy";
const STARTS: Start[] = ["empty", "merger", "reorganisation", "copy"];

/** A system administrator sets up a new programme: its frame, municipalities and where it starts from. */
export default function NewProgrammePage() {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  if (me.data && !me.data.system_admin) return <Navigate to="/" replace />;
  return (
    <Page title={t("setup.new.title")}>
      <NewProgrammeForm />
    </Page>
  );
}

function NewProgrammeForm() {
  const { t } = useI18n();
  const word = useProblemWording(WORDING);
  const navigate = useNavigate();
  const create = useCreateProgramme();
  const programmes = useQuery(programmesQuery());
  const [values, setValues] = useState({ name: "", owner_organisation: "", starts_on: "", target_on: "" });
  const [municipalities, setMunicipalities] = useState<Chosen[]>([]);
  const [start, setStart] = useState<Start>("empty");
  const [source, setSource] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const errors = { ...(problem?.fieldErrors(word) ?? {}), ...missing };
  const set = (change: Partial<typeof values>) => {
    setValues({ ...values, ...change });
    // What was missing is no longer said to be once it is filled in.
    setMissing((was) => Object.fromEntries(Object.entries(was).filter(([field]) => !(field in change))));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const need: Record<string, string> = {};
    if (!values.name.trim()) need.name = t("setup.new.nameRequired");
    if (start === "copy" && !source) need.copy_from_programme_id = t("setup.new.sourceRequired");
    setMissing(need);
    if (Object.keys(need).length) {
      create.reset();
      return;
    }
    const orNull = (value: string) => (value.trim() ? value.trim() : null);
    const body: ProgrammeCreate = {
      name: values.name.trim(),
      owner_organisation: orNull(values.owner_organisation),
      starts_on: values.starts_on || null,
      target_on: values.target_on || null,
      municipalities,
      status: "planned",
      reminder_days_before: 3,
      ...(start === "merger" || start === "reorganisation" ? { template: start } : {}),
      ...(start === "copy" ? { copy_from_programme_id: source } : {}),
    };
    create.mutate(body, { onSuccess: (programme) => navigate(`/p/${programme.id}`) });
  };

  return (
    <form className={own.form} onSubmit={submit} noValidate aria-label={t("setup.new.title")}>
      {problem && (
        <FormProblem
          problem={problem}
          fields={["name", "owner_organisation", "starts_on", "target_on", "municipalities", "template", "copy_from_programme_id"]}
        />
      )}
      <Textfield
        label={t("setup.new.name")}
        description={t("setup.new.name.hint")}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => set({ name: e.target.value })}
        error={errors.name}
      />
      <Textfield
        label={t("setup.new.owner")}
        description={t("setup.new.owner.hint")}
        autoComplete="off"
        value={values.owner_organisation}
        onChange={(e) => set({ owner_organisation: e.target.value })}
        error={errors.owner_organisation}
      />
      <PeriodFields
        className={own.row}
        fields={["starts_on", "target_on"]}
        values={values}
        labels={{ starts_on: t("setup.new.startsOn"), target_on: t("setup.new.targetOn") }}
        errors={errors}
        onChange={set}
      />
      <MunicipalityPicker chosen={municipalities} onChange={setMunicipalities} error={errors.municipalities} />
      <Fieldset>
        <Fieldset.Legend>{t("setup.new.start")}</Fieldset.Legend>
        {STARTS.map((value) => (
          <Radio
            key={value}
            name="start"
            value={value}
            checked={start === value}
            onChange={() => setStart(value)}
            label={t(`setup.new.start.${value}`)}
            description={t(`setup.new.start.${value}.hint`)}
          />
        ))}
        {errors.template && <ValidationMessage>{errors.template}</ValidationMessage>}
      </Fieldset>
      {start === "copy" && (
        <SelectField
          label={t("setup.new.source")}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          error={errors.copy_from_programme_id}
        >
          <option value="">{t("setup.new.source.choose")}</option>
          {programmes.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      )}
      <FormActions submit={t("setup.new.create")} pending={create.isPending} onCancel={() => navigate("/")} />
    </form>
  );
}
