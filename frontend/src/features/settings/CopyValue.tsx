import { Button, Textfield } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useT } from "../../i18n";
import own from "./settings.module.css";

/** A value shown once (a secret, a feed's address) in a read-only field, with a button that copies it and says so. */
export function CopyValue({ label, value }: { label: string; value: string }) {
  const t = useT();
  const [copied, setCopied] = useState("");
  return (
    <div className={own.copy}>
      <Textfield
        label={label}
        readOnly
        value={value}
        onFocus={(e) => e.target.select()}
        className={own.copyField}
      />
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => setCopied(t("settings.copy.done")),
            () => setCopied(t("settings.copy.failed")),
          )
        }
      >
        {t("settings.copy.button")}
      </Button>
      <p role="status" className={own.copied}>
        {copied}
      </p>
    </div>
  );
}
