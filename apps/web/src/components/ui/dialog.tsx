import { X } from 'lucide-react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import { useEffect, useState, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

// How many dialogs are open; the app behind stays inert until the last one closes.
let openDialogs = 0;

/** While `active`, everything but the dialogs (portalled to <body>) is inert: not focusable, not clickable, not read. */
function useInertApp(active: boolean) {
  useEffect(() => {
    const app = document.getElementById('root');
    if (!active || !app) return;
    openDialogs += 1;
    app.inert = true;
    return () => {
      openDialogs -= 1;
      if (openDialogs === 0) app.inert = false;
    };
  }, [active]);
}

export interface DialogProps {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  children: ReactNode;
}

/**
 * A dialog that behaves as a modal one. Radix's modal mode locks scrolling with an injected
 * <style> element, which the console's Content-Security-Policy (style-src 'self') refuses; so the
 * dialog is non-modal for Radix, and the app behind it is made inert instead, which keeps focus,
 * clicks and screen readers inside the dialog just the same.
 */
export function Dialog({ open: openProp, defaultOpen = false, onOpenChange, children }: DialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(defaultOpen);
  const open = openProp ?? uncontrolledOpen;
  useInertApp(open);
  return (
    <DialogPrimitive.Root
      modal={false}
      open={open}
      onOpenChange={(next) => {
        if (openProp === undefined) setUncontrolledOpen(next);
        onOpenChange?.(next);
      }}
    >
      {children}
    </DialogPrimitive.Root>
  );
}

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
 * The dialog's window: title, optional description, a close button; focus returns to the trigger
 * on close, Escape and the close button dismiss it. Keep it to one decision or one form.
 */
export function DialogContent({ title, description, size = 'md', className, onOpenAutoFocus, children }: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <div aria-hidden="true" className="fixed inset-0 z-40 bg-zinc-950/30" />
      <DialogPrimitive.Content
        aria-modal="true"
        onOpenAutoFocus={onOpenAutoFocus}
        // A click beside the dialog must not throw away what was typed; Escape and Cancel close it.
        onInteractOutside={(event) => event.preventDefault()}
        // Without a description Radix warns unless told there is none on purpose.
        {...(description ? {} : { 'aria-describedby': undefined })}
        className={cn(
          'fixed top-[12vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100vw-2rem)] -translate-x-1/2 flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xl focus:outline-none',
          widths[size],
          className,
        )}
      >
        <header className="border-b border-zinc-200 py-3 pr-12 pl-4">
          <DialogPrimitive.Title className="text-sm font-semibold text-zinc-900">{title}</DialogPrimitive.Title>
          {description ? (
            <DialogPrimitive.Description className="mt-0.5 text-xs text-pretty text-zinc-500">{description}</DialogPrimitive.Description>
          ) : null}
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
        {/* Last in the DOM, first on screen: focus opens on the dialog's first field, not on "Close". */}
        <DialogPrimitive.Close
          aria-label="Close"
          className="absolute top-2.5 right-3 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
        >
          <X aria-hidden="true" className="size-4" />
        </DialogPrimitive.Close>
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
