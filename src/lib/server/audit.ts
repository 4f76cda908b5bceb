/**
 * The audit trail: who did what, when, to what, from which address. Every change to the plan,
 * the users, the reporters and the submissions, and every sign-in, writes one row.
 */
import { and, desc, eq, gte, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';
import * as t from './db/schema';

export interface AuditEntry {
	/** A user id, or `system` / `cli` for work done without a signed-in user. */
	actor: string;
	/** Dotted verb: `sign_in`, `sign_in.failed`, `submission.approve`, `user.create`, … */
	action: string;
	/** What was acted on, e.g. `submission:42`, `user:<id>`, `reporter:LICADHO`. */
	subject?: string | null;
	detail?: unknown;
	address?: string | null;
	/** ISO time; now by default. */
	at?: string;
}

/** Writes one audit row (inside the caller's transaction, if any). */
export function audit(db: Db, entry: AuditEntry): void {
	db.insert(t.auditLog)
		.values({
			at: entry.at ?? new Date().toISOString(),
			actor: entry.actor,
			action: entry.action,
			subject: entry.subject ?? null,
			detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
			address: entry.address ?? null
		})
		.run();
}

export interface AuditFilter {
	action?: string;
	/** An actor id (`system`, `cli`, a user id) or part of a user's e-mail address. */
	actor?: string;
	subject?: string;
	/** ISO dates (inclusive). */
	from?: string;
	to?: string;
	limit?: number;
	offset?: number;
}

/** Flattens a JSON detail into `key: value` lines, for people to read. */
function readableDetail(detail: string | null): string[] {
	if (!detail) return [];
	try {
		const parsed = JSON.parse(detail) as Record<string, unknown>;
		return Object.entries(parsed)
			.filter(([, v]) => v !== undefined && v !== null)
			.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
	} catch {
		return [detail];
	}
}

/**
 * The newest audit rows first, filtered; users (as actor or subject) are shown with their
 * e-mail where known, details as readable lines.
 */
export function listAudit(db: Db, filter: AuditFilter = {}) {
	const subjectUser = alias(t.user, 'subject_user');
	const where: SQL[] = [];
	if (filter.action) where.push(like(t.auditLog.action, `${filter.action}%`));
	if (filter.actor)
		where.push(
			or(
				eq(t.auditLog.actor, filter.actor),
				like(t.user.email, `%${filter.actor.toLowerCase()}%`)
			) as SQL
		);
	if (filter.subject) where.push(like(t.auditLog.subject, `${filter.subject}%`));
	if (filter.from) where.push(gte(t.auditLog.at, filter.from));
	if (filter.to) where.push(lte(t.auditLog.at, `${filter.to}T23:59:59.999Z`));
	return db
		.select({
			id: t.auditLog.id,
			at: t.auditLog.at,
			actor: t.auditLog.actor,
			actorEmail: t.user.email,
			action: t.auditLog.action,
			subject: t.auditLog.subject,
			subjectEmail: subjectUser.email,
			detail: t.auditLog.detail,
			address: t.auditLog.address
		})
		.from(t.auditLog)
		.leftJoin(t.user, eq(t.user.id, t.auditLog.actor))
		.leftJoin(subjectUser, eq(sql`'user:' || ${subjectUser.id}`, t.auditLog.subject))
		.where(and(...where))
		.orderBy(desc(t.auditLog.id))
		.limit(filter.limit ?? 100)
		.offset(filter.offset ?? 0)
		.all()
		.map((r) => ({ ...r, detail: readableDetail(r.detail) }));
}
