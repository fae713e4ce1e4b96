import { Field, Label, Select, ValidationMessage } from "@digdir/designsystemet-react";
import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

/** A labelled native select with its validation message, built from Designsystemet parts. */
export function SelectField({
  label,
  error,
  children,
  id: givenId,
  ...rest
}: { label: ReactNode; error?: ReactNode; children: ReactNode } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "multiple" | "size"
>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        aria-invalid={error ? true : undefined}
        {...rest}
      >
        {children}
      </Select>
      {/* Designsystemet's Field links the message to the select itself. */}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}
