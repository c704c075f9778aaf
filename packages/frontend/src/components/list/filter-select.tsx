import type * as React from "react";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";

type FilterSelectProps = Omit<React.ComponentProps<typeof NativeSelect>, "onChange" | "children"> & {
  /** The select's accessible name ("Role", "Status"). */
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onValueChange: (value: string) => void;
};

/** One of a list's filters: the platform's select, so keyboards, screen readers and phones all know it. */
function FilterSelect({ label, value, options, onValueChange, ...props }: FilterSelectProps) {
  return (
    <NativeSelect aria-label={label} value={value} onChange={(event) => onValueChange(event.target.value)} {...props}>
      {options.map((option) => (
        <NativeSelectOption key={option.value} value={option.value}>
          {option.label}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  );
}

export { FilterSelect };
