/**
 * The plan in the database as a plan file (the format of `data/plans/*.json`, checked by
 * `planFileSchema`): what `npm run plan -- export` writes, and what a plan file is compared with
 * (`diffPlans`). Reads only. Exporting the plan a file loaded gives that file back, entry for
 * entry (plan-export.spec.ts).
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from './db';
import * as t from './db/schema';
import { getPlan, planFileSchema, type PlanFile } from './plan';

const list = (text: string) => (text ? text.split(',') : []);

/** The current plan as a plan file. */
export function exportPlan(db: Db): PlanFile {
	const plan = getPlan(db);
	const areas = db
		.select()
		.from(t.area)
		.where(eq(t.area.planId, plan.id))
		.orderBy(asc(t.area.position))
		.all();
	// National targets with their milestones, by indicator.
	const targets = new Map<
		string,
		{ baseline: number; end: number; milestones: Record<string, number> }
	>();
	const byId = new Map<number, Record<string, number>>();
	for (const target of db
		.select()
		.from(t.target)
		.where(eq(t.target.provinceCode, 'national'))
		.all()) {
		const milestones: Record<string, number> = {};
		targets.set(target.indicatorCode, {
			baseline: target.baseline,
			end: target.endTarget,
			milestones
		});
		byId.set(target.id, milestones);
	}
	for (const m of db.select().from(t.milestone).orderBy(asc(t.milestone.year)).all()) {
		const milestones = byId.get(m.targetId);
		if (milestones) milestones[String(m.year)] = m.value;
	}
	const indicators = db
		.select()
		.from(t.indicator)
		.innerJoin(t.area, eq(t.area.code, t.indicator.areaCode))
		.where(eq(t.area.planId, plan.id))
		.orderBy(asc(t.indicator.position))
		.all()
		.map(({ indicator: i }) => {
			const entry = targets.get(i.code);
			const sex = list(i.sexes) as ('female' | 'male')[];
			const age = list(i.ageGroups) as ('under15' | '15to17' | 'under18' | 'adult')[];
			return {
				code: i.code,
				area: i.areaCode,
				name: { en: i.nameEn, km: i.nameKm },
				definition: { en: i.definitionEn, km: i.definitionKm },
				unit: i.unit,
				accumulation: i.accumulation,
				direction: i.direction,
				breakdowns: { ...(sex.length ? { sex } : {}), ...(age.length ? { age } : {}) },
				sensitive: i.sensitive,
				...(i.computed ? { computed: true } : {}),
				target: entry ?? { baseline: 0, milestones: {}, end: 0 }
			};
		});
	const provinces = db
		.select({
			reporter: t.reporterProvince.reporterCode,
			province: t.reporterProvince.provinceCode
		})
		.from(t.reporterProvince)
		.all();
	const reporters = db
		.select()
		.from(t.reporter)
		.orderBy(asc(t.reporter.code))
		.all()
		.map((r) => ({
			code: r.code,
			kind: r.kind,
			name: { en: r.nameEn, km: r.nameKm },
			provinces: provinces.filter((p) => p.reporter === r.code).map((p) => p.province)
		}));
	// Through the schema, so that what is written is a plan file the loader takes.
	return planFileSchema.parse({
		code: plan.code,
		title: { en: plan.titleEn, km: plan.titleKm },
		firstYear: plan.firstYear,
		lastYear: plan.lastYear,
		deadlineDays: plan.deadlineDays,
		areas: areas.map((a) => ({
			code: a.code,
			name: { en: a.nameEn, km: a.nameKm },
			description: { en: a.descriptionEn, km: a.descriptionKm }
		})),
		indicators,
		reporters
	});
}
