import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receiveUpload } from './upload';

const post = (type: string, body: string) =>
	new Request('http://localhost/submissions/new', {
		method: 'POST',
		headers: { 'content-type': type },
		body
	});

describe('receiveUpload', () => {
	it('streams the file of a well-formed form to a temporary file', async () => {
		const body =
			'--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nindicator,value\r\n--b--\r\n';
		const got = await receiveUpload(post('multipart/form-data; boundary=b', body), {
			field: 'file',
			maxBytes: 1000
		});
		if (!('path' in got)) throw new Error(JSON.stringify(got));
		expect(got).toMatchObject({ name: 'a.csv', size: 15 });
		expect(readFileSync(got.path, 'utf8')).toBe('indicator,value');
		await got.dispose();
	});

	it('finds no file in a form it cannot read, instead of failing', async () => {
		const cut = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nhello';
		for (const [type, body] of [
			['multipart/form-data', 'x'],
			['multipart/form-data; boundary=', 'x'],
			['multipart/form-data; boundary=b', cut],
			['multipart/form-data; boundary=b', 'no parts at all']
		])
			expect(await receiveUpload(post(type, body), { field: 'file', maxBytes: 1000 })).toEqual({
				missing: true
			});
	});
});
