import { getAll, request } from '../../lib/api.ts';

export interface Shift {
  id: string;
  kind: 'warehouse' | 'packing' | 'driving' | 'point';
  start: string;
  end: string;
  needed: number;
  signedUp: number;
  short: number;
  signedUpByMe: boolean;
  cancelled: boolean;
  note?: string;
}

export interface Notice {
  id: string;
  title: string;
  body: string;
  read: boolean;
  createdAt: string;
}

/** The shifts of the next two weeks: mine and those I could take. */
export const loadShifts = () => getAll<Shift>('/shifts').then((r) => (r.status === 200 ? (r.body as { items: Shift[] }).items : []));
export const loadNotices = () => request<{ items: Notice[]; unread: number }>('GET', '/me/notifications').then((r) => (r.status === 200 ? r.body : { items: [], unread: 0 }));
