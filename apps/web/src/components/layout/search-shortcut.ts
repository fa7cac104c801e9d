import { useQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import { SEARCH_ROLES } from './search-roles.ts';

/** The search page's one box; the `/` shortcut focuses it from anywhere. */
export const SEARCH_BOX_ID = 'customer-search';

/** Typing into these must never be taken for a shortcut. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [role="textbox"], [role="combobox"], [role="menu"], [role="dialog"]') !== null;
}

function focusSearchBox(): boolean {
  const box = document.getElementById(SEARCH_BOX_ID);
  if (!(box instanceof HTMLInputElement)) return false;
  box.focus();
  box.select();
  return true;
}

/**
 * `/` from anywhere in the console: to the search page with the cursor in its box (GitHub, Gmail
 * and most consoles agents already use do the same). Only for roles that search customers, and
 * never while typing, in a dialog or with a modifier held.
 */
export function useSearchShortcut() {
  const trpc = useTRPC();
  const role = useQuery(trpc.auth.me.queryOptions()).data?.user?.role;
  const router = useRouter();
  const enabled = role !== undefined && SEARCH_ROLES.includes(role);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      if (router.state.location.pathname === '/' && focusSearchBox()) return;
      // The search page focuses its box when it mounts.
      void router.navigate({ to: '/' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, router]);
}
