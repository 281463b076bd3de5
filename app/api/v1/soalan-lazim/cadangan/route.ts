// GET /api/v1/soalan-lazim/cadangan?q= — up to three published articles for what a complainant is typing
import { unstable_rethrow } from 'next/navigation';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { toErrorResponse } from '@/lib/http/errors';
import { clientIp, requestLocale } from '@/lib/http/request';
import { refusal } from '@/lib/http/public-route';
import { ok } from '@/lib/http/respond';
import { spendSuggestion } from '@/lib/kb/deflect';
import { suggestArticles, SUGGEST_QUERY } from '@/lib/kb/suggest';

export async function GET(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  try {
    const q = new URL(request.url).searchParams.get('q') ?? '';
    if (q.trim().length < SUGGEST_QUERY.min || q.length > SUGGEST_QUERY.max) throw new AppError('invalid', 400);
    const limited = await spendSuggestion(getDb(), clientIp(request));
    if (limited) throw refusal(limited);
    return ok({ items: await suggestArticles(getDb(), q) });
  } catch (e) {
    unstable_rethrow(e);
    return toErrorResponse(e, locale);
  }
}
