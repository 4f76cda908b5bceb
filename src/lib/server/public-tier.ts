/**
 * The public tier (product brief §7): what public pages, charts, maps and downloads read, and
 * nothing else. A release computes the dashboard from the approved record twice — suppressed for
 * the public (`public_page`), unsuppressed for reviewers (`review_page`) — and logs the cells it
 * withheld. Releases are made when figures are approved or reopened, or k changes; a request
 * only reads one stored page (parsed once per release and kept in memory).
 *
 * Private by construction: a withheld cell is stored without its value, so no bug in a page can
 * show what the public tier never held.
 */
import type { Statement } from 'better-sqlite3';
import { desc, eq } from 'drizzle-orm';
import { toCsv } from '../domain/csv';
import { formatPeriod } from '../domain/periods';
import { MIN_K, PUBLIC_K, thresholdOf } from '../domain/privacy';
import { NO_PROVINCE, toDatePeriod } from '../domain/public-tables';
import { error, type RequestEvent } from '@sveltejs/kit';
import { audit } from './audit';
import {
	computeBothDashboards,
	computeDashboard,
	submittedIds,
	type DashboardOptions,
	type Cell,
	type Dashboard,
	type IndicatorPage,
	type PlanView,
	type ProvinceCell
} from './dashboard';
import { getDb, inTransaction, type Db } from './db';
import * as t from './db/schema';
import { seesUnsuppressed } from './guard';

/** Who reads: the public (suppressed) or reviewers and admins (every approved figure). */
export type Audience = 'public' | 'review';

const K_SETTING = 'public_k';

/** The threshold k in force: counts from 1 to k − 1 of sensitive indicators are withheld. */
export function publicThreshold(db: Db): number {
	const row = db.select().from(t.setting).where(eq(t.setting.key, K_SETTING)).get();
	return thresholdOf(row ? Number(row.value) : PUBLIC_K);
}

/** Sets k (an admin's decision, audited) and makes a release with it. */
export function setPublicThreshold(
	db: Db,
	k: number,
	options: { actor: string; address?: string | null }
): void {
	if (!Number.isInteger(k) || k < MIN_K || k > 100)
		throw new RangeError(`k must be a whole number from ${MIN_K} to 100`);
	inTransaction(db, () => {
		const before = publicThreshold(db);
		db.insert(t.setting)
			.values({ key: K_SETTING, value: String(k) })
			.onConflictDoUpdate({ target: t.setting.key, set: { value: String(k) } })
			.run();
		audit(db, {
			actor: options.actor,
			action: 'privacy.threshold',
			subject: 'public_k',
			detail: { before, after: k },
			address: options.address ?? null
		});
		publish(db, `k changed from ${before} to ${k}`);
	});
}

export interface Release {
	id: number;
	at: string;
	reason: string;
	k: number;
	withheld: number;
}

/**
 * Computes and stores a release: every page for both audiences, and the log of withheld cells.
 * One transaction: readers see the previous release until it commits.
 */
export function publish(db: Db, reason: string, at: string = new Date().toISOString()): Release {
	return inTransaction(db, () => {
		const k = publicThreshold(db);
		const { open, safe } = computeBothDashboards(db, { k });
		// The organisations whose figures are published, named only as data contributors: never
		// beside a figure (§7).
		const contributors = db.$client
			.prepare(
				`SELECT name_en AS nameEn, name_km AS nameKm FROM reporter r
				 WHERE EXISTS (SELECT 1 FROM data_value d WHERE d.reporter_code = r.code) ORDER BY name_en`
			)
			.all() as Contributor[];
		const withheld = safe.pages.flatMap((p) => p.withheld);
		const release = db
			.insert(t.release)
			.values({ at, reason, k, withheld: withheld.length })
			.returning()
			.get();
		const store = (table: typeof t.publicPage | typeof t.reviewPage, view: Dashboard) => {
			db.delete(table).run();
			const insert = db.$client.prepare(
				`INSERT INTO ${table === t.publicPage ? 'public_page' : 'review_page'} (key, release_id, body) VALUES (?, ?, ?)`
			);
			insert.run('plan', release.id, JSON.stringify(view.plan));
			insert.run('contributors', release.id, JSON.stringify(contributors));
			for (const page of view.pages)
				insert.run(`indicator:${page.progress.indicator.code}`, release.id, JSON.stringify(page));
		};
		store(t.publicPage, safe);
		store(t.reviewPage, open);
		const log = db.$client.prepare(
			`INSERT INTO release_withheld (release_id, indicator_code, table_name, period, province_code,
				sex, age_group, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		);
		for (const w of withheld)
			log.run(release.id, w.indicator, w.table, w.period, w.province, w.sex, w.ageGroup, w.reason);
		db.insert(t.setting)
			.values({ key: FORMAT_SETTING, value: TIER_FORMAT })
			.onConflictDoUpdate({ target: t.setting.key, set: { value: TIER_FORMAT } })
			.run();
		return release;
	});
}

/** The latest release, or null before the first. */
export function latestRelease(db: Db): Release | null {
	return db.select().from(t.release).orderBy(desc(t.release.id)).limit(1).get() ?? null;
}

/** The latest release's id, or 0 before the first: one indexed read, for every public request. */
export function currentReleaseId(db: Db): number {
	let statement = releaseStatements.get(db);
	if (!statement) {
		statement = db.$client.prepare('SELECT max(id) AS id FROM release');
		releaseStatements.set(db, statement);
	}
	return (statement.get() as { id: number | null }).id ?? 0;
}

const releaseStatements = new WeakMap<Db, Statement>();

/** Releases, newest first, with the cells each withheld. */
export function listReleases(db: Db, limit = 20) {
	const releases = db.select().from(t.release).orderBy(desc(t.release.id)).limit(limit).all();
	return releases.map((r) => ({
		...r,
		cells: db.select().from(t.releaseWithheld).where(eq(t.releaseWithheld.releaseId, r.id)).all()
	}));
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

const cache = new Map<string, { releaseId: number; value: unknown }>();

/**
 * What the stored pages hold changes with the code now and then (a new table, a new field): a
 * database whose latest release was made by other code gets a new one, once, on first read.
 */
const TIER_FORMAT = '2';
const FORMAT_SETTING = 'public_tier_format';
const checked = new WeakSet<Db>();

function currentRelease(db: Db): Release {
	const latest = latestRelease(db);
	if (latest && checked.has(db)) return latest;
	const format = db.select().from(t.setting).where(eq(t.setting.key, FORMAT_SETTING)).get();
	checked.add(db);
	if (latest && format?.value === TIER_FORMAT) return latest;
	return publish(db, latest ? 'pages rebuilt for a new version of the app' : 'first release');
}

/**
 * The tier an audience reads. Made on first use if the database has no release yet (a database
 * from before the tier, or a fresh one). Parsed pages are kept until the next release.
 */
export function readTier(db: Db, audience: Audience): Tier {
	const release = currentRelease(db);
	const table = audience === 'public' ? 'public_page' : 'review_page';
	const statement = db.$client.prepare(`SELECT body FROM ${table} WHERE key = ?`);
	const read = <T>(key: string): T | null => {
		const id = `${db.$client.name}|${audience}|${key}`;
		const hit = cache.get(id);
		if (hit && hit.releaseId === release.id) return hit.value as T;
		const row = statement.get(key) as { body: string } | undefined;
		const value = row ? (JSON.parse(row.body) as T) : null;
		cache.set(id, { releaseId: release.id, value });
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
 * Costs a whole computation a request: never for the public.
 */
export function liveTier(db: Db, options: DashboardOptions): Tier {
	const { plan, pages } = computeDashboard(db, { ...options, k: publicThreshold(db) });
	const stored = readTier(db, options.suppress ? 'public' : 'review');
	return {
		release: stored.release,
		plan,
		contributors: stored.contributors,
		page: (code) => pages.find((p) => p.progress.indicator.code === code) ?? null,
		pages: () => pages
	};
}

/**
 * The overview: the plan's progress, and the province map of the indicator asked for (`map`, a
 * code) in the year asked for (or to date), or of the plan's first indicator with provinces.
 */
export function overviewOf(tier: Tier, options: { map?: string | null; year?: string | null }) {
	const mappable = tier.plan.areas
		.flatMap((a) => a.indicators)
		.map((i) => i.indicator)
		.filter((i) => !i.computed);
	const chosen = mappable.find((i) => i.code === options.map?.toUpperCase()) ?? mappable[0];
	const page = tier.page(chosen.code) as IndicatorPage;
	const year = page.provinceYears.find((y) => String(y.year) === options.year);
	return {
		...tier.plan,
		k: tier.release.k,
		mappable,
		years: page.provinceYears.map((y) => y.year),
		map: {
			indicator: chosen,
			year: year?.year ?? null,
			provinces: year ? year.provinces : page.provinces
		}
	};
}

/** One area: its progress (as the overview) and each indicator's quarterly series. */
export function areaOf(tier: Tier, code: string) {
	const area = tier.plan.areas.find((a) => a.area.code === code);
	if (!area) return null;
	return {
		plan: tier.plan.plan,
		asOf: tier.plan.asOf,
		k: tier.release.k,
		...area,
		series: Object.fromEntries(
			area.indicators.map((i) => [
				i.indicator.code,
				(tier.page(i.indicator.code) as IndicatorPage).quarters
			])
		)
	};
}

/** One province: each indicator's plan to date there, exactly as the indicator's map has it. */
export function provinceOf(tier: Tier, code: string) {
	const pages = tier.pages();
	const province = pages[0]?.provinces.find((p) => p.code === code);
	if (!province) return null;
	return {
		province: { code: province.code, nameEn: province.nameEn, nameKm: province.nameKm },
		k: tier.release.k,
		areas: tier.plan.areas.map((a) => ({
			area: a.area,
			indicators: a.indicators
				.filter((i) => !i.indicator.computed)
				.map(({ indicator }) => {
					const page = tier.page(indicator.code) as IndicatorPage;
					const cell = page.provinces.find((p) => p.code === code) as ProvinceCell;
					return { indicator, value: cell.value, hidden: cell.hidden };
				})
		}))
	};
}

/** One published figure of an indicator page, as the downloads write it. */
export interface PublicRecord {
	indicator: string;
	/** Which table of the page the figure belongs to. */
	table: 'plan' | 'year' | 'quarter' | 'province' | 'province-year' | 'breakdown';
	period: string;
	province: string;
	sex: string;
	age_group: string;
	value: number | null;
	/** Withheld for privacy: no value is given, and the flag says why the cell is empty. */
	suppressed: boolean;
}

/** Every figure an indicator page shows, flat, for its CSV and JSON downloads. */
export function pageRecords(page: IndicatorPage): PublicRecord[] {
	const indicator = page.progress.indicator.code;
	const toDate = toDatePeriod(page.plan.firstYear, page.asOf ? formatPeriod(page.asOf) : null);
	const record = (
		table: PublicRecord['table'],
		period: string,
		cell: Cell,
		at: { province?: string; sex?: string; age_group?: string } = {}
	): PublicRecord => ({
		indicator,
		table,
		period,
		province: at.province ?? 'national',
		sex: at.sex ?? 'total',
		age_group: at.age_group ?? 'all',
		value: cell.hidden ? null : cell.value,
		suppressed: cell.hidden
	});
	const present = (c: Cell) => c.value !== null || c.hidden;
	const provinces = (list: ProvinceCell[], table: PublicRecord['table'], period: string) =>
		list.filter(present).map((p) => record(table, period, p, { province: p.code }));
	return [
		...(present(page.national) ? [record('plan', toDate, page.national)] : []),
		...page.quarters.filter(present).map((q) => record('quarter', q.period, q)),
		...page.years
			.map((y) => ({ year: y.year, cell: { value: y.actual, hidden: y.hidden } }))
			.filter((y) => present(y.cell))
			.map((y) => record('year', String(y.year), y.cell)),
		...provinces(page.provinces, 'province', toDate),
		...(page.noProvince && present(page.noProvince)
			? [record('province', toDate, page.noProvince, { province: NO_PROVINCE })]
			: []),
		...page.provinceYears.flatMap((y) => [
			...provinces(y.provinces, 'province-year', String(y.year)),
			...(y.noProvince && present(y.noProvince)
				? [record('province-year', String(y.year), y.noProvince, { province: NO_PROVINCE })]
				: [])
		]),
		...[...page.sexes, ...page.ages].map((c) =>
			record('breakdown', toDate, c, { sex: c.sex, age_group: c.ageGroup })
		)
	];
}

/** The columns of the public downloads, in order. */
const RECORD_COLUMNS: (keyof PublicRecord)[] = [
	'indicator',
	'table',
	'period',
	'province',
	'sex',
	'age_group',
	'value',
	'suppressed'
];

/** Public records as a CSV file (formula-safe; withheld cells flagged, never given). */
export function recordsCsv(records: readonly PublicRecord[]): string {
	return toCsv([RECORD_COLUMNS, ...records.map((r) => RECORD_COLUMNS.map((c) => r[c]))]);
}

/** An indicator page as a JSON document: what the indicator is, its target, its records. */
export function pageJson(page: IndicatorPage) {
	const { indicator, target } = page.progress;
	return {
		indicator: {
			code: indicator.code,
			name: { en: indicator.nameEn, km: indicator.nameKm },
			definition: { en: indicator.definitionEn, km: indicator.definitionKm },
			unit: indicator.unit,
			accumulation: indicator.accumulation,
			direction: indicator.direction,
			sensitive: indicator.sensitive
		},
		target: { baseline: target.baseline, milestones: target.milestones, end: target.endTarget },
		asOf: page.asOf ? formatPeriod(page.asOf) : null,
		suppressed: page.suppressed,
		k: page.k,
		note: `Approved figures only. Where suppressed is true the value is withheld: a count of children from 1 to ${page.k - 1}, or a figure that would let one be worked out by addition and subtraction from the others.`,
		records: pageRecords(page)
	};
}

/** Every indicator page's records, in plan order: the open-data file. */
export function allRecords(tier: Tier): PublicRecord[] {
	return tier.pages().flatMap(pageRecords);
}

/**
 * The figures a public page or download shows: the latest release, suppressed, for the public;
 * unsuppressed for reviewers and admins, who may also ask for them computed now with the values
 * in review (`?submitted`), or as the public would see them once submission 42 is approved
 * (`?preview=42`).
 */
export function tierFor(event: Pick<RequestEvent, 'locals' | 'url'>): Tier {
	const db = getDb();
	if (!seesUnsuppressed(event)) return readTier(db, 'public');
	const params = event.url.searchParams;
	if (params.has('preview')) {
		// Only a submission in review can be previewed: a draft, or another organisation's
		// returned or withdrawn figures, must not be readable through a public page.
		const preview = Number(params.get('preview'));
		if (!submittedIds(db).includes(preview)) error(404, 'No such submission in review');
		return liveTier(db, { suppress: true, include: [preview] });
	}
	if (params.has('submitted')) return liveTier(db, { suppress: false, include: submittedIds(db) });
	return readTier(db, 'review');
}
