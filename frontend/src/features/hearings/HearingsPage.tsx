import { Button, Dialog, Heading, Paragraph, Switch, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { HEARING_PARTIES, hearingListQuery, hearingsQuery, useCreateHearing, type HearingParty } from "../../api/queries/hearings";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n, useT } from "../../i18n";
import { osloLocalToInstant } from "../../lib/time";
import { HeardVersion } from "./HeardVersion";
import own from "./hearings.module.css";
import { ExportButton } from "../../components/ExportButton";
import { useFocusOnOpen } from "../../lib/focus";

/** The programme's hearings, and a dialog to prepare a new one. */
export default function HearingsPage() {
  const { programmeId = "" } = useParams();
  const { t, formatDateTime } = useI18n();
  const query = useQuery(hearingsQuery(programmeId));
  // A submission's version sent here to be heard (?submission_version=<id>) opens the dialog with it.
  const [params, setParams] = useSearchParams();
  const heardVersion = params.get("submission_version");
  const [creating, setCreating] = useState(Boolean(heardVersion));
  return (
    <Page
      title={t("hearings.title")}
      actions={
        <>
          <ExportButton path="/api/v1/hearings" query={hearingListQuery(programmeId)} />
          <Button onClick={() => setCreating(true)}>{t("hearings.new")}</Button>
        </>
      }
    >
      <Paragraph>{t("hearings.intro")}</Paragraph>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Paragraph>{t("hearings.empty")}</Paragraph>
          ) : (
            <div className={styles.tableWrap}>
              <Table>
                <caption className={styles.visuallyHidden}>{t("hearings.title")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("hearings.field.title")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("hearings.field.deadline")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("hearings.field.status")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {page.items.map((h) => (
                    <Table.Row key={h.id}>
                      <Table.Cell>
                        <Link to={`/p/${programmeId}/hearings/${h.id}`}>{h.title}</Link>
                      </Table.Cell>
                      <Table.Cell>{formatDateTime(h.deadline_at)}</Table.Cell>
                      <Table.Cell>
                        <Tag data-color={h.status === "open" ? "info" : "neutral"}>{t(`hearings.status.${h.status}`)}</Tag>
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )
        }
      </QueryState>
      {creating && (
        <HearingDialog
          programmeId={programmeId}
          submissionVersionId={heardVersion}
          onClose={() => {
            setCreating(false);
            if (heardVersion) setParams({}, { replace: true });
          }}
        />
      )}
    </Page>
  );
}

interface PartyRow {
  party: HearingParty;
  name: string;
}

const WORDING: Overrides = {
  title: { string_too_short: "hearings.error.titleRequired" },
  deadline_at: { missing: "hearings.error.deadlineRequired" },
};

function HearingDialog({
  programmeId,
  submissionVersionId,
  onClose,
}: {
  programmeId: string;
  /** The submission's version the hearing hears, if any. */
  submissionVersionId: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const headingId = useId();
  const create = useCreateHearing();
  const [title, setTitle] = useState("");
  const [matter, setMatter] = useState("");
  const [letter, setLetter] = useState("");
  const [deadline, setDeadline] = useState("");
  const [concerns, setConcerns] = useState(true);
  const [parties, setParties] = useState<PartyRow[]>([
    { party: "union_representatives", name: "" },
    { party: "joint_consultative_committee", name: "" },
  ]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(WORDING);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: string) => local[field] ?? server[field];
  const placed = Object.keys(server).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!title.trim()) errors.title = t("hearings.error.titleRequired");
    if (!deadline) errors.deadline_at = t("hearings.error.deadlineRequired");
    parties.forEach((p, i) => {
      if (!p.name.trim()) errors[`invitees/${i}/name`] = t("hearings.error.partyName");
    });
    setLocal(errors);
    if (Object.keys(errors).length) return;
    create.mutate(
      {
        programme_id: programmeId,
        title: title.trim(),
        matter: matter.trim() || null,
        letter: letter.trim() || null,
        concerns_employees: concerns,
        submission_version_id: submissionVersionId,
        deadline_at: osloLocalToInstant(deadline),
        invitees: parties.map((p) => ({ party: p.party, name: p.name.trim() })),
      },
      { onSuccess: (hearing) => navigate(`/p/${programmeId}/hearings/${hearing.id}`) },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("hearings.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {create.error && !placed && <ProblemAlert error={create.error} />}
          {submissionVersionId && <HeardVersion programmeId={programmeId} versionId={submissionVersionId} />}
          <Textfield label={t("hearings.field.title")} value={title} onChange={(e) => setTitle(e.target.value)} error={errorOf("title")} required />
          <Textfield label={t("hearings.field.matter")} value={matter} onChange={(e) => setMatter(e.target.value)} error={errorOf("matter")} />
          <Textfield
            label={t("hearings.field.letter")}
            multiline
            rows={4}
            value={letter}
            onChange={(e) => setLetter(e.target.value)}
            error={errorOf("letter")}
          />
          <Textfield
            label={t("hearings.field.deadline")}
            type="datetime-local"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            error={errorOf("deadline_at")}
            required
          />
          <Switch label={t("hearings.field.concernsEmployees")} checked={concerns} onChange={(e) => setConcerns(e.target.checked)} />
          <fieldset className={own.form}>
            <legend>{t("hearings.invitees")}</legend>
            {parties.map((p, i) => (
              <div key={i} className={own.party}>
                <SelectField
                  label={t("hearings.field.party", { n: i + 1 })}
                  value={p.party}
                  onChange={(e) => setParties((all) => all.map((x, j) => (j === i ? { ...x, party: e.target.value as HearingParty } : x)))}
                >
                  {HEARING_PARTIES.filter((k) => k !== "group" && k !== "person").map((k) => (
                    <option key={k} value={k}>
                      {t(`hearings.party.${k}`)}
                    </option>
                  ))}
                </SelectField>
                <Textfield
                  label={t("hearings.field.partyName", { n: i + 1 })}
                  value={p.name}
                  onChange={(e) => setParties((all) => all.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  error={errorOf(`invitees/${i}/name`)}
                />
                <Button type="button" variant="tertiary" onClick={() => setParties((all) => all.filter((_, j) => j !== i))}>
                  {t("hearings.removeParty", { n: i + 1 })}
                </Button>
              </div>
            ))}
            <div>
              <Button type="button" variant="secondary" onClick={() => setParties((all) => [...all, { party: "union", name: "" }])}>
                {t("hearings.addParty")}
              </Button>
            </div>
          </fieldset>
          <div className={styles.actions}>
            <Button type="submit" aria-busy={create.isPending}>
              {t("hearings.create")}
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
