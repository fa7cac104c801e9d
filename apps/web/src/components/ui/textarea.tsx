import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { FormField, Textarea } from './input.tsx';

export interface TextareaFieldProps extends Omit<ComponentProps<'textarea'>, 'id' | 'value' | 'onChange'> {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  /** Under the field: what to write and why it is needed. */
  hint?: ReactNode;
  /** The rule that was broken, from the browser's check or the server's fieldErrors. */
  error?: string | null;
  /** Counted characters (trimmed, as the server counts them); the counter shows once typing starts. */
  minLength?: number;
  maxLength?: number;
  className?: string;
}

/**
 * A labelled multi-line field for notes and reasons: the label names it, hint and error describe
 * it, and a counter says how much more (or less) the rule wants, so nobody learns the limits from
 * a refusal.
 */
export function TextareaField({
  label,
  value,
  onValueChange,
  hint,
  error,
  minLength,
  maxLength,
  required,
  rows = 3,
  className,
  ...textarea
}: TextareaFieldProps) {
  const length = value.trim().length;
  const counter =
    value.length === 0
      ? null
      : minLength !== undefined && length < minLength
        ? `${minLength - length} more character${minLength - length === 1 ? '' : 's'} needed`
        : maxLength !== undefined
          ? `${length} / ${maxLength}`
          : null;
  return (
    <FormField label={label} hint={hint} error={error} required={required} className={className}>
      {(control) => (
        <>
          <Textarea
            {...control}
            {...textarea}
            rows={rows}
            value={value}
            required={required}
            maxLength={maxLength}
            onChange={(event) => onValueChange(event.target.value)}
            className="resize-y"
          />
          {counter ? (
            <p aria-live="polite" className={cn('mt-1 text-right text-xs text-zinc-500 tabular')}>
              {counter}
            </p>
          ) : null}
        </>
      )}
    </FormField>
  );
}
