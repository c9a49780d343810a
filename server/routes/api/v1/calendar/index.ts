// GET /api/v1/calendar: the working-day calendar (packaged seed merged with every year an
// operator imported with `npm run admin -- calendar import --file F`), as shared CalendarData.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticate } from '../../../../plugins/authenticate.ts';
import { currentCalendar } from '../../../../settings/calendar.ts';

const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { preHandler: authenticate }, async () => currentCalendar(app.db));
};

export default calendarRoutes;
