import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn.ts';
import { controlClasses } from './input.tsx';

export interface DateInputProps extends Omit<ComponentProps<'input'>, 'type' | 'value' | 'onChange'> {
  /** A calendar day, YYYY-MM-DD, or '' for none. */
  value: string;
  /** Called with YYYY-MM-DD once the day is complete, or '' when it is cleared or incomplete. */
  onValueChange: (value: string) => void;
}

/**
 * A calendar day. The browser's own date control: typed digit by digit in the viewer's locale
 * (dd/mm/yyyy in en-GB) or picked from its calendar, keyboard-accessible, and always handing back
 * an ISO day, so no date format of ours can be misread.
 */
export function DateInput({ value, onValueChange, className, ...props }: DateInputProps) {
  return (
    <input
      type="date"
      value={value}
      onChange={(event) => onValueChange(event.currentTarget.value)}
      className={cn(controlClasses, 'tabular', className)}
      {...props}
    />
  );
}
