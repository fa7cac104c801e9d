import type { ReactNode } from 'react';
import { MainNav } from './main-nav.tsx';
import { useSearchShortcut } from './search-shortcut.ts';
import { SignedInUser } from './signed-in-user.tsx';
import { SolarisStatusIndicator } from './solaris-status.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  useSearchShortcut();
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="fixed top-2 left-2 z-50 -translate-y-20 rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow-md ring-1 ring-zinc-200 focus:translate-y-0"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-zinc-200 bg-white">
        <div className="flex h-12 items-center gap-2 border-b border-zinc-200 px-4">
          <img src="/favicon.svg" alt="" className="size-5" />
          <span className="text-sm font-semibold tracking-tight text-zinc-900">Identdesk</span>
          <SolarisStatusIndicator />
        </div>
        <MainNav />
        <SignedInUser />
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1">
        <div className="mx-auto max-w-6xl px-8 py-6">{children}</div>
      </main>
    </div>
  );
}
