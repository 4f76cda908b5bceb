import { describe, expect, it } from 'vitest';
import { findIdentifying, flaggedPieces, type Flag, type IdentifyingKind } from './identifying';

type Expected = [kind: IdentifyingKind, part: string];

/** Passages with something that could identify a child, and the parts that must be flagged. */
const FOUND: [text: string, expected: Expected[]][] = [
	['A girl named Srey Mom was brought to the shelter.', [['name', 'Srey Mom']]],
	['Mr Sok Dara, the father, refused to cooperate.', [['name', 'Mr Sok Dara']]],
	['Ms. Chan Thy called the hotline twice.', [['name', 'Ms. Chan Thy']]],
	['The girl called Lina said she had been sold twice.', [['name', 'Lina']]],
	['Dara, 14, told staff she wanted to go home.', [['name', 'Dara']]],
	['Vanna (13) is now back at school.', [['name', 'Vanna']]],
	[
		'A 14-year-old girl from Poipet was found in a karaoke bar.',
		[['age_place', '14-year-old girl from Poipet']]
	],
	[
		'The boy, aged 13, was returned to his family in Kampot.',
		[['age_place', 'aged 13, was returned to his family in Kampot']]
	],
	[
		'She is 15 years of age and lives in Svay Pak.',
		[['age_place', '15 years of age and lives in Svay Pak']]
	],
	[
		'In May 2003 a girl, 16, from Kandal called the hotline.',
		[['age_place', 'girl, 16, from Kandal']]
	],
	['A fifteen-year-old boy from Koh Kong was referred.', [['age_place', 'fifteen-year-old boy']]],
	['The victim, aged 12, lived in Battambang.', [['age_place', 'aged 12, lived in Battambang']]],
	['The family lives in Svay Pak village.', [['place', 'Svay Pak village']]],
	['She was recruited in the village of Chong Kneas.', [['place', 'village of Chong Kneas']]],
	['Outreach in Phum Trapeang Veng reached most households.', [['place', 'Phum Trapeang Veng']]],
	['Two girls came back to Prek Leap commune last month.', [['place', 'Prek Leap commune']]],
	['The child was rescued on 12 March 2003.', [['date', '12 March 2003']]],
	['On March 12, 2003 the police raided the brothel.', [['date', 'March 12, 2003']]],
	['The hearing took place on 05/06/2003.', [['date', '05/06/2003']]],
	['The file was opened on 2003-04-17.', [['date', '2003-04-17']]],
	['She left home on the 3rd of May.', [['date', '3rd of May']]],
	['Call her mother on 012 345 678 for follow-up.', [['phone', '012 345 678']]],
	['Contact: +855 12 345 678.', [['phone', '+855 12 345 678']]],
	['Her uncle can be reached at 097-555-1234.', [['phone', '097-555-1234']]],
	['Write to dara.sok@example.org for the papers.', [['contact', 'dara.sok@example.org']]],
	['See case no. 2003/45 at the provincial court.', [['case_number', 'case no. 2003/45']]],
	['The complaint number 77 was closed.', [['case_number', 'complaint number 77']]],
	[
		'She stayed at house No. 12, street 271.',
		[
			['address', 'house No. 12'],
			['address', 'street 271']
		]
	],
	['ក្មេងស្រីឈ្មោះ សុខ ណា ត្រូវបានជួយសង្គ្រោះ។', [['name', 'សុខ ណា']]],
	['លោក ចាន់ ធី ជាឪពុករបស់ជនរងគ្រោះ។', [['name', 'ចាន់ ធី']]],
	['កញ្ញា ស្រីពៅ បានទូរស័ព្ទមកខ្សែទូរស័ព្ទជំនួយ។', [['name', 'ស្រីពៅ']]],
	['អ្នកស្រី សុខា ជាម្ដាយចិញ្ចឹម។', [['name', 'សុខា']]],
	['ក្មេងស្រីអាយុ១៤ឆ្នាំ មកពីខេត្តបាត់ដំបង ត្រូវបានរកឃើញ។', [['age_place', 'អាយុ១៤ឆ្នាំ មកពីខេត្តបាត់ដំបង']]],
	['កុមារាអាយុ 13 ឆ្នាំ រស់នៅស្រុកមោងឫស្សី។', [['age_place', 'អាយុ 13 ឆ្នាំ រស់នៅស្រុកមោងឫស្សី']]],
	['គ្រួសាររស់នៅភូមិត្រពាំងវែង ។', [['place', 'ភូមិត្រពាំងវែង']]],
	['ជនរងគ្រោះមកពីឃុំស្វាយប៉ាក។', [['place', 'ឃុំស្វាយប៉ាក']]],
	['ករណីនេះកើតឡើងនៅថ្ងៃទី១២ ខែមីនា ឆ្នាំ២០០៣។', [['date', 'ថ្ងៃទី១២ ខែមីនា']]],
	['សូមទាក់ទងម្ដាយរបស់នាងតាមលេខ ០១២ ៣៤៥ ៦៧៨។', [['phone', '០១២ ៣៤៥ ៦៧៨']]],
	['សំណុំរឿងលេខ ៤៥/២០០៣ ត្រូវបានបញ្ជូនទៅតុលាការ។', [['case_number', 'សំណុំរឿងលេខ ៤៥/២០០៣']]],
	['នាងស្នាក់នៅផ្ទះលេខ ១២ ក្បែរផ្សារ។', [['address', 'ផ្ទះលេខ ១២']]],
	[
		'A 16-year-old from ភូមិព្រែកលៀប was trafficked.',
		[
			['age_place', '16-year-old'],
			['place', 'ភូមិព្រែកលៀប']
		]
	]
];

/** Programme language, in both languages: nothing to flag. */
const CLEAN: string[] = [
	'Training for 40 police officers in three provinces.',
	'In 2003, the hotline received 1,200 calls from 14 provinces.',
	'Children aged 12 to 17 in Battambang took part in life-skills sessions.',
	'The second quarter of 2003 saw more referrals than March 2003.',
	'Village chiefs in Kampot and Takeo were trained on safe migration.',
	'The Ministry of Social Affairs opened two shelters in Phnom Penh.',
	'Community watch groups were set up in 25 villages.',
	'Reintegration follow-up visits reached 85 per cent of families in Q3.',
	'The National Committee met in June to review the plan.',
	'Budget: 12,500 USD for the awareness campaign, 2,000 leaflets printed.',
	'A new hotline, 1280, was set up with the police.',
	'Indicator PROT-02 rose from 45 to 60 between 2002 and 2003.',
	'Phase 2, the provincial roll-out, starts in Siem Reap next year.',
	'Building 3 shelters took longer than planned; 0.5 per cent of the budget is left.',
	'The 2003 survey of 400 households in Prey Veng found more awareness of safe migration.',
	'វគ្គបណ្ដុះបណ្ដាលសម្រាប់មន្ត្រីនគរបាល ៤០ នាក់ ក្នុងខេត្តចំនួនបី។',
	'ក្រុមប្រឹក្សាឃុំ សង្កាត់ បានចូលរួមក្នុងកិច្ចប្រជុំ។',
	'ការងារនេះធ្វើឡើងក្នុងភូមិចំនួន ២៥។',
	'ការសិក្សាភូមិសាស្ត្រនៃការជួញដូរកុមារ។',
	'កុមារអាយុពី ១២ ដល់ ១៧ ឆ្នាំ ក្នុងខេត្តកំពត បានចូលរួម។',
	'ក្រសួងសង្គមកិច្ចបានបើកមណ្ឌលស្នាក់នៅពីរ នៅរាជធានីភ្នំពេញ។',
	'ពិភពលោកបានទទួលស្គាល់បញ្ហានេះ។',
	'លោកអ្នកអាចទាក់ទងខ្សែទូរស័ព្ទ ១២៨០។',
	'ក្នុងត្រីមាសទី២ ឆ្នាំ២០០៣ ការបញ្ជូនបានកើនឡើង។',
	'ឈ្មោះអង្គការ៖ មូលនិធិកុមារ',
	'ការប្រជុំប្រចាំខែមីនា ឆ្នាំ២០០៣ បានពិនិត្យផែនការ។'
];

function covering(text: string, flags: Flag[], [kind, part]: Expected): Flag | undefined {
	const at = text.indexOf(part);
	if (at < 0) throw new Error(`"${part}" is not in "${text}"`);
	return flags.find((f) => f.start <= at && f.end >= at + part.length && f.kinds.includes(kind));
}

describe('findIdentifying', () => {
	it('has at least forty hand-written passages in both languages', () => {
		expect(FOUND.length + CLEAN.length).toBeGreaterThanOrEqual(40);
		const khmer = (t: string) => /[\u1780-\u17FF]/.test(t);
		expect(FOUND.filter(([t]) => khmer(t)).length).toBeGreaterThanOrEqual(10);
		expect(CLEAN.filter(khmer).length).toBeGreaterThanOrEqual(10);
	});

	it.each(FOUND)('flags what identifies in %s', (text, expected) => {
		const flags = findIdentifying(text);
		for (const e of expected) expect(covering(text, flags, e), `${e[0]} "${e[1]}"`).toBeDefined();
	});

	it.each(FOUND)('flags nothing else in %s', (text, expected) => {
		const parts = expected.map(([, part]) => {
			const at = text.indexOf(part);
			return [at, at + part.length];
		});
		for (const f of findIdentifying(text)) {
			const overlaps = parts.some(([s, e]) => f.start < e && f.end > s);
			expect(overlaps, `"${text.slice(f.start, f.end)}" (${f.kinds})`).toBe(true);
		}
	});

	it.each(CLEAN)('flags nothing in %s', (text) => {
		const flags = findIdentifying(text);
		expect(flags.map((f) => `${text.slice(f.start, f.end)} (${f.kinds})`)).toEqual([]);
	});

	it('finds a place without its title through the places it is given', () => {
		const text = 'ក្មេងប្រុសអាយុ១៥ឆ្នាំ នៅបាត់ដំបង ត្រូវបានបញ្ជូនមកវិញ។';
		expect(findIdentifying(text)).toEqual([]);
		const flags = findIdentifying(text, { places: ['បាត់ដំបង', 'Battambang'] });
		expect(flags.map((f) => f.kinds)).toEqual([['age_place']]);
	});

	it('merges overlapping flags and keeps every reason', () => {
		const text = 'A 16-year-old from ភូមិព្រែកលៀប was trafficked.';
		const flags = findIdentifying(text);
		expect(flags).toHaveLength(1);
		expect(flags[0].kinds.sort()).toEqual(['age_place', 'place']);
		expect(text.slice(flags[0].start, flags[0].end)).toBe(text.slice(0, -1));
	});

	it('gives spans without surrounding spaces, in order', () => {
		const text = 'Call 012 345 678. Ms. Chan Thy lives in Svay Pak village.';
		const flags = findIdentifying(text);
		const texts = flags.map((f) => text.slice(f.start, f.end));
		expect(texts).toEqual(['012 345 678', 'Ms. Chan Thy', 'Svay Pak village']);
		for (const t of texts) expect(t.trim()).toBe(t);
	});
});

describe('Khmer digits', () => {
	it('flag the same characters as the Latin digits would', () => {
		const text = 'លេខ ០១២ ៣៤៥ ៦៧៨ ហើយ 012 345 678';
		const [khmer, latin] = findIdentifying(text).map((f) => text.slice(f.start, f.end));
		expect([khmer, latin]).toEqual(['០១២ ៣៤៥ ៦៧៨', '012 345 678']);
	});
});

describe('flaggedPieces', () => {
	it('cuts a text into plain and flagged pieces that join back to the text', () => {
		const text = 'The girl named Srey Mom, from Svay Pak village, is safe.';
		const pieces = flaggedPieces(text, findIdentifying(text));
		expect(pieces.map((p) => p.text).join('')).toBe(text);
		expect(pieces.filter((p) => p.kinds).map((p) => [p.text, p.kinds])).toEqual([
			['Srey Mom', ['name']],
			['Svay Pak village', ['place']]
		]);
	});
});
