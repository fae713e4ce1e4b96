import { Textfield } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";

/**
 * A period's two dates side by side, each with its label and the API's objection to it (an end
 * before the start is refused by the API and shown at the end date). `fields` names the two
 * values, `starts_on` and `ends_on` unless a record calls them otherwise; `className` is the
 * form's row, so that the pair wraps as the form's other rows do.
 */
export function PeriodFields<K extends string = "starts_on" | "ends_on">({
  fields = ["starts_on", "ends_on"] as [K, K],
  values,
  labels,
  errors,
  onChange,
  className,
}: {
  fields?: [K, K];
  values: Record<NoInfer<K>, string>;
  labels: Record<NoInfer<K>, ReactNode>;
  errors: Partial<Record<string, ReactNode>>;
  onChange: (change: Partial<Record<NoInfer<K>, string>>) => void;
  className: string;
}) {
  return (
    <div className={className}>
      {fields.map((field) => (
        <Textfield
          key={field}
          label={labels[field]}
          type="date"
          value={values[field]}
          onChange={(e) => onChange({ [field]: e.target.value } as Partial<Record<K, string>>)}
          error={errors[field]}
        />
      ))}
    </div>
  );
}
