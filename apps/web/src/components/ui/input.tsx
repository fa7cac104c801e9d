import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

/** The look of every single-line control (text, date, select), so a form reads as one. */
export const controlClasses =
  'h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClasses, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(controlClasses, 'h-auto min-h-16 py-1.5 leading-snug', className)} {...props} />;
}

/** What a control inside {@link FormField} must carry to be named, described and marked invalid. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  'aria-required': true | undefined;
}

export interface FormFieldProps {
  label: ReactNode;
  /** Under the control: what to enter (format, limits). */
  hint?: ReactNode;
  /** The refusal in words (the field's rule), from the browser's own check or the server. */
  error?: string | null;
  /** A second line that is neither hint nor error: e.g. "counts until …" once a value is valid. */
  status?: ReactNode;
  required?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A label, a control, its hint and its error, wired together: the label names the control, hint
 * and error describe it, and an error marks it invalid, so assistive technology reads the rule
 * that was broken when the control gets focus.
 */
export function FormField({ label, hint, error, status, required, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const describedBy = [error ? errorId : null, status ? statusId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-700">
        {label}
        {required ? (
          <span className="ml-0.5 text-zinc-400" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
        'aria-required': required ? true : undefined,
      })}
      {error ? (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {status && !error ? (
        <p id={statusId} className="mt-1 text-xs text-emerald-800">
          {status}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
