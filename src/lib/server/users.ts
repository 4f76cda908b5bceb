/**
 * User accounts, for admins and the `npm run user` command: create (with a role and, for a
 * reporter, its one organisation), reset a password (a generated one, shown once), deactivate and
 * reactivate. Every change revokes what it must (sessions) and writes an audit row.
 *
 * There is no public sign-up: this module is the only way an account comes to exist.
 */
import { and, asc, eq } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { audit } from './audit';
import { hashPassword, ROLES, type Auth, type Role } from './auth';
import { inTransaction, type Db } from './db';
import * as t from './db/schema';
import { FIELD_LIMITS, MIN_PASSWORD } from '../domain/limits';
import { passwordProblem } from './password-rule';
import { parseOrRefuse, Refused } from './refused';

// Its messages are keys of messages/*.json (refused.ts).
const newUserSchema = z.object({
	email: z.email('refused_email_invalid').max(FIELD_LIMITS.email),
	name: z.string().trim().min(1, 'refused_name_required').max(FIELD_LIMITS.name),
	role: z.enum(ROLES, 'refused_role_required'),
	reporterCode: z.string().trim().toUpperCase().optional().nullable(),
	password: z.string().optional()
});

export type NewUser = z.input<typeof newUserSchema> & { actor: string; address?: string | null };

/** A password of 20 letters and digits, without look-alikes (0/O, 1/l/I), in groups of five. */
export function generatePassword(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
	return chars.join('').match(/.{5}/g)!.join('-');
}

/**
 * Creates an account. Returns its id and its password (the given one, or a generated one to show
 * once). A reporter must belong to an existing reporter organisation; other roles to none.
 * Refuses (400) a field that is wrong, a password against the rule, an existing e-mail address.
 */
export async function createUser(
	db: Db,
	auth: Auth,
	input: NewUser
): Promise<{ id: string; password: string }> {
	const parsed = parseOrRefuse(newUserSchema, input);
	const { email, name, role } = parsed;
	if (parsed.password !== undefined) {
		const problem = passwordProblem(parsed.password);
		if (problem)
			throw new Refused(400, `password_${problem}`, {
				min: MIN_PASSWORD,
				max: FIELD_LIMITS.password
			});
	}
	const reporterCode = role === 'reporter' ? parsed.reporterCode || null : null;
	if (role === 'reporter') {
		if (!reporterCode) throw new Refused(400, 'refused_reporter_required');
		if (!db.select().from(t.reporter).where(eq(t.reporter.code, reporterCode)).get())
			throw new Refused(400, 'refused_reporter_unknown', { code: reporterCode });
	}
	if (db.select().from(t.user).where(eq(t.user.email, email.toLowerCase())).get())
		throw new Refused(400, 'refused_email_exists');
	const password = parsed.password ?? generatePassword();
	const { user } = await auth.api.createUser({
		body: { email, name, password, role, data: { reporterCode } }
	});
	audit(db, {
		actor: input.actor,
		action: 'user.create',
		subject: `user:${user.id}`,
		detail: { email: user.email, role, reporterCode },
		address: input.address
	});
	return { id: user.id, password };
}

/** Sets a new generated password (returned, to show once) and signs the user out everywhere. */
export async function resetPassword(
	db: Db,
	options: { userId: string; actor: string; address?: string | null }
): Promise<string> {
	const password = generatePassword();
	const digest = await hashPassword(password);
	inTransaction(db, () => {
		const { changes } = db
			.update(t.account)
			.set({ password: digest, updatedAt: new Date() })
			.where(and(eq(t.account.userId, options.userId), eq(t.account.providerId, 'credential')))
			.run();
		if (changes === 0) throw new Refused(400, 'refused_no_account');
		db.delete(t.session).where(eq(t.session.userId, options.userId)).run();
		audit(db, {
			actor: options.actor,
			action: 'user.reset_password',
			subject: `user:${options.userId}`,
			address: options.address
		});
	});
	return password;
}

/**
 * Deactivates (signing the user out everywhere) or reactivates an account; an admin cannot
 * deactivate their own.
 */
export function setActive(
	db: Db,
	options: { userId: string; active: boolean; actor: string; address?: string | null }
): void {
	if (!options.active && options.userId === options.actor)
		throw new Refused(400, 'refused_deactivate_self');
	inTransaction(db, () => {
		const { changes } = db
			.update(t.user)
			.set({
				banned: !options.active,
				banReason: options.active ? null : 'Deactivated by an administrator',
				updatedAt: new Date()
			})
			.where(eq(t.user.id, options.userId))
			.run();
		if (changes === 0) throw new Refused(400, 'refused_no_account');
		if (!options.active) db.delete(t.session).where(eq(t.session.userId, options.userId)).run();
		audit(db, {
			actor: options.actor,
			action: options.active ? 'user.reactivate' : 'user.deactivate',
			subject: `user:${options.userId}`,
			address: options.address
		});
	});
}

/** Every account, by e-mail, with its role, organisation and whether it is active. */
export function listUsers(db: Db) {
	return db
		.select({
			id: t.user.id,
			email: t.user.email,
			name: t.user.name,
			role: t.user.role,
			reporterCode: t.user.reporterCode,
			banned: t.user.banned,
			createdAt: t.user.createdAt
		})
		.from(t.user)
		.orderBy(asc(t.user.email))
		.all()
		.map((u) => ({ ...u, role: u.role as Role, active: !u.banned }));
}
