/**
 * The public pages that gather several indicator pages of a tier: the overview, an area and a
 * province. Pure shaping of what the tier holds; the indicator page is the tier's own.
 */
import type { IndicatorPage, ProvinceCell } from '../../domain/indicator-page';
import type { Tier } from './read';

/**
 * The overview: the plan's progress, and the province map of the indicator asked for (`map`, a
 * code) in the year asked for (or to date), or of the plan's first indicator with provinces.
 */
export function overviewOf(tier: Tier, options: { map?: string | null; year?: string | null }) {
	const mappable = tier.plan.areas
		.flatMap((a) => a.indicators)
		.map((i) => i.indicator)
		.filter((i) => !i.computed);
	const chosen = mappable.find((i) => i.code === options.map?.toUpperCase()) ?? mappable[0];
	const page = tier.page(chosen.code) as IndicatorPage;
	const year = page.provinceYears.find((y) => String(y.year) === options.year);
	return {
		...tier.plan,
		k: tier.release.k,
		mappable,
		years: page.provinceYears.map((y) => y.year),
		map: {
			indicator: chosen,
			year: year?.year ?? null,
			provinces: year ? year.provinces : page.provinces
		}
	};
}

/** One area: its progress (as the overview) and each indicator's quarterly series. */
export function areaOf(tier: Tier, code: string) {
	const area = tier.plan.areas.find((a) => a.area.code === code);
	if (!area) return null;
	return {
		plan: tier.plan.plan,
		asOf: tier.plan.asOf,
		k: tier.release.k,
		...area,
		series: Object.fromEntries(
			area.indicators.map((i) => [
				i.indicator.code,
				(tier.page(i.indicator.code) as IndicatorPage).quarters
			])
		)
	};
}

/** One province: each indicator's plan to date there, exactly as the indicator's map has it. */
export function provinceOf(tier: Tier, code: string) {
	const pages = tier.pages();
	const province = pages[0]?.provinces.find((p) => p.code === code);
	if (!province) return null;
	return {
		province: { code: province.code, nameEn: province.nameEn, nameKm: province.nameKm },
		k: tier.release.k,
		areas: tier.plan.areas.map((a) => ({
			area: a.area,
			indicators: a.indicators
				.filter((i) => !i.indicator.computed)
				.map(({ indicator }) => {
					const page = tier.page(indicator.code) as IndicatorPage;
					const cell = page.provinces.find((p) => p.code === code) as ProvinceCell;
					return { indicator, value: cell.value, hidden: cell.hidden };
				})
		}))
	};
}

/** The provinces, each with how many indicators have a figure there (withheld ones included). */
export function provinceIndex(tier: Tier) {
	const pages = tier.pages();
	return (pages[0]?.provinces ?? []).map((p) => ({
		code: p.code,
		nameEn: p.nameEn,
		nameKm: p.nameKm,
		indicators: pages.filter((page) => {
			const cell = page.provinces.find((c) => c.code === p.code);
			return !page.progress.indicator.computed && !!cell && (cell.hidden || cell.value !== null);
		}).length
	}));
}
