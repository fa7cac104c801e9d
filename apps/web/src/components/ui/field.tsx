import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

const control =
  'h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm shadow-xs placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:bg-zinc-100 aria-invalid:border-red-500';

interface FieldChrome {
  label: string;
  /** Under the control: what to enter, or why it is disabled. */
  hint?: ReactNode;
  className?: string;
}

function FieldFrame({ label, hint, id, hintId, className, children }: FieldChrome & { id: string; hintId: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input; the label names it for assistive technology and tests. */
export function TextField({ label, hint, className, ...input }: FieldChrome & Omit<ComponentProps<'input'>, 'id'>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <FieldFrame label={label} hint={hint} id={id} hintId={hintId} className={className}>
      <input id={id} aria-describedby={hint ? hintId : undefined} className={control} {...input} />
    </FieldFrame>
  );
}

/** A labelled native select: keyboard and screen readers work as everywhere. */
export function SelectField({ label, hint, className, children, ...select }: FieldChrome & Omit<ComponentProps<'select'>, 'id'>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <FieldFrame label={label} hint={hint} id={id} hintId={hintId} className={className}>
      <select id={id} aria-describedby={hint ? hintId : undefined} className={cn(control, 'pr-8')} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}
