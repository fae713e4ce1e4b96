import {
  Button,
  Dialog,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Table,
  Tag,
  Textfield,
} from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { groupNamesQuery, projectNamesQuery, type Named } from "../../api/queries/lookups";
import {
  SURVEY_AUDIENCES,
  surveyRoundsQuery,
  useCreateSurveyRound,
  type SurveyAudience,
  type SurveySource,
  type SurveyStatus,
} from "../../api/queries/surveys";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import layout from "../../components/layout.module.css";
import own from "./surveys.module.css";
import { useFocusOnOpen } from "../../lib/focus";

const STATUS_COLOR: Record<SurveyStatus, "neutral" | "success" | "info"> = {
  draft: "neutral",
  open: "success",
  closed: "info",
};

export function StatusTag({ status }: { status: SurveyStatus }) {
  const { t } = useI18n();
  return (
    <Tag data-color={STATUS_COLOR[status]} data-size="sm">
      {t(`surveys.status.${status}`)}
    </Tag>
  );
}

/** The survey rounds (kartlegginger) of a programme: status, responses, and a way to add one. */
export default function SurveysPage() {
  const { programmeId = "" } = useParams();
  const { t, formatDate } = useI18n();
  const rounds = useInfiniteQuery(surveyRoundsQuery(programmeId));
  const [adding, setAdding] = useState(false);
  return (
    <Page title={t("surveys.title")} actions={<Button onClick={() => setAdding(true)}>{t("surveys.new")}</Button>}>
      <Paragraph>{t("surveys.intro")}</Paragraph>
      <QueryState query={rounds}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (!items.length) return <Paragraph>{t("surveys.none")}</Paragraph>;
          return (
            <div className={own.tableWrap}>
              <Table>
                <caption className={layout.visuallyHidden}>{t("surveys.title")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("surveys.field.title")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("surveys.field.status")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("surveys.field.source")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("surveys.field.responses")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("surveys.field.closedAt")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {items.map((r) => (
                    <Table.Row key={r.id}>
                      <Table.Cell>
                        <Link to={`/p/${programmeId}/surveys/${r.id}`}>{r.title}</Link>
                      </Table.Cell>
                      <Table.Cell>
                        <StatusTag status={r.status} />
                      </Table.Cell>
                      <Table.Cell>
                        {r.source === "imported" ? t("surveys.source.imported") : t(`surveys.audience.${r.audience}`)}
                      </Table.Cell>
                      <Table.Cell>{r.response_count}</Table.Cell>
                      <Table.Cell>{formatDate(r.closed_at)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
              {rounds.hasNextPage && (
                <Button variant="secondary" onClick={() => rounds.fetchNextPage()} aria-busy={rounds.isFetchingNextPage}>
                  {t("common.loadMore")}
                </Button>
              )}
            </div>
          );
        }}
      </QueryState>
      {adding && <CreateRoundDialog programmeId={programmeId} onClose={() => setAdding(false)} />}
    </Page>
  );
}

const WORDING: Overrides = {
  title: { string_too_short: "surveys.error.titleRequired" },
  group_id: { required_for_audience: "surveys.error.groupRequired" },
  project_id: { required_for_audience: "surveys.error.projectRequired" },
};

function CreateRoundDialog({ programmeId, onClose }: { programmeId: string; onClose: () => void }) {
  const { t } = useI18n();
  const headingId = useId();
  const navigate = useNavigate();
  const create = useCreateSurveyRound();
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [source, setSource] = useState<SurveySource>("samskap");
  const [audience, setAudience] = useState<SurveyAudience>("link");
  const [groupId, setGroupId] = useState("");
  const [projectId, setProjectId] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(WORDING);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: string) => local[field] ?? server[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!title.trim()) errors.title = t("surveys.error.titleRequired");
    if (source === "samskap" && audience === "group" && !groupId) errors.group_id = t("surveys.error.groupRequired");
    if (source === "samskap" && audience === "project" && !projectId) {
      errors.project_id = t("surveys.error.projectRequired");
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    create.mutate(
      {
        programme_id: programmeId,
        title: title.trim(),
        description: description.trim() || null,
        source,
        audience: source === "imported" ? "link" : audience,
        group_id: groupId || null,
        project_id: projectId || null,
      },
      { onSuccess: (round) => navigate(`/p/${programmeId}/surveys/${round.id}`) },
    );
  };
  const options = (items: Named[] | undefined) =>
    (items ?? []).map((i) => (
      <option key={i.id} value={i.id}>
        {i.name}
      </option>
    ));
  const placed = ["title", "group_id", "project_id"].some((f) => server[f]);

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("surveys.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {create.error && !placed && <ProblemAlert error={create.error} />}
          <Textfield
            label={t("surveys.field.title")}
            value={title}
            required
            error={errorOf("title")}
            onChange={(e) => setTitle(e.target.value)}
          />
          <Textfield
            label={t("surveys.field.description")}
            multiline
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <Fieldset>
            <Fieldset.Legend>{t("surveys.field.source")}</Fieldset.Legend>
            {(["samskap", "imported"] as const).map((s) => (
              <Radio
                key={s}
                name="source"
                value={s}
                label={t(`surveys.source.${s}`)}
                description={t(`surveys.source.${s}.help`)}
                checked={source === s}
                onChange={() => setSource(s)}
              />
            ))}
          </Fieldset>
          {source === "samskap" && (
            <SelectField
              label={t("surveys.field.audience")}
              value={audience}
              onChange={(e) => setAudience(e.target.value as SurveyAudience)}
            >
              {SURVEY_AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {t(`surveys.audience.${a}`)}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            label={t(audience === "group" && source === "samskap" ? "surveys.field.group" : "surveys.field.groupOptional")}
            value={groupId}
            error={errorOf("group_id")}
            onChange={(e) => setGroupId(e.target.value)}
          >
            <option value="">{t("surveys.none.choice")}</option>
            {options(groups.data)}
          </SelectField>
          <SelectField
            label={t(
              audience === "project" && source === "samskap" ? "surveys.field.project" : "surveys.field.projectOptional",
            )}
            value={projectId}
            error={errorOf("project_id")}
            onChange={(e) => setProjectId(e.target.value)}
          >
            <option value="">{t("surveys.none.choice")}</option>
            {options(projects.data)}
          </SelectField>
          <Paragraph data-size="sm">{t("surveys.thresholdNote")}</Paragraph>
          <div className={own.row}>
            <Button type="submit" aria-busy={create.isPending}>
              {t("surveys.create")}
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
