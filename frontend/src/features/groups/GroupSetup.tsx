import { Button } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useDeleteGroup, type Group } from "../../api/queries/groups";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import layout from "../../components/layout.module.css";
import { useEditInPlace } from "../../components/useEditInPlace";
import { useI18n } from "../../i18n";
import { useMayManage } from "../projects/access";
import { inUse } from "../projects/FormParts";
import { GroupDialog } from "./GroupDialog";
import "./messages";

/**
 * For those who may set the programme up: «Rediger gruppen» (kind, name, project, description)
 * and «Slett gruppen», after which the group's project (or the programme) opens.
 */
export function GroupSetup({ group, etag }: { group: Group; etag: string }) {
  const { t } = useI18n();
  const mayManage = useMayManage(group.programme_id);
  const navigate = useNavigate();
  const remove = useDeleteGroup();
  const { editing, open, done, editButton, savedStatus } = useEditInPlace<true>();
  const [deleting, setDeleting] = useState(false);
  if (!mayManage) return null;
  const back = group.project_id
    ? `/p/${group.programme_id}/projects/${group.project_id}`
    : `/p/${group.programme_id}`;
  return (
    <>
      {savedStatus}
      <div className={layout.actions}>
        <Button ref={editButton} variant="secondary" onClick={() => open(true)}>
          {t("groups.setup.edit")}
        </Button>
        <Button
          variant="tertiary"
          data-color="danger"
          onClick={() => {
            remove.reset();
            setDeleting(true);
          }}
        >
          {t("groups.setup.delete")}
        </Button>
      </div>
      {editing && (
        <GroupDialog
          programmeId={group.programme_id}
          group={group}
          etag={etag}
          onClose={(didSave) => done(Boolean(didSave))}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("groups.setup.deleteTitle")}
          message={t("groups.setup.deleteText", { name: group.name })}
          confirm={t("groups.setup.deleteConfirm")}
          busy={remove.isPending}
          error={inUse(remove.error, t("groups.setup.inUse"))}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            remove.mutateAsync({ group, etag }).then(() => navigate(back, { replace: true }), () => undefined)
          }
        />
      )}
    </>
  );
}
