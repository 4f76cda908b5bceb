/**
 * A submission beside the approved record: which of its values are new, which change a value on
 * record (old → new), which repeat it. One comparison, for the import's report and the
 * submission's page alike: a value is compared with the approved value of the same key and
 * reporter from another submission, so an approved submission still shows what it changed.
 */
import type { Db } from '../db';

/** How a submitted value compares with the approved record. */
export type ChangeKind = 'new' | 'changed' | 'unchanged';

export interface ValueChange {
	row: number;
	reporter: string;
	indicator: string;
	province: string;
	period: string;
	sex: string;
	ageGroup: string;
	old: number;
	new: number;
}

/** A value of a submission, with the value on record beside it. */
export interface ComparedValue {
	indicator: string;
	province: string;
	period: string;
	sex: string;
	ageGroup: string;
	value: number;
	note: string | null;
	recorded: number | null;
	change: ChangeKind;
}

/** A submission value `s` and an approved value `d` of the same key (the reporter aside). */
export const SAME_KEY = `d.indicator_code = s.indicator_code AND d.province_code = s.province_code
	AND d.period = s.period AND d.sex = s.sex AND d.age_group = s.age_group`;

/** The submission's values `s` joined to the record `d` (parameters: reporter, submission). */
const WITH_RECORD = `submission_value s LEFT JOIN data_value d ON ${SAME_KEY}
	AND d.reporter_code = @reporter AND d.submission_id != s.submission_id
	WHERE s.submission_id = @id`;

/** The counts of new, changed and unchanged values of a submission. */
export function countChanges(db: Db, id: number, reporter: string): Record<ChangeKind, number> {
	const sqlite = db.$client;
	// Nothing on record for this reporter: every value is new (and a large import skips the join).
	if (!sqlite.prepare('SELECT 1 FROM data_value WHERE reporter_code = ? LIMIT 1').get(reporter)) {
		const { n } = sqlite
			.prepare('SELECT count(*) AS n FROM submission_value WHERE submission_id = ?')
			.get(id) as { n: number };
		return { new: n, changed: 0, unchanged: 0 };
	}
	return sqlite
		.prepare(
			`SELECT coalesce(sum(d.value IS NULL), 0) AS new,
				coalesce(sum(d.value IS NOT NULL AND d.value != s.value), 0) AS changed,
				coalesce(sum(d.value = s.value), 0) AS unchanged
			 FROM ${WITH_RECORD}`
		)
		.get({ id, reporter }) as Record<ChangeKind, number>;
}

/** The values of a submission that change a value on record, old → new, in file order. */
export function listChanges(db: Db, id: number, reporter: string, limit: number): ValueChange[] {
	return db.$client
		.prepare(
			`SELECT s.source_row AS row, @reporter AS reporter, s.indicator_code AS indicator,
				s.province_code AS province, s.period, s.sex, s.age_group AS ageGroup,
				d.value AS old, s.value AS new
			 FROM ${WITH_RECORD} AND d.value != s.value ORDER BY s.source_row LIMIT @limit`
		)
		.all({ id, reporter, limit }) as ValueChange[];
}

/** A page of a submission's values in key order, each with the value on record. */
export function compareValues(
	db: Db,
	id: number,
	reporter: string,
	page: { limit: number; offset: number }
): ComparedValue[] {
	const rows = db.$client
		.prepare(
			`SELECT s.indicator_code AS indicator, s.province_code AS province, s.period, s.sex,
				s.age_group AS ageGroup, s.value, s.note, d.value AS recorded
			 FROM ${WITH_RECORD}
			 ORDER BY s.indicator_code, s.province_code, s.period, s.sex, s.age_group
			 LIMIT @limit OFFSET @offset`
		)
		.all({ id, reporter, ...page }) as Omit<ComparedValue, 'change'>[];
	return rows.map((v) => ({
		...v,
		change: v.recorded === null ? 'new' : v.recorded === v.value ? 'unchanged' : 'changed'
	}));
}
