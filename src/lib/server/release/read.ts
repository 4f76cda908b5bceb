/**
 * Reading the public tier: the latest release, and what each audience reads of it — the plan
 * and each indicator's page, as the release stored them. Parsed pages are kept in memory until
 * the next release (the one module state here, a cache of what the database holds).
 *
 * A read never writes: with no release yet there is nothing to read, and the first is made at
 * start-up (`ensureRelease`), on approval or by `npm run publish`, never by a reader.
 */
import type { Statement } from 'better-sqlite3';
import { desc, eq } from 'drizzle-orm';
import type { IndicatorPage, PlanView } from '../../domain/indicator-page';
import { computeDashboard, type Dashboard, type DashboardOptions } from '../dashboard';
import type { Db } from '../db';
import * as t from '../db/schema';
import { publicThreshold } from './threshold';

/** Who reads: the public (suppressed) or reviewers and admins (every approved figure). */
export type Audience = 'public' | 'review';

/** A release of the public tier, as stored. */
export interface Release {
	id: number;
	at: string;
	reason: string;
	k: number;
	withheld: number;
	narrowest: number | null;
	changes: number;
	corrected: boolean;
	auditThrough: number;
}

/** An organisation whose figures are published, as the public pages name it. */
export interface Contributor {
	nameEn: string;
	nameKm: string;
}

/** What one audience reads: the plan and each indicator's page, as the latest release stored. */
export interface Tier {
	release: Release;
	plan: PlanView;
	contributors(): Contributor[];
	/** An indicator's page, or null for an unknown code. */
	page(code: string): IndicatorPage | null;
	pages(): IndicatorPage[];
}

/** The setting that counts the reviewers' pages rebuilt between releases. */
export const REVIEW_SETTING = 'review_generation';

/** The latest release, or null before the first. */
export function latestRelease(db: Db): Release | null {
	return db.select().from(t.release).orderBy(desc(t.release.id)).limit(1).get() ?? null;
}

const releaseStatements = new WeakMap<Db, Statement>();

/** The latest release's id, or 0 before the first: one indexed read, for every public request. */
export function currentReleaseId(db: Db): number {
	let statement = releaseStatements.get(db);
	if (!statement) {
		statement = db.$client.prepare('SELECT max(id) AS id FROM release');
		releaseStatements.set(db, statement);
	}
	return (statement.get() as { id: number | null }).id ?? 0;
}

/** Releases, newest first, with the cells each withheld. */
export function listReleases(db: Db, limit = 20) {
	const releases = db.select().from(t.release).orderBy(desc(t.release.id)).limit(limit).all();
	return releases.map((r) => ({
		...r,
		cells: db.select().from(t.releaseWithheld).where(eq(t.releaseWithheld.releaseId, r.id)).all()
	}));
}

/** How often the reviewers' pages were rebuilt: their kept pages are read again when it moves. */
function reviewGeneration(db: Db): string {
	const row = db.select().from(t.setting).where(eq(t.setting.key, REVIEW_SETTING)).get();
	return row?.value ?? '0';
}

const cache = new Map<string, { version: string; value: unknown }>();

/**
 * The tier an audience reads, from the latest release (an error before the first: start-up
 * makes it). Parsed pages are kept until the next release.
 */
export function readTier(db: Db, audience: Audience): Tier {
	const release = latestRelease(db);
	if (!release) throw new Error('The public tier has no release yet: start-up makes the first');
	const table = audience === 'public' ? 'public_page' : 'review_page';
	const statement = db.$client.prepare(`SELECT body FROM ${table} WHERE key = ?`);
	// Reviewers' pages are rebuilt between releases too (approvals show at once for them).
	const version =
		audience === 'public' ? String(release.id) : `${release.id}.${reviewGeneration(db)}`;
	const read = <T>(key: string): T | null => {
		const id = `${db.$client.name}|${audience}|${key}`;
		const hit = cache.get(id);
		if (hit && hit.version === version) return hit.value as T;
		const row = statement.get(key) as { body: string } | undefined;
		const value = row ? (JSON.parse(row.body) as T) : null;
		cache.set(id, { version, value });
		return value;
	};
	const plan = read<PlanView>('plan') as PlanView;
	const codes = plan.areas.flatMap((a) => a.indicators.map((i) => i.indicator.code));
	return {
		release,
		plan,
		contributors: () => read<Contributor[]>('contributors') ?? [],
		page: (code) => (codes.includes(code) ? read<IndicatorPage>(`indicator:${code}`) : null),
		pages: () => codes.map((code) => read<IndicatorPage>(`indicator:${code}`) as IndicatorPage)
	};
}

/**
 * A tier computed now instead of read from the latest release: for reviewers, with the values of
 * submissions in review (`include`), unsuppressed or as the public would see them once approved.
 * Computed for what is asked: one indicator's page alone (the same code as a release, for that
 * indicator only: its suppression is its own), the whole dashboard only when the plan or every
 * page is read. Never for the public.
 */
export function liveTier(db: Db, options: DashboardOptions): Tier {
	const k = publicThreshold(db);
	const stored = readTier(db, options.suppress ? 'public' : 'review');
	let whole: Dashboard | undefined;
	const all = () => (whole ??= computeDashboard(db, { ...options, k }));
	const single = new Map<string, IndicatorPage | null>();
	const one = (code: string) => {
		if (!single.has(code))
			single.set(code, computeDashboard(db, { ...options, k, only: code }).pages[0] ?? null);
		return single.get(code) ?? null;
	};
	return {
		release: stored.release,
		get plan() {
			return all().plan;
		},
		contributors: stored.contributors,
		page: (code) =>
			whole ? (whole.pages.find((p) => p.progress.indicator.code === code) ?? null) : one(code),
		pages: () => all().pages
	};
}
