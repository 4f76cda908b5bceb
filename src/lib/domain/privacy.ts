/**
 * Primary suppression of small counts (product brief §7): a public figure of a sensitive
 * indicator (counts of children) from 1 to k − 1 is never shown; it reads "< k". Zero and
 * figures of k or more are shown. Complementary suppression (so that a hidden figure cannot be
 * recovered from others) is a separate, larger step; until it lands, pages that show a hidden
 * figure also hide the shares computed from it.
 */

/** The threshold: figures below it are hidden. Never below 5. */
export const PUBLIC_K = 10;

export type PublicFigure = { value: number; hidden: false } | { value: null; hidden: true };

/** What the public may see of a figure. */
export function publicFigure(
	value: number,
	options: { sensitive: boolean; k?: number }
): PublicFigure {
	const k = Math.max(5, options.k ?? PUBLIC_K);
	if (options.sensitive && value > 0 && value < k) return { value: null, hidden: true };
	return { value, hidden: false };
}

/**
 * Which yearly figures of a summed sensitive indicator to withhold, when their total (the plan to
 * date) is published: each small one (primary), and, where exactly one is withheld, the next
 * smallest too — otherwise the total minus the others would give it away. Returns a flag per
 * year. Zeros are shown: they are the total of nothing.
 */
export function protectParts(
	values: readonly (number | null)[],
	options: { sensitive: boolean; k?: number }
): boolean[] {
	const hidden = values.map((v) => v !== null && publicFigure(v, options).hidden);
	if (!options.sensitive || hidden.filter(Boolean).length !== 1) return hidden;
	let smallest = -1;
	values.forEach((v, i) => {
		if (!hidden[i] && v !== null && v > 0 && (smallest < 0 || v < (values[smallest] as number)))
			smallest = i;
	});
	if (smallest >= 0) hidden[smallest] = true;
	return hidden;
}

/**
 * Which parts of a published total to withhold: the parts of `protectParts`, and every part
 * with a figure when the total itself is withheld (the parts would add up to it). One relation
 * (parts + something unpublished = total) at a time: pages publish each figure of a sensitive
 * indicator in one such relation only (see the dashboard module).
 */
export function protectGroup(
	total: { value: number | null; hidden: boolean },
	parts: readonly (number | null)[],
	options: { sensitive: boolean; k?: number }
): boolean[] {
	if (options.sensitive && total.hidden) return parts.map((v) => v !== null && v > 0);
	return protectParts(parts, options);
}
