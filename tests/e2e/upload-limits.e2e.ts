import { expect, test } from '@playwright/test';
import { database, signInPage } from './helpers';

/**
 * Files over the import limit (IMPORT_MAX_MB, 2 MB for this server: playwright.config.ts) are
 * refused with the importer's size message, in the reader's language: one a little over the limit
 * (refused while it streams) and one over the server's own body limit (BODY_SIZE_LIMIT, a
 * megabyte above), which must not come back as "Payload Too Large" or an internal error.
 */
const SIZE_MESSAGE =
	'This file is larger than the limit of 2 MB. Split it into smaller files (for example one per quarter).';
const KHMER_SIZE_MESSAGE =
	'ឯកសារនេះធំជាងដែនកំណត់ ២ MB។ សូមបំបែកវាជាឯកសារតូចៗ (ឧទាហរណ៍ មួយឯកសារសម្រាប់មួយត្រីមាស)។';

/** A CSV file of about `bytes` bytes. */
const csv = (bytes: number) => {
	const header = 'reporter,indicator,province,period,sex,age_group,value,note\n';
	const row = 'LICADHO,PROT-02,KH-12,2004Q4,,,4,\n';
	return Buffer.from(header + row.repeat(Math.ceil(bytes / row.length)));
};
/** Submissions made from these files (other tests upload at the same time). */
const submissions = () => {
	const db = database();
	try {
		return (
			db.prepare(`SELECT count(*) AS n FROM submission WHERE file_name = 'large.csv'`).get() as {
				n: number;
			}
		).n;
	} finally {
		db.close();
	}
};

test('an upload over the limit gets the size message in the reader’s language, never an internal error', async ({
	page
}) => {
	await signInPage(page, 'licadho');
	await page.goto('/submissions/new');
	const upload = async (bytes: number) => {
		await page
			.locator('input[type=file]')
			.setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: csv(bytes) });
		await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
	};

	// Over the server's body limit too.
	await upload(3_500_000);
	await expect(page.getByRole('alert')).toHaveText(SIZE_MESSAGE);
	// Just over the import limit, under the server's body limit: refused while it streams.
	await upload(2_200_000);
	await expect(page.getByRole('alert')).toHaveText(SIZE_MESSAGE);

	// In Khmer, the same refusal in Khmer, with Khmer digits.
	await page.getByRole('button', { name: 'ខ្មែរ' }).click();
	await page.goto('/submissions/new');
	await upload(3_500_000);
	await expect(page.getByRole('alert')).toHaveText(KHMER_SIZE_MESSAGE);

	// Nothing of them was kept.
	expect(submissions()).toBe(0);
});
