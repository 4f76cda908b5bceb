/**
 * The plan as the secretariat keeps it: indicators added (with their national target) and their
 * names and definitions revised, and revisions of an indicator's targets (its baseline, a year's
 * milestone, its end target), each in one transaction with its history row (`target_revision`)
 * or its audit entry — who, when, the value before and after, and the reason. The value in force
 * is the record's own; the public sees it at the next release, like every change of what public
 * pages show.
 */
import { and, asc, count, desc, eq, max } from 'drizzle-orm';
import {
	indicatorProblem,
	textChangeProblem,
	type IndicatorDraft,
	type IndicatorTexts
} from '../domain/indicator-draft';
import {
	targetProblem,
	type TargetChange,
	type TargetField,
	type TargetRevision
} from '../domain/target-revision';
import { FIELD_LIMITS } from '../domain/limits';
import { audit } from './audit';
import { inTransaction, type Db } from './db';
import * as t from './db/schema';
import { getPlan, loadTargets } from './plan';
import { Refused } from './refused';

/** A target's value in force for a field (and year): null for a milestone not set. */
function currentValue(db: Db, targetId: number, field: TargetField, year: number | null) {
	if (field !== 'milestone') {
		const target = db.select().from(t.target).where(eq(t.target.id, targetId)).get();
		return field === 'baseline' ? (target?.baseline ?? null) : (target?.endTarget ?? null);
	}
	const m = db
		.select({ value: t.milestone.value })
		.from(t.milestone)
		.where(and(eq(t.milestone.targetId, targetId), eq(t.milestone.year, year ?? 0)))
		.get();
	return m?.value ?? null;
}

/**
 * Revises one national target of an indicator. Refused (400) with the reason when the change is
 * not one the indicator can hold, (404) for an indicator that does not exist, (409) when the
 * value is the one in force already. Returns the value before and after.
 */
export function reviseTarget(
	db: Db,
	options: {
		indicator: string;
		change: TargetChange;
		actor: string;
		at?: string;
		address?: string | null;
	}
): { before: number | null; after: number } {
	const { change } = options;
	return inTransaction(db, () => {
		const plan = getPlan(db);
		const indicator = db
			.select()
			.from(t.indicator)
			.where(eq(t.indicator.code, options.indicator))
			.get();
		if (!indicator) throw new Refused(404, 'refused_no_indicator');
		const problem = targetProblem(change, { ...plan, unit: indicator.unit });
		if (problem) throw new Refused(400, problem, { first: plan.firstYear, last: plan.lastYear });
		const target =
			db
				.select()
				.from(t.target)
				.where(
					and(eq(t.target.indicatorCode, indicator.code), eq(t.target.provinceCode, 'national'))
				)
				.get() ??
			db
				.insert(t.target)
				.values({ indicatorCode: indicator.code, baseline: 0, endTarget: 0 })
				.returning()
				.get();
		const year = change.field === 'milestone' ? change.year : null;
		const before = currentValue(db, target.id, change.field, year);
		if (before === change.value) throw new Refused(409, 'refused_target_unchanged');

		if (change.field === 'baseline')
			db.update(t.target).set({ baseline: change.value }).where(eq(t.target.id, target.id)).run();
		else if (change.field === 'end')
			db.update(t.target).set({ endTarget: change.value }).where(eq(t.target.id, target.id)).run();
		else
			db.insert(t.milestone)
				.values({ targetId: target.id, year: year as number, value: change.value })
				.onConflictDoUpdate({
					target: [t.milestone.targetId, t.milestone.year],
					set: { value: change.value }
				})
				.run();
		const at = options.at ?? new Date().toISOString();
		const reason = change.reason.trim();
		db.insert(t.targetRevision)
			.values({
				targetId: target.id,
				field: change.field,
				year,
				before,
				after: change.value,
				reason,
				revisedBy: options.actor,
				revisedAt: at
			})
			.run();
		audit(db, {
			at,
			actor: options.actor,
			action: 'plan.target.revise',
			subject: `indicator:${indicator.code}`,
			detail: { field: change.field, year, before, after: change.value, reason },
			address: options.address
		});
		return { before, after: change.value };
	});
}

/** The revisions of an indicator's national targets, the latest first (who revised: the audit log). */
export function targetRevisions(db: Db, indicator: string): TargetRevision[] {
	return allTargetRevisions(db).get(indicator) ?? [];
}

/** The revisions of every indicator's national targets, by indicator, the latest first. */
export function allTargetRevisions(db: Db): Map<string, TargetRevision[]> {
	const rows = db
		.select({
			indicator: t.target.indicatorCode,
			field: t.targetRevision.field,
			year: t.targetRevision.year,
			before: t.targetRevision.before,
			after: t.targetRevision.after,
			reason: t.targetRevision.reason,
			at: t.targetRevision.revisedAt
		})
		.from(t.targetRevision)
		.innerJoin(t.target, eq(t.target.id, t.targetRevision.targetId))
		.where(eq(t.target.provinceCode, 'national'))
		.orderBy(desc(t.targetRevision.revisedAt), desc(t.targetRevision.id))
		.all();
	const out = new Map<string, TargetRevision[]>();
	for (const { indicator, ...revision } of rows) {
		const list = out.get(indicator) ?? [];
		list.push(revision);
		out.set(indicator, list);
	}
	return out;
}

/** The plan's areas and indicators, in plan order, for the editor's index. */
export function planOutline(db: Db) {
	const plan = getPlan(db);
	const areas = db
		.select()
		.from(t.area)
		.where(eq(t.area.planId, plan.id))
		.orderBy(asc(t.area.position))
		.all();
	const indicators = db.select().from(t.indicator).orderBy(asc(t.indicator.position)).all();
	return {
		plan,
		areas: areas.map((area) => ({
			area,
			indicators: indicators.filter((i) => i.areaCode === area.code)
		}))
	};
}

/** An indicator with its national target in force and the target's revisions; null if none. */
export function indicatorTargets(db: Db, code: string) {
	const plan = getPlan(db);
	const indicator = db.select().from(t.indicator).where(eq(t.indicator.code, code)).get();
	if (!indicator) return null;
	return {
		plan,
		indicator,
		target: loadTargets(db, plan).get(code) ?? null,
		revisions: targetRevisions(db, code)
	};
}

/** Who acts, from where and when (now by default), for the audit log. */
interface Actor {
	actor: string;
	at?: string;
	address?: string | null;
}

/**
 * Adds an indicator to the plan, last of its area, with its national target, in one transaction
 * with its audit entry. Refused (400) with the reason when the draft is not one the plan can
 * hold, a code taken included. Returns the indicator's code.
 */
export function addIndicator(db: Db, draft: IndicatorDraft, who: Actor): string {
	return inTransaction(db, () => {
		const plan = getPlan(db);
		const areas = db
			.select({ code: t.area.code })
			.from(t.area)
			.where(eq(t.area.planId, plan.id))
			.all()
			.map((a) => a.code);
		const codes = db
			.select({ code: t.indicator.code })
			.from(t.indicator)
			.all()
			.map((i) => i.code);
		const wrong = indicatorProblem(draft, { ...plan, areas, codes });
		if (wrong) throw new Refused(400, wrong.key, wrong.params);
		const last = db
			.select({ position: max(t.indicator.position) })
			.from(t.indicator)
			.get();
		const values = {
			code: draft.code,
			areaCode: draft.area,
			position: (last?.position ?? 0) + 1,
			nameEn: draft.nameEn.trim(),
			nameKm: draft.nameKm.trim(),
			definitionEn: draft.definitionEn.trim(),
			definitionKm: draft.definitionKm.trim(),
			unit: draft.unit as 'count' | 'percent',
			accumulation: draft.accumulation as 'sum' | 'latest' | 'mean',
			direction: draft.direction as 'increase' | 'decrease',
			sexes: draft.sexes.join(','),
			ageGroups: draft.ageGroups.join(','),
			sensitive: draft.sensitive
		};
		db.insert(t.indicator).values(values).run();
		const { id: targetId } = db
			.insert(t.target)
			.values({
				indicatorCode: draft.code,
				baseline: draft.target.baseline,
				endTarget: draft.target.end
			})
			.returning({ id: t.target.id })
			.get();
		const milestones = Object.entries(draft.target.milestones).map(([year, value]) => ({
			targetId,
			year: Number(year),
			value
		}));
		if (milestones.length) db.insert(t.milestone).values(milestones).run();
		audit(db, {
			at: who.at,
			actor: who.actor,
			action: 'plan.indicator.add',
			subject: `indicator:${draft.code}`,
			detail: { ...values, target: draft.target },
			address: who.address
		});
		return draft.code;
	});
}

/**
 * Revises an indicator's names and definitions in English and Khmer, with a reason, in one
 * transaction with its audit entry (each text changed, before and after). Refused (404) for an
 * indicator that does not exist, (400) with the reason for a text missing or too long or no
 * reason, (409) when nothing would change. Returns the fields changed.
 */
export function reviseIndicatorTexts(
	db: Db,
	options: { indicator: string; texts: IndicatorTexts; reason: string } & Actor
): (keyof IndicatorTexts)[] {
	return inTransaction(db, () => {
		const indicator = db
			.select()
			.from(t.indicator)
			.where(eq(t.indicator.code, options.indicator))
			.get();
		if (!indicator) throw new Refused(404, 'refused_no_indicator');
		const wrong = textChangeProblem(options.texts, options.reason);
		if (wrong) throw new Refused(400, wrong.key, wrong.params);
		const fields = ['nameEn', 'nameKm', 'definitionEn', 'definitionKm'] as const;
		const changes: Partial<Record<keyof IndicatorTexts, { before: string; after: string }>> = {};
		for (const field of fields) {
			const after = options.texts[field].trim();
			if (after !== indicator[field]) changes[field] = { before: indicator[field], after };
		}
		const changed = Object.keys(changes) as (keyof IndicatorTexts)[];
		if (!changed.length) throw new Refused(409, 'refused_indicator_unchanged');
		db.update(t.indicator)
			.set(Object.fromEntries(changed.map((f) => [f, changes[f]?.after])))
			.where(eq(t.indicator.code, indicator.code))
			.run();
		audit(db, {
			at: options.at,
			actor: options.actor,
			action: 'plan.indicator.texts',
			subject: `indicator:${indicator.code}`,
			detail: { ...changes, reason: options.reason.trim() },
			address: options.address
		});
		return changed;
	});
}

/**
 * Retires an indicator from the plan, with a reason, in one transaction with its audit entry
 * (how many approved figures it keeps). Nothing is deleted: its figures and pages stay readable;
 * it takes no new figures and templates leave it out. Refused (404) for an indicator that does
 * not exist, (400) without a reason, (409) for one retired already. Returns when it was retired.
 */
export function retireIndicator(
	db: Db,
	options: { indicator: string; reason: string } & Actor
): string {
	return inTransaction(db, () => {
		const indicator = db
			.select()
			.from(t.indicator)
			.where(eq(t.indicator.code, options.indicator))
			.get();
		if (!indicator) throw new Refused(404, 'refused_no_indicator');
		const reason = options.reason.trim();
		if (!reason) throw new Refused(400, 'refused_reason_required');
		if (reason.length > FIELD_LIMITS.reason)
			throw new Refused(400, 'refused_too_long', { max: FIELD_LIMITS.reason });
		if (indicator.retiredAt)
			throw new Refused(409, 'refused_indicator_retired', {
				code: indicator.code,
				date: indicator.retiredAt.slice(0, 10)
			});
		const at = options.at ?? new Date().toISOString();
		db.update(t.indicator).set({ retiredAt: at }).where(eq(t.indicator.code, indicator.code)).run();
		const figures =
			db
				.select({ n: count() })
				.from(t.dataValue)
				.where(eq(t.dataValue.indicatorCode, indicator.code))
				.get()?.n ?? 0;
		audit(db, {
			at,
			actor: options.actor,
			action: 'plan.indicator.retire',
			subject: `indicator:${indicator.code}`,
			detail: { before: 'in force', after: 'retired', figuresKept: figures, reason },
			address: options.address
		});
		return at;
	});
}
