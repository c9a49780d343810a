// TypeBox schemas of the report route: the query and the Report shape of shared/reports.
import { Type, type Static } from '@sinclair/typebox';
import { REPORT_GROUPINGS } from '../../shared/reports/index.ts';

const civilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const summaryQuery = Type.Object(
  {
    /** First day, Beijing time, inclusive. */
    from: civilDate,
    /** Last day, Beijing time, inclusive. */
    to: civilDate,
    groupBy: Type.Union(REPORT_GROUPINGS.map((g) => Type.Literal(g))),
    /** Narrow to one station of the caller's scope. */
    stationId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9_-]+$' }),
    ),
  },
  { additionalProperties: false },
);
export type SummaryQuery = Static<typeof summaryQuery>;

const counts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }));
const ratio = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

const figures = Type.Object({
  applications: Type.Integer(),
  byBusiness: counts,
  mailed: Type.Integer(),
  declined: Type.Integer(),
  mailConversionRate: ratio,
  declineReasons: counts,
  promises: Type.Object({
    met: Type.Integer(),
    missed: Type.Integer(),
    overdue: Type.Integer(),
    atRisk: Type.Integer(),
    onTime: Type.Integer(),
    notStarted: Type.Integer(),
    compliance: ratio,
    refundsDue: Type.Integer(),
  }),
  exceptions: Type.Object({
    raised: Type.Integer(),
    byKind: counts,
    resolved: Type.Integer(),
    overdue: Type.Integer(),
  }),
  labels: Type.Object({
    printed: Type.Integer(),
    reprinted: Type.Integer(),
    voided: Type.Integer(),
  }),
});

export const summaryResponse = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  groupBy: Type.String(),
  generatedAt: Type.Integer(),
  rows: Type.Array(Type.Object({ key: Type.String(), figures })),
  total: figures,
  /** Display names of station codes and staff ids that appear as keys. */
  names: Type.Record(Type.String(), Type.String()),
  stations: Type.Array(Type.String()),
});
