import { Field, Label, Select, ValidationMessage } from "@digdir/designsystemet-react";
import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

/** A labelled native select with its validation message, built from Designsystemet parts. */
export function SelectField({
  label,
  error,
  children,
  ...rest
}: { label: ReactNode; error?: ReactNode; children: ReactNode } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "multiple" | "size"
>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...rest}
      >
        {children}
      </Select>
      {error && <ValidationMessage id={errorId}>{error}</ValidationMessage>}
    </Field>
  );
}
