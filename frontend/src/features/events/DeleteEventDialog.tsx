import { Alert, Button, Dialog, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useId } from "react";
import { useNavigate } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useDeleteEvent, type EventRecord } from "../../api/queries/events";
import { ProblemAlert } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { useFocusOnOpen } from "../../lib/focus";

/** Delete an event after asking; one a decision refers to stays, and the user is told why. */
export function DeleteEventDialog({
  programmeId,
  event,
  etag,
  onClose,
}: {
  programmeId: string;
  event: EventRecord;
  etag: string;
  onClose: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const titleId = useId();
  const remove = useDeleteEvent();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const referred = remove.error instanceof ApiProblem && remove.error.status === 409;
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={titleId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {t("events.delete.title")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>{t("events.delete.text", { title: event.title })}</Paragraph>
        {referred ? (
          <Alert data-color="danger" role="alert">
            <Paragraph>{t("events.delete.referred")}</Paragraph>
          </Alert>
        ) : (
          remove.error !== null && <ProblemAlert error={remove.error} />
        )}
      </Dialog.Block>
      <Dialog.Block>
        <div className={layout.actions}>
          <Button
            data-color="danger"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(
                { event, etag },
                { onSuccess: () => navigate(`/p/${programmeId}/events`, { replace: true }) },
              )
            }
          >
            {t("events.delete.confirm")}
          </Button>
          <Button variant="secondary" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
