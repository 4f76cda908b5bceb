import { expect, test } from '@playwright/test';
import { BASE_URL, signInPage } from './helpers';

/**
 * A Khmer-speaking reporter: the template comes with Khmer headers and names, and every reason a
 * row is rejected reads in Khmer, on the page and in the rejected rows' download.
 */
test('with the Khmer interface, the template has Khmer names and five kinds of bad row are explained in Khmer', async ({
	page,
	context
}) => {
	await signInPage(page, 'licadho');
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'km', url: BASE_URL }]);

	// The template, in the interface's language by default.
	const template = await page.request.get('/submissions/template.csv?period=2003Q2');
	expect(template.status()).toBe(200);
	const [header, first] = (await template.text()).split('\r\n');
	expect(header).toContain('ឈ្មោះសូចនាករ');
	expect(header).toContain('ឈ្មោះខេត្ត');
	expect(first.split(',')[2]).toMatch(/[\u1780-\u17ff]/);

	const rows = [
		'reporter,indicator,province,period,sex,age_group,value,note',
		'LICADHO,PROT-07,KH-12,2003Q2,total,all,-3,', // a negative figure
		'LICADHO,PROT-07,KH-12,2003Q2,female,all,four,', // not a number
		'LICADHO,PREV-99,KH-12,2003Q2,total,all,2,', // an unknown indicator
		'LICADHO,PROT-07,KH-12,2003Q7,total,all,2,', // not a quarter
		'LICADHO,PROT-07,KH-12,2003Q2,girls,all,2,', // an unknown sex
		'LICADHO,PROT-07,KH-8,2003Q2,total,all,5,',
		'LICADHO,PROT-07,KH-8,2003Q2,male,all,,' // left as the template gave it
	];
	await page.goto('/submissions/new');
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await page.locator('input[type=file]').setInputFiles({
		name: 'licadho-2003q2.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(rows.join('\n') + '\n')
	});
	await page.locator('form[action="?/upload"] button[type=submit]').click();
	await expect(page).toHaveURL(/\/submissions\/\d+$/);
	const id = page.url().split('/').at(-1);

	const reasons = ['តួលេខអវិជ្ជមាន', 'មិនមែនជាលេខទេ', 'សូចនាករមិនស្គាល់', 'មិនមែនជាត្រីមាសទេ', 'ភេទមិនស្គាល់'];
	const table = page.getByRole('table', { name: 'ជួរដែលបានបដិសេធ' });
	for (const reason of reasons) await expect(table).toContainText(reason);
	await expect(table).not.toContainText(/negative|not a number|unknown/);
	await expect(page.getByText('មិនទាន់បានបំពេញ')).toBeVisible();

	const csv = await page.request.get(`/submissions/${id}/rejected.csv`);
	const text = await csv.text();
	expect(text.split('\r\n')[0]).toBe('\ufeffជួរ,ជួរឈរ,តម្លៃ,បញ្ហា');
	for (const reason of reasons) expect(text).toContain(reason);
	expect(text).not.toMatch(/negative|not a number|unknown/);
	expect(text).toContain('\r\n2,');
});
