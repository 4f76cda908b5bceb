/**
 * A chart ready to draw: its component and that component's props, paired where both are
 * known (`INDICATOR_CHARTS`), so that `Drawn.svelte` draws any chart on a page or in a file.
 */
import type { Component } from 'svelte';

export interface Drawing {
	component: Component<Record<string, unknown>>;
	props: Record<string, unknown>;
}
