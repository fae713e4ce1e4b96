import { Button, Heading, Paragraph, Select, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Navigate, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { meQuery } from "../../api/queries/auth";
import { peopleNamesQuery } from "../../api/queries/lookups";
import {
  PROGRAMME_ROLES,
  membershipsQuery,
  useChangeRole,
  useGrantRole,
  usersQuery,
  useRevokeRole,
  type Membership,
  type ProgrammeRole,
} from "../../api/queries/setup";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { TableScroll } from "../../components/TableScroll";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { useAdministers } from "../programmes/access";
import { FormProblem } from "../projects/FormProblem";
import "./messages";
import own from "./setup.module.css";

/** Who has which role in the programme, for its administrators: grant, change and revoke. */
export default function AccessPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const administers = useAdministers(programmeId);
  if (administers === false) return <Navigate to={`/p/${programmeId}`} replace />;
  return (
    <Page title={t("setup.access.title")}>
      <AccessSections programmeId={programmeId} />
    </Page>
  );
}

function AccessSections({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  const systemAdmin = Boolean(me.data?.system_admin);
  const memberships = useQuery(membershipsQuery(programmeId));
  const users = useQuery(usersQuery(systemAdmin));
  const people = useQuery(peopleNamesQuery(programmeId));
  const change = useChangeRole(programmeId);
  const [revoking, setRevoking] = useState<Membership | null>(null);
  const revoke = useRevokeRole(programmeId);
  const [said, setSaid] = useState("");
  const userName = (id: string) => {
    const user = users.data?.items.find((u) => u.id === id);
    return user ? `${user.name} (${user.email})` : id === me.data?.id ? t("setup.access.you") : t("setup.access.user");
  };
  const personName = (id: string | null) => (id ? (people.data?.find((p) => p.id === id)?.name ?? "—") : "—");

  return (
    <div className={own.form}>
      <section className={own.section} aria-labelledby="roles-heading">
        <Heading level={2} data-size="sm" id="roles-heading">
          {t("setup.access.roles")}
        </Heading>
        {change.error && !(change.error instanceof EditConflict) && <ProblemAlert error={change.error} />}
        {change.error instanceof EditConflict && <Paragraph>{t("setup.access.changed")}</Paragraph>}
        <QueryState query={memberships}>
          {(data) =>
            data.items.length === 0 ? (
              <Paragraph>{t("setup.access.none")}</Paragraph>
            ) : (
              <TableScroll labelledBy="roles-heading">
                <Table zebra>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("setup.access.user")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("setup.access.role")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("setup.access.person")}</Table.HeaderCell>
                      <Table.HeaderCell>
                        <span className="ds-sr-only">{t("setup.access.actions")}</span>
                      </Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {data.items.map((m) => (
                      <Table.Row key={m.id}>
                        <Table.Cell>{userName(m.user_id)}</Table.Cell>
                        <Table.Cell>
                          <Select
                            aria-label={t("setup.access.roleOf", { user: userName(m.user_id) })}
                            data-size="sm"
                            value={m.role}
                            onChange={(e) =>
                              change.mutate(
                                { membership: m, role: e.target.value as ProgrammeRole },
                                { onSuccess: () => setSaid(t("setup.access.saved")) },
                              )
                            }
                          >
                            {PROGRAMME_ROLES.map((r) => (
                              <option key={r} value={r}>
                                {t(`setup.role.${r}`)}
                              </option>
                            ))}
                          </Select>
                        </Table.Cell>
                        <Table.Cell>{personName(m.person_id)}</Table.Cell>
                        <Table.Cell>
                          <Button
                            type="button"
                            variant="tertiary"
                            data-color="danger"
                            data-size="sm"
                            onClick={() => setRevoking(m)}
                          >
                            {t("setup.access.revoke")}
                          </Button>
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </TableScroll>
            )
          }
        </QueryState>
        <p role="status" className={own.status}>
          {said}
        </p>
      </section>
      <section className={own.section} aria-labelledby="grant-heading">
        <Heading level={2} data-size="sm" id="grant-heading">
          {t("setup.access.grant")}
        </Heading>
        {systemAdmin ? (
          <GrantForm
            programmeId={programmeId}
            users={users.data?.items ?? []}
            people={people.data ?? []}
            onGranted={(name) => setSaid(t("setup.access.granted", { user: name }))}
          />
        ) : (
          <Paragraph>{t("setup.access.grant.systemOnly")}</Paragraph>
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title={t("setup.access.revoke.title")}
          message={t("setup.access.revoke.message", { user: userName(revoking.user_id) })}
          confirm={t("setup.access.revoke")}
          busy={revoke.isPending}
          error={revoke.error}
          onCancel={() => {
            revoke.reset();
            setRevoking(null);
          }}
          onConfirm={() =>
            revoke.mutate(revoking, {
              onSuccess: () => {
                setSaid(t("setup.access.revoked", { user: userName(revoking.user_id) }));
                setRevoking(null);
              },
            })
          }
        />
      )}
    </div>
  );
}

function GrantForm({
  programmeId,
  users,
  people,
  onGranted,
}: {
  programmeId: string;
  users: { id: string; name: string; email: string }[];
  people: { id: string; name: string }[];
  onGranted: (name: string) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const grant = useGrantRole(programmeId);
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<ProgrammeRole>("member");
  const [personId, setPersonId] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const problem = grant.error instanceof ApiProblem ? grant.error : null;
  const errors = { ...(problem?.fieldErrors(word) ?? {}), ...missing };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      grant.reset();
      setMissing({ user_id: t("setup.access.userRequired") });
      return;
    }
    setMissing({});
    grant.mutate(
      { user_id: userId, role, person_id: personId || null },
      {
        onSuccess: () => {
          const user = users.find((u) => u.id === userId);
          onGranted(user ? user.name : userId);
          setUserId("");
          setPersonId("");
        },
      },
    );
  };
  return (
    <form className={own.section} onSubmit={submit} noValidate aria-labelledby="grant-heading">
      {problem && <FormProblem problem={problem} fields={["user_id", "role", "person_id"]} />}
      <SelectField label={t("setup.access.user")} value={userId} onChange={(e) => setUserId(e.target.value)} error={errors.user_id}>
        <option value="">{t("setup.access.user.choose")}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      <div className={own.row}>
        <SelectField
          label={t("setup.access.role")}
          value={role}
          onChange={(e) => setRole(e.target.value as ProgrammeRole)}
          error={errors.role}
        >
          {PROGRAMME_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`setup.role.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("setup.access.person")}
          value={personId}
          onChange={(e) => setPersonId(e.target.value)}
          error={errors.person_id}
        >
          <option value="">{t("setup.access.person.none")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <Button type="submit" loading={grant.isPending}>
          {t("setup.access.grant.submit")}
        </Button>
      </div>
    </form>
  );
}
