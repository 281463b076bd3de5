import { tz } from '@date-fns/tz';

// The one place that names the agency's time zone. Every Malaysia date or time in the code (display,
// numbering, aging, date filters, next-intl) is computed in it, whatever zone the server runs in.
// SQL that needs the zone takes MALAYSIA_TZ as a bound parameter.

export const MALAYSIA_TZ = 'Asia/Kuala_Lumpur';

/** date-fns context: pass as `{ in: inMalaysia }` to compute in Malaysia time. */
export const inMalaysia = tz(MALAYSIA_TZ);
