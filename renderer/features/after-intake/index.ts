// The after-intake screens for the shell: routes (path, title key in the 'afterIntake'
// namespace, roles allowed, element) and the i18n bundles. The lead wires these into the app
// shell's navigation; call registerAfterIntakeI18n() once after i18next is initialised.
import { Spin } from 'antd';
import { createElement, lazy, Suspense, type ReactElement } from 'react';
import type { StaffRole } from '../../app/roles.ts';
import { HandoverPage } from './handover/HandoverPage.tsx';
import { SortingPage } from './sorting/SortingPage.tsx';
import { PromisesPage } from './promises/PromisesPage.tsx';
import { WorkOrdersPage } from './work-orders/WorkOrdersPage.tsx';
import { EnquiryPage } from './enquiry/EnquiryPage.tsx';

export { afterIntakeResources, registerAfterIntakeI18n, AFTER_INTAKE_NS } from './i18n/index.ts';
export { RaiseWorkOrderModal } from './work-orders/RaiseWorkOrderModal.tsx';
export { refreshCalendar } from './data/calendar.ts';

export interface AfterIntakeRoute {
  /** Hash path segment, e.g. 'handover' → #/handover. */
  readonly path: 'handover' | 'sorting' | 'promises' | 'work-orders' | 'enquiry' | 'reports';
  /** i18next key with namespace, e.g. 'afterIntake:nav.handover'. */
  readonly titleKey: string;
  readonly roles: readonly StaffRole[];
  readonly element: ReactElement;
}

// Reports (ECharts, the spreadsheet writer) are a supervisor's screen: loaded on first visit
// so a clerk's window starts without them.
const ReportsPage = lazy(() =>
  import('./reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })),
);
const reportsElement = createElement(
  Suspense,
  { fallback: createElement(Spin, { size: 'large' }) },
  createElement(ReportsPage),
);

const everyone: readonly StaffRole[] = ['clerk', 'van', 'supervisor', 'admin'];
const office: readonly StaffRole[] = ['clerk', 'supervisor', 'admin'];

export const afterIntakeRoutes: readonly AfterIntakeRoute[] = [
  {
    path: 'handover',
    titleKey: 'afterIntake:nav.handover',
    roles: everyone,
    element: createElement(HandoverPage),
  },
  {
    path: 'sorting',
    titleKey: 'afterIntake:nav.sorting',
    roles: office,
    element: createElement(SortingPage),
  },
  {
    path: 'promises',
    titleKey: 'afterIntake:nav.promises',
    roles: office,
    element: createElement(PromisesPage),
  },
  {
    path: 'work-orders',
    titleKey: 'afterIntake:nav.workOrders',
    roles: everyone,
    element: createElement(WorkOrdersPage),
  },
  {
    path: 'enquiry',
    titleKey: 'afterIntake:nav.enquiry',
    roles: office,
    element: createElement(EnquiryPage),
  },
  {
    path: 'reports',
    titleKey: 'afterIntake:nav.reports',
    roles: ['supervisor', 'admin'],
    element: reportsElement,
  },
];
