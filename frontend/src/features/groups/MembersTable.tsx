import { Button, Dialog, Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Link as RouterLink } from "react-router-dom";
import type { Schemas } from "../../api/client";
import { groupMembersQuery, useRemoveMember, type Group, type Member } from "../../api/queries/groups";
import { namesById, peopleNamesQuery } from "../../api/queries/lookups";
import { LoadMore } from "../../components/LoadMore";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { MemberDialog } from "./MemberDialog";
import { focusWhenPresent, useFocusOnOpen } from "../../lib/focus";

type Municipality = Schemas["Municipality"];

/** The members of a group with their seat: role, party, municipality, allocation and period. */
export function MembersTable({
  group,
  programmeId,
  municipalities,
  mayEdit,
}: {
  group: Group;
  programmeId: string;
  municipalities: Municipality[];
  mayEdit: boolean;
}) {
  const { t, formatDate } = useI18n();
  const members = useInfiniteQuery(groupMembersQuery(group.id));
  const people = useQuery(peopleNamesQuery(programmeId));
  const names = namesById(people.data);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [changing, setChanging] = useState<Member | null>(null);
  const [notice, setNotice] = useState("");
  const table = useRef<HTMLTableElement>(null);
  const nameOf = (member: Member) => names.get(member.person_id) ?? t("groups.members.unknown");
  const municipalityOf = (number: string | null) =>
    number ? (municipalities.find((m) => m.number === number)?.name ?? number) : "—";

  return (
    <>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <QueryState query={members}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) return <Paragraph>{t("groups.members.none")}</Paragraph>;
          return (
            <>
              <div className={layout.tableWrap}>
                <Table
                  ref={table}
                  tabIndex={-1}
                  data-size="sm"
                  zebra
                  aria-label={t("groups.members.caption", { name: group.name })}
                >
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("groups.member.name")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("groups.member.role")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("groups.member.party")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("groups.member.municipality")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("groups.member.allocation")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("groups.member.from")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("groups.member.to")}</Table.HeaderCell>
                      {mayEdit && (
                        <Table.HeaderCell>
                          <span className={layout.visuallyHidden}>{t("groups.member.actions")}</span>
                        </Table.HeaderCell>
                      )}
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {items.map((member) => (
                      <Table.Row key={member.id}>
                        <Table.Cell>
                          <Link asChild>
                            <RouterLink to={`/p/${programmeId}/people/${member.person_id}`}>
                              {nameOf(member)}
                            </RouterLink>
                          </Link>
                        </Table.Cell>
                        <Table.Cell>{t(`groups.role.${member.role}`)}</Table.Cell>
                        <Table.Cell>{t(`groups.party.${member.party}`)}</Table.Cell>
                        <Table.Cell>{municipalityOf(member.municipality_number)}</Table.Cell>
                        <Table.Cell>
                          {member.allocation_percent === null
                            ? "—"
                            : t("groups.member.allocation.value", { percent: member.allocation_percent })}
                        </Table.Cell>
                        <Table.Cell>{formatDate(member.starts_on) || "—"}</Table.Cell>
                        <Table.Cell>{formatDate(member.ends_on) || "—"}</Table.Cell>
                        {mayEdit && (
                          <Table.Cell>
                            <div className={layout.actions}>
                              <Button
                                id={seatButtonId(member)}
                                variant="tertiary"
                                data-size="sm"
                                aria-label={t("groups.seat.edit", { name: nameOf(member) })}
                                onClick={() => {
                                  setNotice("");
                                  setChanging(member);
                                }}
                              >
                                {t("groups.seat.change")}
                              </Button>
                              <Button
                                variant="tertiary"
                                data-size="sm"
                                aria-label={t("groups.member.remove", { name: nameOf(member) })}
                                onClick={() => {
                                  setNotice("");
                                  setRemoving(member);
                                }}
                              >
                                {t("common.remove")}
                              </Button>
                            </div>
                          </Table.Cell>
                        )}
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
              <LoadMore {...members} />
            </>
          );
        }}
      </QueryState>
      {changing && (
        <MemberDialog
          group={group}
          member={changing}
          name={nameOf(changing)}
          municipalities={municipalities}
          onClose={(saved) => {
            setChanging(null);
            if (saved) setNotice(t("groups.seat.saved", { name: nameOf(changing) }));
            // Back to the row's «Endre», which stays where it was while the list is read again.
            focusWhenPresent(() => document.getElementById(seatButtonId(changing)));
          }}
        />
      )}
      {removing && (
        <RemoveDialog
          group={group}
          member={removing}
          name={nameOf(removing)}
          onDone={(removed) => {
            setRemoving(null);
            if (removed) {
              setNotice(t("groups.remove.done", { name: nameOf(removing) }));
              table.current?.focus();
            }
          }}
        />
      )}
    </>
  );
}

/** The id of a member's «Endre», which takes focus back when its dialog closes. */
const seatButtonId = (member: Member) => `seat-${member.id}`;

function RemoveDialog({
  group,
  member,
  name,
  onDone,
}: {
  group: Group;
  member: Member;
  name: string;
  onDone: (removed: boolean) => void;
}) {
  const { t } = useI18n();
  const remove = useRemoveMember(group.id);
  const titleId = useId();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onDone(false)} aria-labelledby={titleId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {t("groups.remove.title")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>
          {t("groups.remove.text", { name, role: t(`groups.role.${member.role}`).toLowerCase(), group: group.name })}
        </Paragraph>
        {remove.error !== null && <ProblemAlert error={remove.error} />}
      </Dialog.Block>
      <Dialog.Block>
        <div className={layout.actions}>
          <Button
            data-color="danger"
            loading={remove.isPending}
            onClick={() => remove.mutate(member, { onSuccess: () => onDone(true) })}
          >
            {t("groups.remove.confirm")}
          </Button>
          <Button variant="secondary" onClick={() => onDone(false)} data-autofocus>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
