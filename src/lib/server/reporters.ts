/**
 * Reporter organisations, for admins: list, add, edit (names, kind, provinces, active). Codes
 * are stable identities (files name them), so a code is never changed once created.
 */
import { asc, eq, ne } from 'drizzle-orm';
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

/** Every reporter with the provinces it works in. */
export function listReporters(db: Db) {
	const links = db.select().from(t.reporterProvince).all();
	return db
		.select()
		.from(t.reporter)
		.orderBy(asc(t.reporter.code))
		.all()
		.map((r) => ({
			...r,
			provinces: links.filter((l) => l.reporterCode === r.code).map((l) => l.provinceCode)
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
