import { expect, test } from '@playwright/test';
import { signInPage } from './helpers';

/** What a spreadsheet program saves: a byte-order mark, semicolons, Khmer province names, an
 * unknown column, an indicator by a name the plan does not use, a number in words. */
const MESSY = Buffer.concat([
	Buffer.from([0xef, 0xbb, 0xbf]),
	Buffer.from(
		[
			'Reporter;Indicator;Where;Quarter;Sex;Age group;Value;Note',
			'CWCC;Child victims given free legal assistance;ភ្នំពេញ;Q4 2004;female;;"1,204";',
			'CWCC;Child victims given free legal assistance;ភ្នំពេញ;Q4 2004;;;1310;',
			'CWCC;Shelter admissions;បាត់ដំបង;2004-Q4;;;១២;new shelter',
			'CWCC;Counselling;Banteay Meanchey;2004Q4;;;forty;'
		].join('\r\n') + '\r\n'
	)
]);

test('a reporter uploads a messy file, maps what is unknown, sees the problems, submits, finds it', async ({
	page
}) => {
	await signInPage(page, 'cwcc');
	await page.getByRole('link', { name: 'Upload a file' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Upload a quarterly file');

	// The template for the quarter downloads.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download the template' }).click();
	expect((await download).suggestedFilename()).toMatch(/^cwcc-2004q4-template\.csv$/);

	await page
		.locator('input[type=file]')
		.setInputFiles({ name: 'cwcc q4.csv', mimeType: 'text/csv', buffer: MESSY });
	await page.getByRole('button', { name: 'Upload and check' }).click();
	await expect(page).toHaveURL(/\/submissions\/\d+$/);
	const id = page.url().split('/').at(-1);

	// The importer did not know the column "Where": the reporter says it is the province.
	await expect(page.getByRole('heading', { name: 'Tell us what these mean' })).toBeVisible();
	await page.getByLabel('The column “Where” is').selectOption('province');
	await page.getByRole('button', { name: 'Read the file again' }).click();
	await expect(page.getByRole('status')).toContainText('read again with your answers');

	// Now it reads the rows and asks about the names it does not know.
	await page.getByLabel('The indicator “Shelter admissions” is').selectOption('RECO-01');
	await page.getByLabel('The indicator “Counselling” is').selectOption('RECO-03');
	await page.getByRole('button', { name: 'Read the file again' }).click();
	await expect(page.getByRole('heading', { name: 'Tell us what these mean' })).toHaveCount(0);

	// Three valid rows; the one with a number in words is rejected, by row, column, value and reason.
	await expect(page.getByText('4 rows read: 3 valid, 1 rejected.')).toBeVisible();
	const rejected = page.getByRole('table', { name: 'Rejected rows' }).getByRole('row').nth(1);
	await expect(rejected).toContainText('5');
	await expect(rejected).toContainText('Value');
	await expect(rejected).toContainText('forty');
	await expect(rejected).toContainText('not a number');
	await expect(page.getByRole('link', { name: /Download the rejected rows/ })).toBeVisible();

	// Submit the valid rows; the submission is in the list, submitted.
	await page.getByRole('button', { name: 'Submit for review' }).click();
	await expect(page.getByRole('status')).toHaveText('Done: the submission is now submitted.');
	await page.goto('/submissions?status=submitted');
	await expect(page.getByRole('link', { name: `#${id} cwcc q4.csv` })).toBeVisible();

	// The answers are remembered: the same kind of file from CWCC needs no mapping next time.
	await page.goto('/submissions/new');
	await page.locator('input[type=file]').setInputFiles({
		name: 'cwcc q4 again.csv',
		mimeType: 'text/csv',
		buffer: Buffer.concat([MESSY, Buffer.from('CWCC;Counselling;Kandal;2004Q4;;;3;\r\n')])
	});
	await page.getByRole('button', { name: 'Upload and check' }).click();
	await expect(page).toHaveURL(/\/submissions\/\d+$/);
	await expect(page.getByRole('heading', { name: 'Tell us what these mean' })).toHaveCount(0);
	await expect(page.getByText('5 rows read: 4 valid, 1 rejected.')).toBeVisible();
});

test('a file that is not a CSV is refused with the reason, and nothing is kept', async ({
	page
}) => {
	await signInPage(page, 'cwcc');
	await page.goto('/submissions/new');
	await page.locator('input[type=file]').setInputFiles({
		name: 'report.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
	});
	await page.getByRole('button', { name: 'Upload and check' }).click();
	await expect(page.getByRole('alert')).toContainText('Excel workbook');
	await expect(page).toHaveURL(/\/submissions\/new$/);
});

test('a second upload of a quarter asks to replace the earlier draft or keep both; a file with no valid figure cannot be submitted', async ({
	page
}) => {
	const file = (name: string, value: string) => ({
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(
			`indicator,province,period,sex,age_group,value\nPROT-07,KH-12,2001Q3,total,all,${value}\n`
		)
	});
	const upload = async (name: string, value: string) => {
		await page.goto('/submissions/new');
		await page.locator('input[type=file]').setInputFiles(file(name, value));
		await page.getByRole('button', { name: 'Upload and check' }).click();
		await expect(page).toHaveURL(/\/submissions\/\d+$/);
		return page.url().split('/').at(-1) as string;
	};
	await signInPage(page, 'licadho');

	// A file whose only row is rejected: the reason is given instead of the submit button.
	const empty = await upload('licadho q3 wrong.csv', '-4');
	await expect(page.getByText('This submission holds no valid figure')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Submit for review' })).toHaveCount(0);

	// A valid file, then a corrected one of the same quarter: the earlier draft is named, and kept
	// until the reporter replaces it.
	const first = await upload('licadho q3.csv', '4');
	await expect(page.getByRole('region', { name: 'Another draft of this quarter' })).toHaveCount(0);
	const second = await upload('licadho q3 corrected.csv', '5');
	const question = page.getByRole('region', { name: 'Another draft of this quarter' });
	await expect(question).toContainText(`Submission ${first}`);
	await expect(question).not.toContainText(`Submission ${empty}`);
	await expect(page.getByRole('button', { name: 'Submit for review' })).toBeVisible();
	await question.getByRole('button', { name: 'Replace it with this draft' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'The earlier draft was withdrawn: this draft replaces it.'
	);
	await expect(page.getByRole('region', { name: 'Another draft of this quarter' })).toHaveCount(0);
	await page.goto(`/submissions/${first}`);
	await expect(page.getByText('withdrawn', { exact: true })).toBeVisible();
	await page.goto(`/submissions/${second}`);
	await expect(page.getByText('draft', { exact: true })).toBeVisible();
});
