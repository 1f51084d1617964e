import type { ComponentPropsWithRef } from 'react';
import { FieldShell, type FieldProps } from './Field';

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
}

export type SelectProps<V extends string = string> = FieldProps &
  Omit<ComponentPropsWithRef<'select'>, 'id' | 'className' | 'children'> & {
    options: readonly SelectOption<V>[];
  };

/** A labelled native select (keyboard and screen-reader behaviour for free), wired like TextField. */
export function Select<V extends string = string>({
  label,
  hint,
  error,
  hideLabel,
  id,
  className,
  options,
  ...select
}: SelectProps<V>) {
  return (
    <FieldShell
      {...{ label, hint, error, hideLabel, id, className }}
      render={(aria) => (
        <select className="field__control" {...select} {...aria}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
