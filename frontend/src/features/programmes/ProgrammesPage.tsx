import { Button, Card, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate } from "react-router-dom";
import { meQuery } from "../../api/queries/auth";
import { programmesQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";

/** The programmes the user belongs to; with only one, straight to its overview. */
export default function ProgrammesPage() {
  const { t, formatDate } = useI18n();
  const programmes = useQuery(programmesQuery());
  const systemAdmin = Boolean(useQuery(meQuery()).data?.system_admin);
  // A system administrator comes here to set up a programme too, so is not sent on.
  if (programmes.data?.items.length === 1 && !systemAdmin) {
    return <Navigate to={`/p/${programmes.data.items[0].id}`} replace />;
  }
  return (
    <Page
      title={t("programmes.title")}
      actions={
        systemAdmin && (
          <Button asChild>
            <Link to="/programmes/new">{t("programmes.new")}</Link>
          </Button>
        )
      }
    >
      <QueryState query={programmes}>
        {(data) =>
          data.items.length === 0 ? (
            <Paragraph>{t("programmes.none")}</Paragraph>
          ) : (
            <ul className={styles.grid} style={{ listStyle: "none", padding: 0 }}>
              {data.items.map((p) => (
                <li key={p.id}>
                  <Card data-color="neutral">
                    <Heading level={2} data-size="sm">
                      <Link to={`/p/${p.id}`}>{p.name}</Link>
                    </Heading>
                    <Paragraph>
                      {p.municipalities.map((m) => m.name).join(", ")}
                      {p.target_on ? ` · ${t("programmes.target", { date: formatDate(p.target_on) })}` : ""}
                    </Paragraph>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}
