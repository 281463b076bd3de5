import type { DurationsPass } from './durations-pass';
import { percentileCont, sortHistogram, type Histogram } from './percentiles';

// Median and 90th percentile (continuous, interpolated) of the first response and the resolution
// in working minutes, over the report's complaints that reached them.

export type Spread = { count: number; median: number | null; p90: number | null };
export type ResponseTimes = { firstResponse: Spread; resolution: Spread };

/** Read off the report's durations pass (durations-pass.ts): complaints per whole minute. */
export function responseTimes(pass: DurationsPass): ResponseTimes {
  return { firstResponse: spread(pass.firstMinutes), resolution: spread(pass.resolutionMinutes) };
}

function spread(counts: Histogram): Spread {
  const h = sortHistogram(counts);
  return { count: h.reduce((s, [, n]) => s + n, 0), median: percentileCont(h, 0.5), p90: percentileCont(h, 0.9) };
}
