import { Link as DsLink } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { programmeQuery } from "../api/queries/programmes";
import { useT } from "../i18n";
import styles from "./footer.module.css";

/**
 * Every page's footer: the link to the accessibility statement, and inside a programme the
 * organisation that owns it. Kept light: it is on the login page too.
 */
export function Footer() {
  const t = useT();
  const { programmeId } = useParams();
  return (
    <footer className={styles.footer} aria-label={t("footer.label")}>
      {programmeId && <Owner programmeId={programmeId} />}
      <DsLink asChild>
        <Link to="/tilgjengelighet">{t("footer.statement")}</Link>
      </DsLink>
    </footer>
  );
}

function Owner({ programmeId }: { programmeId: string }) {
  const t = useT();
  // The same query the programme's navigation makes: served from the cache.
  const owner = useQuery(programmeQuery(programmeId)).data?.owner_organisation;
  return owner ? <p>{t("footer.owner", { owner })}</p> : null;
}
