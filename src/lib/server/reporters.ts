/**
 * Reporter organisations, for admins: list, add, edit (names, kind, provinces, active, the
 * indicators each reports). Codes are stable identities (files name them), so a code is never
 * changed once created.
 *
 * The indicators a reporter reports are what its templates offer; a reporter with none listed
 * reports every uploadable indicator. An upload of an indicator outside its list is accepted
 * (an organisation may hold figures beyond what it was asked for, and the plan wants them), and
 * its submission names those indicators for the reviewer (`outsideAssignment`).
 */
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from './audit';
import { inTransaction, type Db } from './db';
import * as t from './db/schema';
import { parseOrRefuse, Refused } from './refused';

// Its messages are keys of messages/*.json (refused.ts).
export const reporterSchema = z.object({
	code: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z][A-Z0-9-]{1,19}$/, 'refused_reporter_code'),
	nameEn: z.string().trim().min(1, 'refused_name_en_required').max(200),
	nameKm: z.string().trim().max(200).default(''),
	kind: z.enum(['government', 'ngo', 'international'], 'refused_kind_required'),
	provinces: z.array(z.string()).default([]),
	active: z.boolean().default(true)
});

export type ReporterInput = z.input<typeof reporterSchema>;

/** Every reporter with the provinces it works in and the indicators it reports. */
export function listReporters(db: Db) {
	const links = db.select().from(t.reporterProvince).all();
	const assigned = db.select().from(t.reporterIndicator).all();
	return db
		.select()
		.from(t.reporter)
		.orderBy(asc(t.reporter.code))
		.all()
		.map((r) => ({
			...r,
			provinces: links.filter((l) => l.reporterCode === r.code).map((l) => l.provinceCode),
			indicators: assigned.filter((a) => a.reporterCode === r.code).map((a) => a.indicatorCode)
		}));
}

/**
 * Adds a reporter (`create`) or changes one (`update`, the code stays), with an audit row.
 * Refuses (400) a field that is wrong, an unknown province, a code taken or not found.
 */
export function saveReporter(
	db: Db,
	input: ReporterInput,
	options: { mode: 'create' | 'update'; actor: string; address?: string | null }
): string {
	const r = parseOrRefuse(reporterSchema, input);
	const known = new Set(
		db
			.select({ code: t.province.code })
			.from(t.province)
			.all()
			.map((p) => p.code)
	);
	const unknown = r.provinces.find((p) => !known.has(p) || p === 'national');
	if (unknown) throw new Refused(400, 'refused_province_unknown', { code: unknown });
	return inTransaction(db, () => {
		const exists = db.select().from(t.reporter).where(eq(t.reporter.code, r.code)).get();
		if (options.mode === 'create' && exists)
			throw new Refused(400, 'refused_reporter_exists', { code: r.code });
		if (options.mode === 'update' && !exists) throw new Refused(400, 'refused_no_reporter');
		const values = { nameEn: r.nameEn, nameKm: r.nameKm, kind: r.kind, active: r.active };
		if (exists) db.update(t.reporter).set(values).where(eq(t.reporter.code, r.code)).run();
		else
			db.insert(t.reporter)
				.values({ code: r.code, ...values })
				.run();
		db.delete(t.reporterProvince).where(eq(t.reporterProvince.reporterCode, r.code)).run();
		if (r.provinces.length)
			db.insert(t.reporterProvince)
				.values(r.provinces.map((provinceCode) => ({ reporterCode: r.code, provinceCode })))
				.run();
		audit(db, {
			actor: options.actor,
			action: `reporter.${options.mode}`,
			subject: `reporter:${r.code}`,
			detail: { ...values, provinces: r.provinces },
			address: options.address
		});
		return r.code;
	});
}

/** The provinces and the capital (not the national level), by English name. */
export function listProvinces(db: Db) {
	return db
		.select({ code: t.province.code, nameEn: t.province.nameEn, nameKm: t.province.nameKm })
		.from(t.province)
		.where(ne(t.province.level, 'national'))
		.orderBy(asc(t.province.nameEn))
		.all();
}

/** Whether a reporter organisation with this code exists. */
export function reporterExists(db: Db, code: string): boolean {
	return (
		db.select({ code: t.reporter.code }).from(t.reporter).where(eq(t.reporter.code, code)).get() !==
		undefined
	);
}

/** The indicators a reporter is assigned, in plan order (none: it reports every one). */
export function assignedIndicators(db: Db, reporter: string): string[] {
	return db
		.select({ code: t.reporterIndicator.indicatorCode })
		.from(t.reporterIndicator)
		.innerJoin(t.indicator, eq(t.indicator.code, t.reporterIndicator.indicatorCode))
		.where(eq(t.reporterIndicator.reporterCode, reporter))
		.orderBy(asc(t.indicator.position))
		.all()
		.map((r) => r.code);
}

/** The indicators that can be assigned (uploadable: not computed, not retired), by area. */
export function assignableIndicators(db: Db) {
	return db
		.select({
			code: t.indicator.code,
			areaCode: t.indicator.areaCode,
			nameEn: t.indicator.nameEn,
			nameKm: t.indicator.nameKm
		})
		.from(t.indicator)
		.where(and(eq(t.indicator.computed, false), isNull(t.indicator.retiredAt)))
		.orderBy(asc(t.indicator.position))
		.all();
}

/**
 * Sets the indicators a reporter reports (none: every uploadable one), in one transaction with
 * its audit entry (the list before and after). Refused (400) for a reporter or an indicator that
 * cannot be assigned (unknown, computed or retired). Returns the list as saved, in plan order.
 */
export function setReporterIndicators(
	db: Db,
	options: { reporter: string; indicators: string[]; actor: string; address?: string | null }
): string[] {
	return inTransaction(db, () => {
		if (!reporterExists(db, options.reporter)) throw new Refused(400, 'refused_no_reporter');
		const assignable = new Set(assignableIndicators(db).map((i) => i.code));
		const wanted = [...new Set(options.indicators)];
		const wrong = wanted.find((code) => !assignable.has(code));
		if (wrong) throw new Refused(400, 'refused_indicator_not_assignable', { code: wrong });
		const before = assignedIndicators(db, options.reporter);
		db.delete(t.reporterIndicator)
			.where(eq(t.reporterIndicator.reporterCode, options.reporter))
			.run();
		if (wanted.length)
			db.insert(t.reporterIndicator)
				.values(wanted.map((indicatorCode) => ({ reporterCode: options.reporter, indicatorCode })))
				.run();
		const after = assignedIndicators(db, options.reporter);
		audit(db, {
			actor: options.actor,
			action: 'reporter.indicators',
			subject: `reporter:${options.reporter}`,
			detail: { before, after },
			address: options.address
		});
		return after;
	});
}

/**
 * Of these indicators of a reporter's figures, those outside its assignment, in the order given
 * (none when it has no assignment: it reports every indicator).
 */
export function outsideAssignment(db: Db, reporter: string, indicators: string[]): string[] {
	const assigned = db
		.select({ code: t.reporterIndicator.indicatorCode })
		.from(t.reporterIndicator)
		.where(
			and(
				eq(t.reporterIndicator.reporterCode, reporter),
				indicators.length ? inArray(t.reporterIndicator.indicatorCode, indicators) : undefined
			)
		)
		.all()
		.map((r) => r.code);
	const any = db
		.select({ code: t.reporterIndicator.indicatorCode })
		.from(t.reporterIndicator)
		.where(eq(t.reporterIndicator.reporterCode, reporter))
		.limit(1)
		.get();
	if (!any) return [];
	return indicators.filter((code) => !assigned.includes(code));
}
