import { Link } from "@digdir/designsystemet-react";
import { Link as RouterLink } from "react-router-dom";
import type { ImportResource } from "../../api/queries/imports";
import { useI18n } from "../../i18n";
import { useMayImport } from "./access";

/** «Importer» beside a list, to the import page for its kind of record; for editors and up. */
export function ImportLink({ programmeId, resource }: { programmeId: string; resource: ImportResource }) {
  const { t } = useI18n();
  if (!useMayImport(programmeId)) return null;
  return (
    <Link asChild>
      <RouterLink to={`/p/${programmeId}/import/${resource}`}>{t(`imports.link.${resource}`)}</RouterLink>
    </Link>
  );
}
