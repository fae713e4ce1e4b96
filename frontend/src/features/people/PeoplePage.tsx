import { Button, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { Link as RouterLink, useParams, useSearchParams } from "react-router-dom";
import { AFFILIATIONS, peopleListQuery, peopleQuery, type Affiliation } from "../../api/queries/people";
import { programmeQuery } from "../../api/queries/programmes";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { ExportButton } from "../../components/ExportButton";
import { ImportLink } from "../imports/ImportLink";
import { useMayEdit } from "../projects/access";
import { NewPersonForm } from "./NewPersonForm";

// Typing pauses this long before the search runs, so that not every key press is a request.
const SEARCH_DELAY_MS = 300;

/** The people of the programme: search by name, e-mail, title or unit; filter by affiliation. */
export default function PeoplePage() {
  const { t } = useI18n();
  const { programmeId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const affiliationParam = params.get("affiliation") ?? "";
  const affiliation = AFFILIATIONS.includes(affiliationParam as Affiliation) ? (affiliationParam as Affiliation) : "";
  const [text, setText] = useState(q);

  // The search and the filter live in the address, so that a result can be linked and reloaded.
  const setParam = useCallback(
    (name: string, value: string) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === q) return;
    const timer = setTimeout(() => setParam("q", wanted), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, setParam]);

  const filters = { q: q || undefined, affiliation: affiliation || undefined };
  const people = useInfiniteQuery({
    ...peopleQuery(programmeId, filters),
    placeholderData: keepPreviousData,
  });
  const programme = useQuery(programmeQuery(programmeId));
  const municipality = (number: string | null) =>
    number ? (programme.data?.municipalities.find((m) => m.number === number)?.name ?? number) : "—";
  const shown = people.data?.pages.reduce((sum, page) => sum + page.items.length, 0) ?? 0;
  const mayEdit = useMayEdit(programmeId);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState("");

  return (
    <Page
      title={t("people.title")}
      actions={
        <>
          <ExportButton path="/api/v1/people" query={peopleListQuery(programmeId, filters)} />
          <ImportLink programmeId={programmeId} resource="people" />
          {mayEdit && !adding && (
            <Button
              type="button"
              onClick={() => {
                setAdded("");
                setAdding(true);
              }}
            >
              {t("people.new")}
            </Button>
          )}
        </>
      }
    >
      {adding && (
        <NewPersonForm
          programmeId={programmeId}
          municipalities={programme.data?.municipalities ?? []}
          onDone={(name) => {
            setAdding(false);
            if (name) setAdded(t("people.new.done", { name }));
          }}
        />
      )}
      <p role="status" className={layout.visuallyHidden}>
        {added}
      </p>
      <form role="search" className={layout.filters} onSubmit={(e) => e.preventDefault()}>
        <Textfield
          label={t("people.search")}
          description={t("people.search.hint")}
          type="search"
          maxLength={200}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <SelectField
          label={t("people.affiliation")}
          value={affiliation}
          onChange={(e) => setParam("affiliation", e.target.value)}
        >
          <option value="">{t("people.affiliation.all")}</option>
          {AFFILIATIONS.map((a) => (
            <option key={a} value={a}>
              {t(`people.affiliation.${a}`)}
            </option>
          ))}
        </SelectField>
      </form>
      <p role="status" className={layout.visuallyHidden}>
        {people.isSuccess ? t(people.hasNextPage ? "people.shownMore" : "people.shown", { count: shown }) : ""}
      </p>
      <QueryState query={people}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) return <Paragraph>{t("common.empty")}</Paragraph>;
          return (
            <>
              <div className={layout.tableWrap}>
                <Table zebra aria-label={t("people.table")} aria-busy={people.isPlaceholderData || undefined}>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("people.name")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("people.jobTitle")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("people.organisationUnit")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("people.municipality")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("people.affiliation")}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {items.map((person) => (
                      <Table.Row key={person.id}>
                        <Table.Cell>
                          <Link asChild>
                            <RouterLink to={`/p/${programmeId}/people/${person.id}`}>{person.name}</RouterLink>
                          </Link>
                        </Table.Cell>
                        <Table.Cell>{person.title ?? "—"}</Table.Cell>
                        <Table.Cell>{person.organisation_unit ?? "—"}</Table.Cell>
                        <Table.Cell>{municipality(person.municipality_number)}</Table.Cell>
                        <Table.Cell>{t(`people.affiliation.${person.affiliation}`)}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
              <LoadMore {...people} />
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
