/**
 * The public tier: what public pages, charts, maps and downloads read, and
 * nothing else, as the latest release stored it.
 *
 * - threshold.ts  the threshold k in force
 * - publish.ts    writing a release (calendar, admin, start-up) and the reviewers' pages between
 * - read.ts       reading the latest release: each audience's tier, kept in memory (never writes)
 * - schedule.ts   the publication calendar: when the next release is due, what waits for it
 * - pages.ts      the overview, area and province pages shaped from a tier
 * - downloads.ts  the open-data files (CSV, JSON) of a tier's pages
 * - request.ts    which tier a request reads (public, reviewer, preview)
 */
export * from './downloads';
export * from './pages';
export * from './publish';
export * from './read';
export * from './request';
export * from './schedule';
export * from './threshold';
