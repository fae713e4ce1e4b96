import { Link } from "@digdir/designsystemet-react";
import { Link as RouterLink } from "react-router-dom";
import type { ImportResource } from "../../api/queries/imports";
import { useI18n } from "../../i18n";
import { useMayImport } from "./access";

/** «Importer» beside a list, to the import page for its kind of record; for editors and up. */
export function ImportLink({
  programmeId,
  resource,
  group,
}: {
  programmeId: string;
  resource: ImportResource;
  /** The group whose members the link imports (its page fills in the group). */
  group?: string;
}) {
  const { t } = useI18n();
  if (!useMayImport(programmeId)) return null;
  const to = `/p/${programmeId}/import/${resource}${group ? `?group=${encodeURIComponent(group)}` : ""}`;
  return (
    <Link asChild>
      <RouterLink to={to}>{t(`imports.link.${resource}`)}</RouterLink>
    </Link>
  );
}
