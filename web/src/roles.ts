import type { ComponentType } from 'preact';
import type { Dict } from './i18n/fi.ts';
import type { Role } from './lib/session.ts';

/**
 * The screens of each role, as the start screen lists them: one tap opens a screen, loaded
 * only then (each feature is its own chunk). A role's screens live in `features/<role>/`;
 * adding one is a folder there and a line here.
 */
export interface Screen {
  id: string;
  label: (t: Dict) => string;
  load: () => Promise<{ default: ComponentType }>;
}

/** Every volunteer's own screens: shifts, messages and their own details. */
const shifts: Screen = { id: 'shifts', label: (t) => t.menu.shifts, load: () => import('./features/volunteer/shifts.tsx') };
const notifications: Screen = { id: 'notifications', label: (t) => t.menu.notifications, load: () => import('./features/volunteer/notifications.tsx') };
const me: Screen = { id: 'me', label: (t) => t.menu.me, load: () => import('./features/volunteer/my-details.tsx') };
/** A unit's own-check temperature records (and their CSV), for the warehouse and coordinators alike. */
const readings: Screen = { id: 'readings', label: (t) => t.menu.readings, load: () => import('./features/warehouse/readings.tsx') };
/** Temperature alerts with what they hold and "Kuittaa poikkeama": coordinators are told of every alert, so they can act on it too. */
const alerts: Screen = { id: 'alerts', label: (t) => t.menu.alerts, load: () => import('./features/warehouse/alerts.tsx') };

export const SCREENS: Record<Role, Screen[]> = {
  warehouse: [
    { id: 'intake', label: (t) => t.menu.intake, load: () => import('./features/warehouse/intake.tsx') },
    { id: 'temperatures', label: (t) => t.menu.temperatures, load: () => import('./features/warehouse/temperatures.tsx') },
    { id: 'stock', label: (t) => t.menu.stock, load: () => import('./features/warehouse/stock.tsx') },
    { id: 'packing', label: (t) => t.menu.packing, load: () => import('./features/warehouse/packing.tsx') },
    alerts, readings, shifts, notifications, me,
  ],
  point_lead: [
    { id: 'reserve', label: (t) => t.menu.reserve, load: () => import('./features/point/reserve.tsx') },
    { id: 'reservations', label: (t) => t.menu.reservations, load: () => import('./features/point/reservations.tsx') },
    { id: 'households', label: (t) => t.menu.households, load: () => import('./features/point/distribution.tsx') },
    { id: 'recalls', label: (t) => t.menu.recalls, load: () => import('./features/point/recalls.tsx') },
    shifts, notifications, me,
  ],
  driver: [
    { id: 'route', label: (t) => t.menu.route, load: () => import('./features/driver/route.tsx') },
    shifts, notifications, me,
  ],
  coordinator: [
    { id: 'routes', label: (t) => t.menu.routes, load: () => import('./features/coordinator/plan.tsx') },
    { id: 'reports', label: (t) => t.menu.reports, load: () => import('./features/coordinator/reports.tsx') },
    { id: 'master', label: (t) => t.menu.master, load: () => import('./features/coordinator/master.tsx') },
    { id: 'roster', label: (t) => t.menu.roster, load: () => import('./features/coordinator/roster.tsx') },
    { id: 'shift-plan', label: (t) => t.menu.shiftPlan, load: () => import('./features/coordinator/shift-plan.tsx') },
    { id: 'failed-messages', label: (t) => t.menu.failedMessages, load: () => import('./features/coordinator/failed-messages.tsx') },
    { id: 'organisations', label: (t) => t.menu.organisations, load: () => import('./features/coordinator/organisations.tsx') },
    { id: 'recalls', label: (t) => t.menu.recalls, load: () => import('./features/coordinator/recalls.tsx') },
    { id: 'offers', label: (t) => t.menu.offers, load: () => import('./features/coordinator/offers.tsx') },
    alerts, readings, notifications, me,
  ],
  /** A donor has one page, opened from its link (`/app/lahjoittaja`, see app.tsx). */
  donor: [],
};
