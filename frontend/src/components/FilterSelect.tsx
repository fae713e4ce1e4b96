import { useT } from "../i18n";
import { SelectField } from "./SelectField";

export interface FilterOption {
  value: string;
  label: string;
}

/** A list filter: "all" (the empty value, no filter) or one of the options. */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  options: readonly FilterOption[];
}) {
  const t = useT();
  return (
    <SelectField label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t("common.all")}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
