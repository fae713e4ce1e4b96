import { Button, Textfield } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useT } from "../i18n";
import own from "./CopyValue.module.css";

/** A value to take along (a link, a secret shown once, a feed's address) in a read-only field,
 * with a button that copies it and says so. */
export function CopyValue({ label, value }: { label: string; value: string }) {
  const t = useT();
  const [copied, setCopied] = useState("");
  return (
    <div className={own.copy}>
      <Textfield label={label} readOnly value={value} onFocus={(e) => e.target.select()} className={own.field} />
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => setCopied(t("common.copied")),
            () => setCopied(t("common.copyFailed")),
          )
        }
      >
        {t("common.copy")}
      </Button>
      <p role="status" className={own.copied}>
        {copied}
      </p>
    </div>
  );
}
