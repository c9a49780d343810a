// GET /api/v1/reports/summary (registered under the prefix /api/v1/reports) — supervisors (their region) and admins: the figures of
// shared/reports over every station in scope, computed by the same pure function the
// stations' own screens use.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { buildReport } from '../../shared/reports/index.ts';
import { callerOf } from '../context.ts';
import type { Queryable } from '../db/types.ts';
import { errorBodySchema, httpError } from '../http/errors.ts';
import { authenticate, requireRole } from '../plugins/authenticate.ts';
import { currentSlaConfig } from '../settings/sla.ts';
import { loadReportInput, reportStations } from './load.ts';
import { summaryQuery, summaryResponse } from './schemas.ts';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** A year and a bit: longer windows belong in an offline export, not an interactive request. */
export const MAX_REPORT_DAYS = 400;

/** 00:00 Beijing time of a YYYY-MM-DD date, as epoch ms; NaN when it is not a real date. */
export function beijingDayStart(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return Number.NaN;
  return ms - BEIJING_OFFSET_MS;
}

async function names(
  db: Queryable,
  keys: readonly string[],
  groupBy: string,
): Promise<Record<string, string>> {
  if (keys.length === 0 || (groupBy !== 'station' && groupBy !== 'clerk')) return {};
  const { rows } = await db.query<{ key: string; name: string }>(
    groupBy === 'station'
      ? `SELECT code AS key, name FROM stations WHERE code = ANY($1::text[])`
      : `SELECT id AS key, display_name AS name FROM staff WHERE id = ANY($1::text[])`,
    [keys],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.name]));
}

const reportRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/summary',
    {
      preHandler: [authenticate, requireRole('supervisor', 'admin')],
      schema: {
        querystring: summaryQuery,
        response: {
          200: summaryResponse,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { from, to, groupBy, stationId } = request.query;
      const start = beijingDayStart(from);
      const lastDay = beijingDayStart(to);
      if (Number.isNaN(start) || Number.isNaN(lastDay)) {
        throw httpError(
          400,
          'REPORT_DATE_INVALID',
          '日期不正确',
          'Invalid date',
          Number.isNaN(start) ? 'from' : 'to',
        );
      }
      const end = lastDay + DAY_MS;
      if (end <= start) {
        throw httpError(
          400,
          'REPORT_RANGE_INVALID',
          '结束日期不能早于开始日期',
          'The end date is before the start date',
          'to',
        );
      }
      if (end - start > MAX_REPORT_DAYS * DAY_MS) {
        throw httpError(
          400,
          'REPORT_RANGE_TOO_LONG',
          `统计区间不能超过 ${MAX_REPORT_DAYS} 天`,
          `At most ${MAX_REPORT_DAYS} days per report`,
          'to',
        );
      }
      const { scope } = callerOf(request);
      const stations = reportStations(scope, stationId);
      if (stationId && stations !== null && stations.length === 0) {
        throw httpError(
          403,
          'REPORT_STATION_OUT_OF_SCOPE',
          '无权查看该网点的报表',
          'That station is outside your region',
          'stationId',
        );
      }
      const [input, sla] = await Promise.all([
        loadReportInput(fastify.db, start, end, stations),
        currentSlaConfig(fastify.db),
      ]);
      const report = buildReport(input, { from: start, to: end, groupBy, now: Date.now(), sla });
      return {
        ...report,
        rows: [...report.rows],
        names: await names(
          fastify.db,
          report.rows.map((r) => r.key).filter((k) => k !== ''),
          groupBy,
        ),
        stations: stations === null ? [] : [...stations],
      };
    },
  );
};

export default reportRoutes;
