import { Button, Textfield } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useI18n } from "../../i18n";
import own from "./ideas.module.css";

/** A full address in a read-only field, with a button that copies it and says so. */
export function CopyAddress({ label, address }: { label: string; address: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState("");
  return (
    <div className={own.copy}>
      <Textfield label={label} readOnly value={address} onFocus={(e) => e.target.select()} className={own.address} />
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(address).then(
            () => setCopied(t("ideas.copy.done")),
            () => setCopied(t("ideas.copy.failed")),
          )
        }
      >
        {t("ideas.copy.button")}
      </Button>
      <p role="status" className={own.copied}>
        {copied}
      </p>
    </div>
  );
}
