/**
 * Writing a release of the public tier. A release computes the dashboard from the approved record
 * twice — suppressed for the public (`public_page`), unsuppressed for reviewers (`review_page`) —
 * and logs the cells it withheld. Releases are made by the calendar
 * (`publishIfDue`), by an admin (`publishNow`, `setPublicThreshold`), and at start-up when the
 * database has none or its pages are of another version of the app (`ensureRelease`); between
 * releases, approvals and reopenings rebuild the reviewers' pages (`refreshReviewPages`).
 *
 * Private by construction: a withheld cell is stored without its value, so no bug in a page can
 * show what the public tier never held.
 */
import { eq } from 'drizzle-orm';
import { MIN_K } from '../../domain/privacy';
import { audit } from '../audit';
import { computeBothDashboards, computeDashboard, type Dashboard } from '../dashboard';
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { Refused } from '../refused';
import { latestRelease, REVIEW_SETTING, type Contributor, type Release } from './read';
import { publicationSchedule } from './schedule';
import { K_SETTING, publicThreshold } from './threshold';

/**
 * What the stored pages hold changes with the code now and then (a new table, a new field): a
 * database whose latest release was made by other code gets a new one at start-up.
 */
const TIER_FORMAT = '4';
const FORMAT_SETTING = 'public_tier_format';

/** Sets k (an admin's decision, audited) and makes a release with it. */
export function setPublicThreshold(
	db: Db,
	k: number,
	options: { actor: string; address?: string | null }
): void {
	if (!Number.isInteger(k) || k < MIN_K || k > 100)
		throw new Refused(400, 'refused_k_range', { min: MIN_K, max: 100 });
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
 * a figure.
 */
function contributorsOf(db: Db): Contributor[] {
	return db.$client
		.prepare(
			`SELECT name_en AS nameEn, name_km AS nameKm FROM reporter r
			 WHERE EXISTS (SELECT 1 FROM data_value d WHERE d.reporter_code = r.code) ORDER BY name_en`
		)
		.all() as Contributor[];
}

/** Counts the reviewers' pages rebuilt: their cached pages are read again when it moves. */
function bumpReviewGeneration(db: Db): void {
	db.$client
		.prepare(
			`INSERT INTO setting (key, value) VALUES (?, '1')
			 ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`
		)
		.run(REVIEW_SETTING);
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

/**
 * A step of start-up: makes the first release of a database that has none (a fresh one, or one
 * from before the tier), or a new one if its pages were stored by another version of the app.
 * Returns it, or null when the latest release is current.
 */
export function ensureRelease(db: Db): Release | null {
	return inTransaction(db, () => {
		const latest = latestRelease(db);
		const format = db.select().from(t.setting).where(eq(t.setting.key, FORMAT_SETTING)).get();
		if (latest && format?.value === TIER_FORMAT) return null;
		return publish(db, latest ? 'pages rebuilt for a new version of the app' : 'first release');
	});
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
	if (!reason) throw new Refused(400, 'refused_reason_required');
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
