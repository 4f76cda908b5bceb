/**
 * The page number of a paged list, as every pager reads it from `?page=`: a whole number written
 * in plain digits, from 1 to `MAX_PAGE`. Anything else (`1.01`, `1e400`, `-3`, `0x10`, a word)
 * is the first page, as an unknown filter value is no filter: it never reaches SQL as a
 * fraction or as infinity.
 */

/** More pages than any list here will have; keeps the offset a small whole number. */
export const MAX_PAGE = 100_000;

/** The page asked for, from 1; the first page for anything that is not a plain page number. */
export function parsePageNumber(value: string | null | undefined): number {
	if (!value || !/^[0-9]{1,6}$/.test(value)) return 1;
	const page = Number(value);
	return page >= 1 && page <= MAX_PAGE ? page : 1;
}

/** The rows to skip for a page of `size` rows. */
export function pageOffset(page: number, size: number): number {
	return (page - 1) * size;
}
