import { Alert, Button, Heading, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  fullAddress,
  participationLinksQuery,
  useCloseParticipationLink,
  useCreateParticipationLink,
  type ParticipationLinkCreated,
} from "../../api/queries/ideas";
import { namesById, type Named } from "../../api/queries/lookups";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { TableScroll } from "../../components/TableScroll";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { CopyValue } from "../../components/CopyValue";
import own from "./ideas.module.css";

/**
 * The programme office's participation links: employees without an account submit ideas
 * through them. A new link's address is shown once, since only its hash is kept.
 */
export function LinksSection({ programmeId, projects }: { programmeId: string; projects: Named[] }) {
  const { t, formatDate } = useI18n();
  const links = useQuery(participationLinksQuery(programmeId));
  const create = useCreateParticipationLink();
  const close = useCloseParticipationLink();
  const [label, setLabel] = useState("");
  const [projectId, setProjectId] = useState("");
  const [made, setMade] = useState<ParticipationLinkCreated | null>(null);
  const [message, setMessage] = useState("");
  const shown = useRef<HTMLDivElement>(null);
  const word = useProblemWording();
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const projectNames = namesById(projects);
  useEffect(() => {
    if (made) shown.current?.focus();
  }, [made]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { programme_id: programmeId, label: label.trim() || null, project_id: projectId || null },
      {
        onSuccess: (link) => {
          setMade(link);
          setLabel("");
          setProjectId("");
        },
      },
    );
  };

  return (
    <section className={own.section} aria-labelledby="links-heading">
      <Heading level={2} data-size="sm" id="links-heading">
        {t("ideas.links.title")}
      </Heading>
      <Paragraph>{t("ideas.links.help")}</Paragraph>
      <form className={own.form} onSubmit={submit} noValidate>
        {create.error && !server.label && !server.project_id && <ProblemAlert error={create.error} />}
        <Textfield
          label={t("ideas.links.label")}
          description={t("ideas.links.labelHelp")}
          value={label}
          maxLength={300}
          onChange={(e) => setLabel(e.target.value)}
          error={server.label}
        />
        <SelectField
          label={t("ideas.field.project")}
          value={projectId}
          onChange={(e) => setProjectId(e.target.value)}
          error={server.project_id}
        >
          <option value="">{t("ideas.links.anyProject")}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <div>
          <Button type="submit" aria-busy={create.isPending}>
            {t("ideas.links.create")}
          </Button>
        </div>
      </form>
      {made && (
        <div ref={shown} tabIndex={-1} className={own.outcome}>
          <Alert data-color="warning">
            <Heading level={3} data-size="xs">
              {t("ideas.links.madeTitle")}
            </Heading>
            <Paragraph>{t("ideas.links.once")}</Paragraph>
            <CopyValue label={t("ideas.links.address")} value={fullAddress(made.form_path)} />
          </Alert>
        </div>
      )}
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      {close.error && <ProblemAlert error={close.error} />}
      <QueryState query={links}>
        {(page) =>
          page.items.length === 0 ? (
            <Paragraph>{t("ideas.links.none")}</Paragraph>
          ) : (
            <TableScroll labelledBy="links-heading">
              <Table zebra>
                <caption className={styles.visuallyHidden}>{t("ideas.links.title")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t("ideas.links.label")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("ideas.field.project")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("ideas.links.created")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("ideas.links.closed")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">
                      <span className={styles.visuallyHidden}>{t("ideas.links.actions")}</span>
                    </Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {page.items.map((link) => {
                    const name = link.label ?? t("ideas.links.unlabelled");
                    return (
                      <Table.Row key={link.id}>
                        <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                        <Table.Cell>
                          {link.project_id ? (projectNames.get(link.project_id) ?? "—") : t("ideas.links.anyProject")}
                        </Table.Cell>
                        <Table.Cell>{formatDate(link.created_at)}</Table.Cell>
                        <Table.Cell>{link.closed_at ? formatDate(link.closed_at) : t("ideas.links.open")}</Table.Cell>
                        <Table.Cell>
                          {!link.closed_at && (
                            <Button
                              data-size="sm"
                              variant="secondary"
                              aria-label={t("ideas.links.closeFor", { label: name })}
                              aria-busy={close.isPending && close.variables?.id === link.id}
                              onClick={() =>
                                close.mutate(link, { onSuccess: () => setMessage(t("ideas.links.closedDone", { label: name })) })
                              }
                            >
                              {t("ideas.links.close")}
                            </Button>
                          )}
                        </Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
    </section>
  );
}
