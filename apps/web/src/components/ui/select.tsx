import { Check, ChevronDown } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { controlClasses } from './input.tsx';

/** A native select: the platform's keyboard and screen-reader behaviour, the house look. */
export function Select({ className, children, ...props }: ComponentProps<'select'>) {
  return (
    <select className={cn(controlClasses, 'pr-8', className)} {...props}>
      {children}
    </select>
  );
}

export interface MultiSelectOption<TValue extends string> {
  value: TValue;
  label: string;
  /** Shown beside the label in the list, e.g. a status badge. */
  adornment?: ReactNode;
}

export interface MultiSelectProps<TValue extends string> {
  /** Names the control: "Identification status". */
  label: string;
  options: readonly MultiSelectOption<TValue>[];
  selected: readonly TValue[];
  onChange: (selected: TValue[]) => void;
  /** What the button says with nothing selected: "Any status". */
  placeholder: string;
  /** So a `<label htmlFor>` (FormField) points at the button. */
  id?: string;
  className?: string;
}

/**
 * Several values from a short list: a button that opens a menu of checkable items (arrow keys
 * move, Space or Enter toggles, Escape closes). The menu stays open while toggling, so several
 * values are picked in one go; the list keeps the options' order, not the order of clicks.
 */
export function MultiSelect<TValue extends string>({
  label,
  options,
  selected,
  onChange,
  placeholder,
  id,
  className,
}: MultiSelectProps<TValue>) {
  const chosen = options.filter((option) => selected.includes(option.value));
  const summary =
    chosen.length === 0 ? placeholder : chosen.length === 1 ? (chosen[0]?.label ?? placeholder) : `${chosen.length} selected`;
  const toggle = (value: TValue, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((candidate) => next.has(candidate)));
  };

  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        id={id}
        aria-label={`${label}: ${summary}`}
        className={cn(controlClasses, 'flex items-center justify-between gap-2 text-left', className)}
      >
        <span className={cn('truncate', chosen.length === 0 && 'text-zinc-500')}>{summary}</span>
        <ChevronDown aria-hidden="true" className="size-4 shrink-0 text-zinc-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          aria-label={label}
          className="z-50 min-w-56 rounded-md border border-zinc-200 bg-white p-1 text-sm shadow-lg"
        >
          {options.map((option) => (
            <DropdownMenu.CheckboxItem
              key={option.value}
              checked={selected.includes(option.value)}
              onCheckedChange={(checked) => toggle(option.value, checked === true)}
              // Keeps the menu open so several values can be picked in a row.
              onSelect={(event) => event.preventDefault()}
              className="flex h-8 cursor-pointer items-center gap-2 rounded px-2 text-zinc-800 outline-none select-none data-[highlighted]:bg-zinc-100"
            >
              <span
                aria-hidden="true"
                className="flex size-4 shrink-0 items-center justify-center rounded border border-zinc-300 bg-white data-[checked=true]:border-accent-600 data-[checked=true]:bg-accent-600"
                data-checked={selected.includes(option.value)}
              >
                <DropdownMenu.ItemIndicator>
                  <Check className="size-3 text-white" strokeWidth={3} />
                </DropdownMenu.ItemIndicator>
              </span>
              {option.adornment ?? option.label}
            </DropdownMenu.CheckboxItem>
          ))}
          {chosen.length > 0 ? (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
              <DropdownMenu.Item
                onSelect={() => onChange([])}
                className="flex h-8 cursor-pointer items-center rounded px-2 text-zinc-600 outline-none select-none data-[highlighted]:bg-zinc-100"
              >
                Clear selection
              </DropdownMenu.Item>
            </>
          ) : null}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
