import { Button, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link as RouterLink } from "react-router-dom";
import {
  groupCriteriaQuery,
  type CriterionFulfilment,
  type GroupCriterion,
  type GroupKind,
} from "../../api/queries/criteria";
import { QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { AssessDialog } from "./AssessDialog";
import own from "./criteria.module.css";

const COLORS: Record<CriterionFulfilment, "success" | "warning" | "danger"> = {
  met: "success",
  partly_met: "warning",
  not_met: "danger",
};

/** On a group's page: the criteria its programme sets for its kind, the latest assessment of each, and the dated history. */
export function GroupCriteriaSection({
  groupId,
  groupKind,
  programmeId,
  mayEdit,
}: {
  groupId: string;
  groupKind: GroupKind;
  programmeId: string;
  mayEdit: boolean;
}) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const query = useQuery(groupCriteriaQuery(groupId));
  const [assessing, setAssessing] = useState<GroupCriterion | null>(null);
  const [message, setMessage] = useState("");
  return (
    <section className={own.kind} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("criteria.groupHeading", { kind: t(`groups.kind.${groupKind}`).toLocaleLowerCase() })}
      </Heading>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <QueryState query={query}>
        {(data) =>
          data.criteria.length === 0 ? (
            <Paragraph>
              {t("criteria.groupNone")}{" "}
              <Link asChild>
                <RouterLink to={`/p/${programmeId}/criteria`}>{t("criteria.goToCriteria")}</RouterLink>
              </Link>
            </Paragraph>
          ) : (
            <>
              <Paragraph>
                {t("criteria.summary", {
                  met: data.summary.met,
                  total: data.summary.total,
                  partly: data.summary.partly_met,
                  notMet: data.summary.not_met,
                  notAssessed: data.summary.not_assessed,
                })}
              </Paragraph>
              <div className={styles.tableWrap}>
                <Table zebra>
                  <caption className={styles.visuallyHidden}>{t("criteria.groupCaption")}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell scope="col">{t("criteria.field.title")}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t("criteria.field.purpose")}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t("criteria.latest")}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t("criteria.history")}</Table.HeaderCell>
                      {mayEdit && (
                        <Table.HeaderCell scope="col">
                          <span className={styles.visuallyHidden}>{t("criteria.actions")}</span>
                        </Table.HeaderCell>
                      )}
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {data.criteria.map(({ criterion, latest, history }) => (
                      <Table.Row key={criterion.id}>
                        <Table.HeaderCell scope="row">{criterion.title}</Table.HeaderCell>
                        <Table.Cell>{t(`criteria.purpose.${criterion.purpose}`)}</Table.Cell>
                        <Table.Cell>
                          {latest ? (
                            <>
                              <Tag data-size="sm" data-color={COLORS[latest.fulfilment]}>
                                {t(`criteria.fulfilment.${latest.fulfilment}`)}
                              </Tag>{" "}
                              <span className={own.nowrap}>{formatDate(latest.assessed_on)}</span>
                              {latest.note && (
                                <Paragraph data-size="xs" className={own.note}>
                                  {latest.note}
                                </Paragraph>
                              )}
                            </>
                          ) : (
                            t("criteria.notAssessed")
                          )}
                        </Table.Cell>
                        <Table.Cell>
                          {history.length === 0 ? (
                            "—"
                          ) : (
                            <details>
                              <summary>{t("criteria.historyCount", { count: history.length })}</summary>
                              <ol className={own.history}>
                                {history.map((a) => (
                                  <li key={a.id}>
                                    {formatDate(a.assessed_on)}: {t(`criteria.fulfilment.${a.fulfilment}`)}
                                    {a.note ? ` – ${a.note}` : ""}
                                  </li>
                                ))}
                              </ol>
                            </details>
                          )}
                        </Table.Cell>
                        {mayEdit && (
                          <Table.Cell>
                            <Button
                              data-size="sm"
                              variant="secondary"
                              onClick={() => setAssessing(criterion)}
                              aria-label={t("criteria.assessFor", { title: criterion.title })}
                            >
                              {t("criteria.assess")}
                            </Button>
                          </Table.Cell>
                        )}
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            </>
          )
        }
      </QueryState>
      {assessing && (
        <AssessDialog
          groupId={groupId}
          criterion={assessing}
          onClose={(done) => {
            setAssessing(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </section>
  );
}
