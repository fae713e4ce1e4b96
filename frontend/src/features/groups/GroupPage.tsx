import { Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { groupQuery, type Group } from "../../api/queries/groups";
import { programmeQuery } from "../../api/queries/programmes";
import { projectQuery } from "../../api/queries/projects";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { GroupCriteriaSection } from "../criteria/GroupCriteriaSection";
import { useMayEdit } from "../projects/access";
import { Facts } from "../projects/Facts";
import styles from "../projects/project.module.css";
import { AddMemberForm } from "./AddMemberForm";
import { AttendanceTable, CompositionFindings } from "./GroupGovernance";
import { GroupMandate } from "./GroupMandate";
import { GroupSetup } from "./GroupSetup";
import { MembersTable } from "./MembersTable";
import { ExportButton } from "../../components/ExportButton";
import { ImportLink } from "../imports/ImportLink";
import files from "../imports/imports.module.css";

/** A group: what kind, its mandate and its members; the mandate is changed and members are seated here. */
export default function GroupPage() {
  const { t } = useI18n();
  const { programmeId = "", groupId = "" } = useParams();
  const group = useQuery(groupQuery(groupId));
  return (
    <Page title={group.data?.record.name ?? t("groups.title")}>
      <QueryState query={group}>
        {({ record, etag }) => <GroupBody group={record} etag={etag} programmeId={programmeId} />}
      </QueryState>
    </Page>
  );
}

function GroupBody({ group, etag, programmeId }: { group: Group; etag: string; programmeId: string }) {
  const { t } = useI18n();
  const mayEdit = useMayEdit(programmeId);
  const programme = useQuery(programmeQuery(programmeId));
  const project = useQuery({ ...projectQuery(group.project_id ?? ""), enabled: Boolean(group.project_id) });
  const municipalities = programme.data?.municipalities ?? [];
  const membersId = useId();
  return (
    <>
      {group.description && <Paragraph className={styles.text}>{group.description}</Paragraph>}
      <Facts
        items={[
          [t("groups.kind"), t(`groups.kind.${group.kind}`)],
          [
            t("groups.project"),
            group.project_id && project.data ? (
              <Link asChild>
                <RouterLink to={`/p/${programmeId}/projects/${group.project_id}`}>
                  {`${project.data.record.code} ${project.data.record.name}`}
                </RouterLink>
              </Link>
            ) : null,
          ],
        ]}
      />
      <GroupSetup group={group} etag={etag} />
      <GroupMandate group={group} etag={etag} mayEdit={mayEdit} />
      <section className={styles.section} aria-labelledby={membersId}>
        <Heading level={2} data-size="md" id={membersId}>
          {t("groups.members")}
        </Heading>
        <MembersTable group={group} programmeId={programmeId} municipalities={municipalities} mayEdit={mayEdit} />
        <div className={files.fileRow}>
          <ExportButton
            path={`/api/v1/groups/${group.id}/members`}
            query={{ sort: "role" }}
            label={t("imports.files.exportMembers")}
          />
          <ImportLink programmeId={programmeId} resource="group_members" />
        </div>
      </section>
      {mayEdit && <AddMemberForm group={group} programmeId={programmeId} municipalities={municipalities} />}
      <CompositionFindings groupId={group.id} />
      <AttendanceTable groupId={group.id} />
      <GroupCriteriaSection groupId={group.id} groupKind={group.kind} programmeId={programmeId} mayEdit={mayEdit} />
    </>
  );
}
