import { Alert, Heading, List, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { attendanceQuery, compositionQuery } from "../../api/queries/groups";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { findingMessage, ruleTitle } from "../compliance/wording";
import styles from "../projects/project.module.css";

/** Whether the group is composed as its kind requires, with each rule's source. */
export function CompositionFindings({ groupId }: { groupId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const findings = useQuery(compositionQuery(groupId));
  if (!findings.data) return null;
  return (
    <section className={styles.section} aria-labelledby="composition-heading">
      <Heading level={2} data-size="md" id="composition-heading">
        {t("groups.composition")}
      </Heading>
      {findings.data.length === 0 ? (
        <Paragraph>{t("groups.composition.ok")}</Paragraph>
      ) : (
        <Alert data-color="warning">
          <List.Unordered>
            {findings.data.map((f) => (
              <List.Item key={f.rule}>
                <strong>{ruleTitle(t, f.rule, f.title)}.</strong> {findingMessage(t, i18n, f)}. <em>{t("groups.composition.source", { source: f.source })}</em>
              </List.Item>
            ))}
          </List.Unordered>
        </Alert>
      )}
    </section>
  );
}

/** Attendance per member at the group's events over time (seed 004: attendance is a priority). */
export function AttendanceTable({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const rows = useQuery(attendanceQuery(groupId));
  if (!rows.data) return null;
  return (
    <section className={styles.section} aria-labelledby="attendance-heading">
      <Heading level={2} data-size="md" id="attendance-heading">
        {t("groups.attendance")}
      </Heading>
      {rows.data.every((r) => r.invited === 0) ? (
        <Paragraph>{t("groups.attendance.none")}</Paragraph>
      ) : (
        <div className={layout.tableWrap}>
          <Table data-size="sm" zebra>
            <caption className={layout.visuallyHidden}>{t("groups.attendance")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("groups.attendance.person")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.attendance.invited")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.attendance.present")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.attendance.excused")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.attendance.absent")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.data.map((r) => (
                <Table.Row key={r.person_id}>
                  <Table.HeaderCell scope="row">{r.name}</Table.HeaderCell>
                  <Table.Cell>{r.invited}</Table.Cell>
                  <Table.Cell>{r.present}</Table.Cell>
                  <Table.Cell>{r.excused}</Table.Cell>
                  <Table.Cell>{r.absent}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
