/**
 * The plan as data: reads a plan file (`data/plans/*.json`) and the province list
 * (`data/geo/provinces.csv`), checks them, and writes them into an empty database.
 *
 * A later plan is a new file, not code. `PLAN_FILE` names the file to load into an empty
 * database (see `config.ts`). Loading is one transaction: a plan file with an
 * error leaves the database as it was and says which entry is wrong.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { planFile, projectRoot } from './config';
import { inTransaction, type Db } from './db';
import * as t from './db/schema';
import type { Plan } from '../domain/plan-records';
import type { Target } from '../domain/progress';

export const PROVINCES_FILE = 'data/geo/provinces.csv';

const text = z.object({ en: z.string().min(1), km: z.string().min(1) });
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'codes are capital letters, digits and -');

const indicatorSchema = z.object({
	code,
	area: code,
	name: text,
	definition: text,
	unit: z.enum(['count', 'percent']),
	accumulation: z.enum(['sum', 'latest', 'mean']),
	direction: z.enum(['increase', 'decrease']),
	breakdowns: z.object({
		sex: z.array(z.enum(['female', 'male'])).optional(),
		age: z.array(z.enum(['under15', '15to17', 'under18', 'adult'])).optional()
	}),
	sensitive: z.boolean(),
	computed: z.boolean().optional(),
	target: z.object({
		baseline: z.number(),
		milestones: z.record(z.string().regex(/^\d{4}$/), z.number()),
		end: z.number()
	})
});

export const planFileSchema = z
	.object({
		code,
		title: text,
		firstYear: z.number().int().min(1900).max(2200),
		lastYear: z.number().int().min(1900).max(2200),
		deadlineDays: z.number().int().min(0).max(365).default(30),
		areas: z.array(z.object({ code, name: text, description: text })).min(1),
		indicators: z.array(indicatorSchema).min(1),
		reporters: z.array(
			z.object({
				code,
				kind: z.enum(['government', 'ngo', 'international']),
				name: text,
				provinces: z.array(z.string())
			})
		)
	})
	.superRefine((plan, ctx) => {
		const areas = new Set(plan.areas.map((a) => a.code));
		if (plan.lastYear < plan.firstYear)
			ctx.addIssue({ code: 'custom', path: ['lastYear'], message: 'ends before it starts' });
		const seen = new Set<string>();
		plan.indicators.forEach((ind, i) => {
			if (!areas.has(ind.area))
				ctx.addIssue({
					code: 'custom',
					path: ['indicators', i, 'area'],
					message: `no area ${ind.area}`
				});
			if (seen.has(ind.code))
				ctx.addIssue({ code: 'custom', path: ['indicators', i, 'code'], message: 'listed twice' });
			seen.add(ind.code);
			for (const year of Object.keys(ind.target.milestones).map(Number))
				if (year < plan.firstYear || year > plan.lastYear)
					ctx.addIssue({
						code: 'custom',
						path: ['indicators', i, 'target', 'milestones', String(year)],
						message: 'outside the plan years'
					});
		});
	});

export type PlanFile = z.infer<typeof planFileSchema>;

export interface ProvinceRow {
	code: string;
	nameEn: string;
	nameKm: string;
	level: 'capital' | 'province';
	validFromYear: number | null;
	parentCode: string | null;
}

/** Reads and checks a plan file; throws an error naming the file and each wrong entry. */
export function readPlanFile(file: string): PlanFile {
	const raw = JSON.parse(readFileSync(file, 'utf8'));
	const parsed = planFileSchema.safeParse(raw);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`The plan file ${file} has errors:\n${lines.join('\n')}`);
	}
	return parsed.data;
}

/**
 * Reads the province reference list. A unit created in year Y (Tboung Khmum, 2013) takes figures
 * from Y + 1: the decree that creates it takes effect the next year.
 */
export function readProvinces(file: string): ProvinceRow[] {
	const { data } = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
		header: true,
		skipEmptyLines: true
	});
	return data.map((r) => ({
		code: r.iso_code,
		nameEn: r.name_en,
		nameKm: r.name_km,
		level: r.type === 'capital' ? 'capital' : 'province',
		validFromYear: r.created_year ? Number(r.created_year) + 1 : null,
		parentCode: r.parent || null
	}));
}

/** Writes a plan and the provinces into a database that has none, in one transaction. */
export function loadPlan(db: Db, plan: PlanFile, provinces: ProvinceRow[]): void {
	const known = new Set(provinces.map((p) => p.code));
	for (const r of plan.reporters)
		for (const p of r.provinces)
			if (!known.has(p)) throw new Error(`Reporter ${r.code} works in an unknown province: ${p}`);

	inTransaction(db, () => {
		db.insert(t.province)
			.values([
				{ code: 'national', nameEn: 'National', nameKm: 'ថ្នាក់ជាតិ', level: 'national', position: 0 },
				...provinces.map((p, i) => ({ ...p, position: i + 1 }))
			])
			.run();
		const { id: planId } = db
			.insert(t.plan)
			.values({
				code: plan.code,
				titleEn: plan.title.en,
				titleKm: plan.title.km,
				firstYear: plan.firstYear,
				lastYear: plan.lastYear,
				deadlineDays: plan.deadlineDays
			})
			.returning({ id: t.plan.id })
			.get();
		db.insert(t.area)
			.values(
				plan.areas.map((a, i) => ({
					code: a.code,
					planId,
					position: i + 1,
					nameEn: a.name.en,
					nameKm: a.name.km,
					descriptionEn: a.description.en,
					descriptionKm: a.description.km
				}))
			)
			.run();
		plan.indicators.forEach((ind, i) => {
			db.insert(t.indicator)
				.values({
					code: ind.code,
					areaCode: ind.area,
					position: i + 1,
					nameEn: ind.name.en,
					nameKm: ind.name.km,
					definitionEn: ind.definition.en,
					definitionKm: ind.definition.km,
					unit: ind.unit,
					accumulation: ind.accumulation,
					direction: ind.direction,
					sexes: (ind.breakdowns.sex ?? []).join(','),
					ageGroups: (ind.breakdowns.age ?? []).join(','),
					sensitive: ind.sensitive,
					computed: ind.computed ?? false
				})
				.run();
			const { id: targetId } = db
				.insert(t.target)
				.values({
					indicatorCode: ind.code,
					baseline: ind.target.baseline,
					endTarget: ind.target.end
				})
				.returning({ id: t.target.id })
				.get();
			const milestones = Object.entries(ind.target.milestones).map(([year, value]) => ({
				targetId,
				year: Number(year),
				value
			}));
			if (milestones.length) db.insert(t.milestone).values(milestones).run();
		});
		for (const r of plan.reporters) {
			db.insert(t.reporter)
				.values({ code: r.code, nameEn: r.name.en, nameKm: r.name.km, kind: r.kind })
				.run();
			if (r.provinces.length)
				db.insert(t.reporterProvince)
					.values(r.provinces.map((provinceCode) => ({ reporterCode: r.code, provinceCode })))
					.run();
		}
		db.insert(t.auditLog)
			.values({
				actor: 'system',
				action: 'plan.load',
				subject: `plan:${planId}`,
				detail: JSON.stringify({ code: plan.code, indicators: plan.indicators.length })
			})
			.run();
	});
}

/** Loads the plan named by `PLAN_FILE` when the database has no plan yet. */
export function ensurePlan(db: Db): void {
	if (db.select({ id: t.plan.id }).from(t.plan).limit(1).get()) return;
	const root = projectRoot();
	const plan = readPlanFile(resolve(root, planFile()));
	loadPlan(db, plan, readProvinces(resolve(root, PROVINCES_FILE)));
}

/** The indicators figures can be uploaded for (not the computed or retired ones), in plan order. */
export function listUploadableIndicators(db: Db) {
	return db
		.select({ code: t.indicator.code, nameEn: t.indicator.nameEn, nameKm: t.indicator.nameKm })
		.from(t.indicator)
		.where(and(eq(t.indicator.computed, false), isNull(t.indicator.retiredAt)))
		.orderBy(asc(t.indicator.position))
		.all();
}

/** The plan, or an error if none is loaded (`ensurePlan` loads one at start-up). */
export function getPlan(db: Db): Plan {
	const plan = db.select().from(t.plan).get();
	if (!plan) throw new Error('No plan is loaded');
	return plan;
}

/** National targets of the plan's indicators, keyed by indicator code. */
export function loadTargets(db: Db, plan: Plan): Map<string, Target> {
	const rows = db
		.select({ target: t.target, milestone: t.milestone })
		.from(t.target)
		.leftJoin(t.milestone, eq(t.milestone.targetId, t.target.id))
		.where(eq(t.target.provinceCode, 'national'))
		.all();
	const out = new Map<string, Target>();
	for (const { target, milestone } of rows) {
		const entry = out.get(target.indicatorCode) ?? {
			firstYear: plan.firstYear,
			lastYear: plan.lastYear,
			baseline: target.baseline,
			endTarget: target.endTarget,
			milestones: {}
		};
		if (milestone) (entry.milestones as Record<number, number>)[milestone.year] = milestone.value;
		out.set(target.indicatorCode, entry);
	}
	return out;
}
