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
import { nextPublication, PUBLICATION_LAG_DAYS } from '../domain/calendar';
import { MIN_K, PUBLIC_K, thresholdOf } from '../domain/privacy';
import { NO_PROVINCE, toDatePeriod } from '../domain/public-tables';
import { error, type RequestEvent } from '@sveltejs/kit';
import { audit } from './audit';
import type { Cell, IndicatorPage, PlanView, ProvinceCell } from '../domain/indicator-page';
import {
	computeBothDashboards,
	computeDashboard,
	submittedIds,
	type DashboardOptions,
	type Dashboard
} from './dashboard';
import { getDb, inTransaction, type Db } from './db';
import * as t from './db/schema';
import { seesUnsuppressed } from './guard';
import { getPlan } from './plan';

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
	narrowest: number | null;
	changes: number;
	corrected: boolean;
	auditThrough: number;
}

function lastAuditId(db: Db): number {
	const row = db.$client.prepare('SELECT max(id) AS id FROM audit_log').get() as {
		id: number | null;
	};
	return row.id ?? 0;
}

/**
 * Computes and stores a release: every page for both audiences, the log of withheld cells, and
 * what the public now knows of each cell (`published_cell`, the memory the next release protects
 * changes against). One transaction: readers see the previous release until it commits.
 */
export function publish(db: Db, reason: string, at: string = new Date().toISOString()): Release {
	return inTransaction(db, () => {
		const k = publicThreshold(db);
		const { open, safe } = computeBothDashboards(db, { k });
		const kept = [...safe.protection.entries()];
		const withheld = kept.flatMap(([, p]) => p.withheld);
		const widths = kept.flatMap(([, p]) => (p.narrowest === null ? [] : [p.narrowest]));
		const release = db
			.insert(t.release)
			.values({
				at,
				reason,
				k,
				withheld: withheld.length,
				narrowest: widths.length ? Math.min(...widths) : null,
				changes: withheld.filter((w) => w.reason === 'change').length,
				corrected: kept.some(([, p]) => p.corrected),
				auditThrough: lastAuditId(db)
			})
			.returning()
			.get();
		storePages(db, 'public_page', release.id, safe);
		storePages(db, 'review_page', release.id, open);
		const log = db.$client.prepare(
			`INSERT INTO release_withheld (release_id, indicator_code, table_name, period, province_code,
				sex, age_group, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		);
		for (const w of withheld)
			log.run(release.id, w.indicator, w.table, w.period, w.province, w.sex, w.ageGroup, w.reason);
		const remember = db.$client.prepare(
			`INSERT INTO published_cell (indicator_code, cell, value, release_id) VALUES (?, ?, ?, ?)
			 ON CONFLICT (indicator_code, cell) DO UPDATE SET value = excluded.value,
				release_id = excluded.release_id`
		);
		for (const [code, p] of kept)
			for (const [cell, value] of p.published) remember.run(code, cell, value, release.id);
		db.insert(t.setting)
			.values({ key: FORMAT_SETTING, value: TIER_FORMAT })
			.onConflictDoUpdate({ target: t.setting.key, set: { value: TIER_FORMAT } })
			.run();
		bumpReviewGeneration(db);
		return release;
	});
}

/** Writes one audience's pages (replacing the previous ones) for a release. */
function storePages(
	db: Db,
	table: 'public_page' | 'review_page',
	releaseId: number,
	view: Dashboard
) {
	db.$client.prepare(`DELETE FROM ${table}`).run();
	const insert = db.$client.prepare(
		`INSERT INTO ${table} (key, release_id, body) VALUES (?, ?, ?)`
	);
	insert.run('plan', releaseId, JSON.stringify(view.plan));
	if (table === 'public_page')
		insert.run('contributors', releaseId, JSON.stringify(contributorsOf(db)));
	for (const page of view.pages)
		insert.run(`indicator:${page.progress.indicator.code}`, releaseId, JSON.stringify(page));
}

/**
 * The organisations whose figures are published, named only as data contributors: never beside
 * a figure (§7).
 */
function contributorsOf(db: Db): Contributor[] {
	return db.$client
		.prepare(
			`SELECT name_en AS nameEn, name_km AS nameKm FROM reporter r
			 WHERE EXISTS (SELECT 1 FROM data_value d WHERE d.reporter_code = r.code) ORDER BY name_en`
		)
		.all() as Contributor[];
}

const REVIEW_SETTING = 'review_generation';

/** Counts the reviewers' pages rebuilt: their cached pages are read again when it moves. */
function bumpReviewGeneration(db: Db): void {
	db.$client
		.prepare(
			`INSERT INTO setting (key, value) VALUES (?, '1')
			 ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`
		)
		.run(REVIEW_SETTING);
}

function reviewGeneration(db: Db): string {
	const row = db.select().from(t.setting).where(eq(t.setting.key, REVIEW_SETTING)).get();
	return row?.value ?? '0';
}

/**
 * Rebuilds the reviewers' pages from the approved record now, without a public release: approvals
 * and reopenings are seen by reviewers at once and by the public at the next publication.
 */
export function refreshReviewPages(db: Db): void {
	inTransaction(db, () => {
		const release = latestRelease(db);
		if (!release) return;
		const view = computeDashboard(db, { suppress: false, k: publicThreshold(db) });
		storePages(db, 'review_page', release.id, view);
		bumpReviewGeneration(db);
	});
}

/** Days after a quarter's reporting deadline that its figures are published (`PUBLICATION_LAG_DAYS`). */
export function publicationLag(): number {
	const days = Number(process.env.PUBLICATION_LAG_DAYS);
	return Number.isInteger(days) && days >= 0 ? days : PUBLICATION_LAG_DAYS;
}

/** When the public tier was last and will next be published, and what waits for it. */
export interface Schedule {
	last: Release | null;
	next: string;
	/** Approvals and reopenings since the last release: what the next one will publish. */
	waiting: number;
	/** The next publication's date has come and something waits. */
	due: boolean;
}

/** The publication calendar as of `now`. */
export function publicationSchedule(db: Db, now: Date = new Date()): Schedule {
	const last = latestRelease(db);
	const plan = getPlan(db);
	const since = last?.at ?? '';
	const next = nextPublication(new Date(since || 0), plan.deadlineDays, publicationLag());
	const { waiting } = db.$client
		.prepare(
			`SELECT count(*) AS waiting FROM audit_log
			 WHERE action IN ('submission.approve', 'submission.reopen') AND id > ?`
		)
		.get(last?.auditThrough ?? 0) as { waiting: number };
	const upcoming = next > now ? next : nextPublication(now, plan.deadlineDays, publicationLag());
	return {
		last,
		next: (waiting && next <= now ? next : upcoming).toISOString(),
		waiting,
		due: waiting > 0 && next <= now
	};
}

/** Whether an approved submission's figures wait for the next release (approved after the last). */
export function awaitsPublication(db: Db, submissionId: number): boolean {
	const last = latestRelease(db);
	const row = db.$client
		.prepare(
			`SELECT 1 FROM audit_log WHERE action = 'submission.approve' AND subject = ? AND id > ? LIMIT 1`
		)
		.get(`submission:${submissionId}`, last?.auditThrough ?? 0);
	return row !== undefined;
}

/** Makes the scheduled release if its date has come and something waits; returns it, or null. */
export function publishIfDue(db: Db, now: Date = new Date()): Release | null {
	const schedule = publicationSchedule(db, now);
	if (!schedule.due) return null;
	return publish(db, `scheduled publication of ${schedule.next.slice(0, 10)}`, now.toISOString());
}

/** An admin publishes now, ahead of the calendar, with a reason (audited). */
export function publishNow(
	db: Db,
	options: { reason: string; actor: string; address?: string | null; at?: string }
): Release {
	const reason = options.reason.trim();
	if (!reason) throw new RangeError('A reason is required');
	return inTransaction(db, () => {
		const release = publish(db, `published now: ${reason}`, options.at);
		audit(db, {
			actor: options.actor,
			action: 'privacy.publish',
			subject: `release:${release.id}`,
			detail: { reason },
			address: options.address ?? null
		});
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

const cache = new Map<string, { version: string; value: unknown }>();

/**
 * What the stored pages hold changes with the code now and then (a new table, a new field): a
 * database whose latest release was made by other code gets a new one, once, on first read.
 */
const TIER_FORMAT = '3';
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
		note: `Approved figures only, as of this release. Where suppressed is true the value is withheld: a small count of children (from 1 to ${page.k - 1}), or a figure that would let one be worked out, from this release or by comparing it with earlier ones. Which of the two is never said.`,
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
