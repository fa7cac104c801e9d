import type { LinkProps } from '@tanstack/react-router';
import { Activity, ChartColumn, ClipboardCheck, ScrollText, Search, Webhook, type LucideIcon } from 'lucide-react';

export interface Section {
  label: string;
  to: LinkProps['to'];
  icon: LucideIcon;
  /** Who it is for, shown as the link's tooltip. */
  description: string;
}

/** The sections of the console, in navigation order. */
export const WORK_SECTIONS: Section[] = [
  { label: 'Search', to: '/', icon: Search, description: 'Find a customer and their identifications' },
  { label: 'Metrics', to: '/metrics', icon: ChartColumn, description: 'Identification funnel and outcomes over time' },
  { label: 'Compliance', to: '/compliance', icon: ClipboardCheck, description: 'Four-eyes review queues' },
  { label: 'Audit', to: '/audit', icon: ScrollText, description: 'Who saw and changed what, and when' },
];

export const SYSTEM_SECTIONS: Section[] = [
  { label: 'System status', to: '/status', icon: Activity, description: 'Database, counts and webhook activity' },
  { label: 'Webhooks', to: '/admin/webhooks', icon: Webhook, description: 'Solaris deliveries that failed, with replay (admins)' },
];
