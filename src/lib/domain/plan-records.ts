/**
 * The plan's records as every module holds them: the plan, its areas, its indicators and its
 * provinces, field for field as their rows in the database. Pure types, so that pages, charts
 * and the browser describe them without the database module; `db/schema.spec.ts` checks that
 * the schema's rows are exactly these.
 */
import type { Accumulation, Direction, Unit } from './progress';

/** A five-year plan. */
export interface Plan {
	id: number;
	code: string;
	titleEn: string;
	titleKm: string;
	firstYear: number;
	lastYear: number;
	/** Days after a quarter ends by which its report is on time. */
	deadlineDays: number;
	createdAt: string;
}

/** One of the plan's areas (prevention, protection, …). */
export interface Area {
	code: string;
	planId: number;
	position: number;
	nameEn: string;
	nameKm: string;
	descriptionEn: string;
	descriptionKm: string;
}

/** One of the plan's indicators. */
export interface Indicator {
	code: string;
	areaCode: string;
	position: number;
	nameEn: string;
	nameKm: string;
	definitionEn: string;
	definitionKm: string;
	unit: Unit;
	accumulation: Accumulation;
	direction: Direction;
	/** Allowed breakdowns besides total/all, comma-separated: `female,male`. */
	sexes: string;
	/** Allowed age groups besides `all`, comma-separated: `under15,15to17,under18,adult`. */
	ageGroups: string;
	/** Counts of children: the privacy rules (PRIVACY.md) apply to public outputs. */
	sensitive: boolean;
	/** Computed by the system (COOR-03), never uploaded. */
	computed: boolean;
	/** When it was retired from the plan (ISO time); null while it is in force. */
	retiredAt: string | null;
}

/** A province or the capital (or the nation, the place of figures that have none). */
export interface Province {
	code: string;
	nameEn: string;
	nameKm: string;
	level: 'national' | 'capital' | 'province';
	/** First year in which figures for this unit are accepted. */
	validFromYear: number | null;
	parentCode: string | null;
	position: number;
}
