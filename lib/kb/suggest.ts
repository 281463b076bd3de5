import 'server-only';
import type { Db } from '@/lib/db';
import { searchPublishedArticles, snippet } from './search';

// What the complaint form shows while a complainant types (GET /api/v1/soalan-lazim/cadangan):
// at most three published articles, each its slug, title and the start of its solution.

export const SUGGEST_QUERY = { min: 3, max: 500 } as const;

export type Suggestion = { slug: string; title: string; snippet: string };

export async function suggestArticles(db: Db, q: string): Promise<Suggestion[]> {
  const hits = await searchPublishedArticles(db, q, { mode: 'suggest', limit: 3 });
  return hits.map((h) => ({ slug: h.slug, title: h.title, snippet: snippet(h.solution) }));
}
