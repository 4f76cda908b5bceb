/**
 * The one way the server refuses a request it understood: a thrown `Refused`, with the HTTP
 * status a route answers with and a message of messages/*.json (its key and parameters). Its own
 * `message` is the English text, for the command line and the logs; routes show it in the
 * reader's language (`formAnswer` in route-answers.ts). Every message a refusal can be is listed
 * in REFUSALS, and a test checks that each is in both languages; a file the importer refuses
 * whole keeps the importer's own message (`refusedFile`).
 */
import type { z } from 'zod';
import { renderEnglish, type MessageParams } from '../domain/english';
import type { Refusal } from './import/messages';

/** Every message a refusal can be (keys of messages/*.json). */
export const REFUSALS = [
	'refused_not_allowed',
	'refused_no_submission',
	'refused_submission_draft',
	'refused_submission_submitted',
	'refused_submission_returned',
	'refused_submission_approved',
	'refused_submission_withdrawn',
	'refused_comment_required',
	'refused_comment_empty',
	'refused_comment_too_long',
	'refused_report_exists',
	'refused_map_not_draft',
	'refused_map_file_missing',
	'refused_map_not_choice',
	'submit_blocked_empty',
	'submit_blocked_mapping',
	'refused_email_invalid',
	'refused_name_required',
	'refused_role_required',
	'refused_reporter_required',
	'refused_reporter_unknown',
	'refused_email_exists',
	'refused_no_account',
	'refused_deactivate_self',
	'refused_reporter_code',
	'refused_name_en_required',
	'refused_kind_required',
	'refused_province_unknown',
	'refused_reporter_exists',
	'refused_no_reporter',
	'refused_k_range',
	'refused_reason_required',
	'refused_too_long',
	'refused_invalid',
	'refused_no_indicator',
	'refused_target_field',
	'refused_target_value',
	'refused_target_percent',
	'refused_target_year',
	'refused_target_unchanged',
	'refused_indicator_code',
	'refused_indicator_exists',
	'refused_area_unknown',
	'refused_indicator_names',
	'refused_indicator_definitions',
	'refused_indicator_kind',
	'refused_indicator_breakdown',
	'refused_indicator_unchanged',
	'refused_indicator_retired',
	'refused_indicator_not_assignable',
	'password_too_short',
	'password_too_long',
	'password_blank',
	'password_one_character',
	'password_common'
] as const;

/** A file refused whole: the importer's own messages. */
type FileRefusalKey = Refusal['message']['key'];

export type RefusedKey = (typeof REFUSALS)[number] | FileRefusalKey;

/** The statuses a refusal answers with. */
export type RefusedStatus = 400 | 403 | 404 | 409;

/** A refused request: `status` for the route, `key` and `params` for the reader's language. */
export class Refused extends Error {
	override name = 'Refused';
	constructor(
		readonly status: RefusedStatus,
		readonly key: RefusedKey,
		readonly params: MessageParams = {}
	) {
		super(renderEnglish(key, params));
	}
}

/** A file the importer refused whole, as the refusal of the step that read it (400). */
export function refusedFile(refusal: Refusal): Refused {
	return new Refused(400, refusal.message.key, refusal.message.params);
}

const isRefusedKey = (key: string): key is (typeof REFUSALS)[number] =>
	(REFUSALS as readonly string[]).includes(key);

/**
 * The data `schema` parses from `input`, or a `Refused` (400) for its first problem. The schema's
 * own messages are keys of REFUSALS; a text over its `max` is `refused_too_long`.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	if (issue.code === 'too_big')
		throw new Refused(400, 'refused_too_long', { max: Number(issue.maximum) });
	if (isRefusedKey(issue.message)) throw new Refused(400, issue.message);
	throw new Refused(400, 'refused_invalid', { field: String(issue.path[0] ?? '') });
}
