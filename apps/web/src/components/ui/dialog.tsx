import { X } from 'lucide-react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export interface DialogContentProps {
  /** Names the dialog: read out when it opens, shown as its heading. */
  title: ReactNode;
  /** One or two sentences on what the dialog does and what follows from it. */
  description?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
  /** Where focus goes on open, when not the first focusable element (e.g. the field to fill). */
  onOpenAutoFocus?: (event: Event) => void;
  children: ReactNode;
}

const widths = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-3xl' } as const;

/**
 * A modal dialog (Radix): focus is trapped inside and returns to the trigger on close, Escape and
 * the close button dismiss it, and the page behind is inert. Keep it to one decision or one form.
 */
export function DialogContent({ title, description, size = 'md', className, onOpenAutoFocus, children }: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-zinc-950/30" />
      <DialogPrimitive.Content
        onOpenAutoFocus={onOpenAutoFocus}
        // Without a description Radix warns unless told there is none on purpose.
        {...(description ? {} : { 'aria-describedby': undefined })}
        className={cn(
          'fixed top-[12vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100vw-2rem)] -translate-x-1/2 flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xl focus:outline-none',
          widths[size],
          className,
        )}
      >
        <header className="flex items-start justify-between gap-4 border-b border-zinc-200 px-4 py-3">
          <div className="min-w-0">
            <DialogPrimitive.Title className="text-sm font-semibold text-zinc-900">{title}</DialogPrimitive.Title>
            {description ? (
              <DialogPrimitive.Description className="mt-0.5 text-xs text-pretty text-zinc-500">{description}</DialogPrimitive.Description>
            ) : null}
          </div>
          <DialogPrimitive.Close
            aria-label="Close"
            className="-mr-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
          >
            <X aria-hidden="true" className="size-4" />
          </DialogPrimitive.Close>
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

/** The dialog's body, padded; put fields and facts here. */
export function DialogBody({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn('space-y-4 px-4 py-4', className)}>{children}</div>;
}

/** The actions at the bottom: the main action last (right), "Cancel" before it. */
export function DialogFooter({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <footer className={cn('flex items-center justify-end gap-2 border-t border-zinc-200 bg-zinc-50/80 px-4 py-3', className)}>
      {children}
    </footer>
  );
}
