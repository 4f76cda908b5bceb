/**
 * Demonstration accounts, one per role and a reporter for two organisations, created with the
 * demonstration data. Their passwords are public (the README lists them): a real installation
 * starts with DEMO=0 and creates its accounts with `npm run user`.
 */
import { count } from 'drizzle-orm';
import type { Auth, Role } from '../auth';
import type { Db } from '../db';
import * as t from '../db/schema';
import { createUser } from '../users';

export const DEMO_ACCOUNTS: readonly {
	email: string;
	password: string;
	name: string;
	role: Role;
	reporterCode?: string;
}[] = [
	{
		email: 'admin@demo.example',
		password: 'demo-admin-2004',
		name: 'Sok Dara (CNCC secretariat)',
		role: 'admin'
	},
	{
		email: 'reviewer@demo.example',
		password: 'demo-reviewer-2004',
		name: 'Chan Sophea (sub-committee)',
		role: 'reviewer'
	},
	{
		email: 'licadho@demo.example',
		password: 'demo-licadho-2004',
		name: 'Kim Vanna (LICADHO)',
		role: 'reporter',
		reporterCode: 'LICADHO'
	},
	{
		email: 'cwcc@demo.example',
		password: 'demo-cwcc-2004',
		name: 'Meas Sreymom (CWCC)',
		role: 'reporter',
		reporterCode: 'CWCC'
	}
];

/** Creates the demonstration accounts if the database has no accounts at all. */
export async function createDemoAccounts(db: Db, auth: Auth): Promise<boolean> {
	if ((db.select({ n: count() }).from(t.user).get()?.n ?? 0) > 0) return false;
	for (const a of DEMO_ACCOUNTS) await createUser(db, auth, { ...a, actor: 'system' });
	return true;
}
