// Roles and what each may see or do. The server enforces scope; this only shapes the UI.
import type { Route } from '../stores/navigation.ts';

export const STAFF_ROLES = ['clerk', 'van', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Menu entries per role, in display order. */
export const MENU_BY_ROLE: Record<StaffRole, readonly Route[]> = {
  clerk: [
    'intake',
    'vehicle',
    'records',
    'handover',
    'sorting',
    'promises',
    'work-orders',
    'enquiry',
    'sync-issues',
    'settings',
  ],
  van: [
    'van-start',
    'intake',
    'vehicle',
    'records',
    'handover',
    'work-orders',
    'van-end',
    'sync-issues',
    'settings',
  ],
  supervisor: [
    'intake',
    'vehicle',
    'records',
    'handover',
    'sorting',
    'promises',
    'work-orders',
    'enquiry',
    'reports',
    'sync-issues',
    'van-start',
    'van-end',
    'settings',
  ],
  admin: [
    'records',
    'reports',
    'handover',
    'sorting',
    'promises',
    'work-orders',
    'enquiry',
    'sync-issues',
    'settings',
    'intake',
    'vehicle',
    'van-start',
    'van-end',
  ],
};

export type Permission =
  'revealIdNumber' | 'discardSyncIssue' | 'voidWaybill' | 'editRecord' | 'editDeviceSettings';

const PERMISSIONS: Record<Permission, readonly StaffRole[]> = {
  // PIPL: ID numbers are sensitive; only supervisors and admins may see them in full.
  revealIdNumber: ['supervisor', 'admin'],
  discardSyncIssue: ['supervisor', 'admin'],
  voidWaybill: ['clerk', 'van', 'supervisor', 'admin'],
  editRecord: ['clerk', 'van', 'supervisor', 'admin'],
  editDeviceSettings: ['supervisor', 'admin'],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return PERMISSIONS[permission].includes(role);
}

export function homeRoute(role: StaffRole): Route {
  return MENU_BY_ROLE[role][0] ?? 'records';
}
