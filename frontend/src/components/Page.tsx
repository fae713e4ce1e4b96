import { Heading } from "@digdir/designsystemet-react";
import { useEffect, type ReactNode } from "react";
import { useT } from "../i18n";
import styles from "./layout.module.css";

/** A page: its h1, the document title, and room for actions beside the heading. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} – ${t("app.name")}`;
  }, [title, t]);
  return (
    <>
      <div className={styles.pageHeader}>
        <Heading level={1} data-size="lg">
          {title}
        </Heading>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {children}
    </>
  );
}
