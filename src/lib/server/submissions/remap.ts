/**
 * The mapping step: a reporter says what the columns, indicator names and province names the
 * importer did not know mean; the answers are remembered for the reporter's next files, and the
 * draft is read again from its stored file.
 */
import { and, eq } from 'drizzle-orm';
import { importMaxBytes } from '../config';
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { readStoredFile } from '../files';
import { IGNORE } from '../import/read';
import { FIELDS, normaliseName } from '../import/vocabulary';
import { Refused, refusedFile } from '../refused';
import { importFile, type ImportSummary } from './from-file';
import type { ActingUser } from './workflow';

export interface MappingAnswers {
	headers: Record<string, string>;
	indicators: Record<string, string>;
	provinces: Record<string, string>;
}

/** Remembers the answers (empty ones are skipped) and re-reads the draft. */
export function applyMapping(
	db: Db,
	options: { id: number; user: ActingUser; answers: MappingAnswers; address?: string | null }
): ImportSummary {
	const { id, user, answers } = options;
	const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
	if (!sub || user.role !== 'reporter' || user.reporterCode !== sub.reporterCode)
		throw new Refused(404, 'refused_no_submission');
	if (sub.status !== 'draft' || !sub.fileHash) throw new Refused(409, 'refused_map_not_draft');
	const fields = new Set<string>([...FIELDS, IGNORE]);
	const indicators = new Set(
		db
			.select({ code: t.indicator.code })
			.from(t.indicator)
			.all()
			.map((i) => i.code)
	);
	const provinces = new Set(
		db
			.select({ code: t.province.code })
			.from(t.province)
			.all()
			.map((p) => p.code)
	);
	const content = readStoredFile(db, sub.fileHash);
	if (!content) throw new Refused(409, 'refused_map_file_missing');

	return inTransaction(db, () => {
		const remember = (
			kind: 'header' | 'indicator' | 'province',
			given: Record<string, string>,
			known: Set<string>
		) => {
			for (const [source, target] of Object.entries(given)) {
				if (!target) continue;
				if (!known.has(target))
					throw new Refused(400, 'refused_map_not_choice', { choice: target });
				rememberMapping(db, { reporter: sub.reporterCode, kind, source, target, actor: user.id });
			}
		};
		remember('header', answers.headers, fields);
		remember('indicator', answers.indicators, indicators);
		remember('province', answers.provinces, provinces);
		const result = importFile(db, {
			file: { name: sub.fileName ?? 'upload.csv', content },
			reporter: sub.reporterCode,
			mode: 'draft',
			into: id,
			actor: user.id,
			address: options.address,
			maxBytes: importMaxBytes()
		});
		if ('refused' in result) throw refusedFile(result);
		return result;
	});
}

/** Remembers a reporter's mapping (replacing an earlier one for the same text). */
export function rememberMapping(
	db: Db,
	options: {
		reporter: string;
		kind: 'header' | 'indicator' | 'province';
		source: string;
		target: string;
		actor: string;
	}
): void {
	const source = normaliseName(options.source);
	db.delete(t.importMapping)
		.where(
			and(
				eq(t.importMapping.reporterCode, options.reporter),
				eq(t.importMapping.kind, options.kind),
				eq(t.importMapping.source, source)
			)
		)
		.run();
	db.insert(t.importMapping)
		.values({
			reporterCode: options.reporter,
			kind: options.kind,
			source,
			target: options.target,
			createdBy: options.actor
		})
		.run();
}
