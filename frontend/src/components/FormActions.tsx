import { Button } from "@digdir/designsystemet-react";
import { useT } from "../i18n";
import styles from "./layout.module.css";

/** A form's submit button, busy while it saves, and the button that cancels it. */
export function FormActions({
  submit,
  pending,
  onCancel,
}: {
  submit: string;
  pending: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <div className={styles.actions}>
      <Button type="submit" loading={pending}>
        {submit}
      </Button>
      <Button type="button" variant="secondary" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
    </div>
  );
}
