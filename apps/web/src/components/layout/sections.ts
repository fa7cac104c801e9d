import type { Role } from '@identdesk/domain';
import type { LinkProps } from '@tanstack/react-router';
import { Activity, ChartColumn, ClipboardCheck, ScrollText, Search, Webhook, type LucideIcon } from 'lucide-react';
import { SECTION_ROLES } from '../../lib/auth.ts';

export interface Section {
  label: string;
  to: LinkProps['to'];
  icon: LucideIcon;
  /** Who it is for, shown as the link's tooltip. */
  description: string;
  /** The roles that use it: navigation shows a role only its sections. */
  roles: readonly Role[];
  /** A key that opens it from anywhere, shown beside the label. */
  shortcut?: string;
}

/** The sections of the console, in navigation order. */
export const WORK_SECTIONS: Section[] = [
  {
    label: 'Search',
    to: '/',
    icon: Search,
    description: 'Find a customer and their identifications (press / anywhere)',
    roles: SECTION_ROLES['/'],
    shortcut: '/',
  },
  {
    label: 'Metrics',
    to: '/metrics',
    icon: ChartColumn,
    description: 'Identification funnel and outcomes over time',
    roles: SECTION_ROLES['/metrics'],
  },
  { label: 'Compliance', to: '/compliance', icon: ClipboardCheck, description: 'Four-eyes review queues', roles: SECTION_ROLES['/compliance'] },
  { label: 'Audit', to: '/audit', icon: ScrollText, description: 'Who saw and changed what, and when', roles: SECTION_ROLES['/audit'] },
];

export const SYSTEM_SECTIONS: Section[] = [
  {
    label: 'System status',
    to: '/status',
    icon: Activity,
    description: 'Database, counts and webhook activity',
    roles: SECTION_ROLES['/status'],
  },
  {
    label: 'Webhooks',
    to: '/admin/webhooks',
    icon: Webhook,
    description: 'Solaris deliveries that failed, with replay (admins)',
    roles: SECTION_ROLES['/admin'],
  },
];
