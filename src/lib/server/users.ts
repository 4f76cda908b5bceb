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
import { FIELD_LIMITS } from '../domain/limits';
import { PASSWORD_PROBLEMS, passwordProblem, type PasswordProblem } from './password-rule';

export class UserError extends Error {
	constructor(
		message: string,
		readonly field?: string,
		/** For a password refused by the rule: which part of it (for the page's own words). */
		readonly passwordProblem?: PasswordProblem
	) {
		super(message);
	}
}

const newUserSchema = z.object({
	email: z.email('Enter a valid e-mail address').max(FIELD_LIMITS.email),
	name: z.string().trim().min(1, 'Enter a name').max(FIELD_LIMITS.name),
	role: z.enum(ROLES, 'Choose a role'),
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
 */
export async function createUser(
	db: Db,
	auth: Auth,
	input: NewUser
): Promise<{ id: string; password: string }> {
	const parsed = newUserSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new UserError(issue.message, String(issue.path[0] ?? ''));
	}
	const { email, name, role } = parsed.data;
	if (parsed.data.password !== undefined) {
		const problem = passwordProblem(parsed.data.password);
		if (problem) throw new UserError(PASSWORD_PROBLEMS[problem], 'password', problem);
	}
	const reporterCode = role === 'reporter' ? parsed.data.reporterCode || null : null;
	if (role === 'reporter') {
		if (!reporterCode)
			throw new UserError('A reporter belongs to one organisation: choose it', 'reporterCode');
		if (!db.select().from(t.reporter).where(eq(t.reporter.code, reporterCode)).get())
			throw new UserError(`There is no reporter organisation ${reporterCode}`, 'reporterCode');
	}
	if (db.select().from(t.user).where(eq(t.user.email, email.toLowerCase())).get())
		throw new UserError('An account with this e-mail address exists already', 'email');
	const password = parsed.data.password ?? generatePassword();
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
		if (changes === 0) throw new UserError('No such account');
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

/** Deactivates (signing the user out everywhere) or reactivates an account. */
export function setActive(
	db: Db,
	options: { userId: string; active: boolean; actor: string; address?: string | null }
): void {
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
		if (changes === 0) throw new UserError('No such account');
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
