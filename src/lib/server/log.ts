/**
 * Structured logs: one line of JSON per request and per import (and per scheduled backup), for
 * an operator's log collector. Every line has `time` (ISO 8601) and `type`.
 *
 * A line never holds personal data or figures: requests are named by their route id
 * (`/(app)/submissions/[id=id]`), never by their address, so no id, query value or e-mail reaches
 * the log; no client address, no user; an import gives counts and submission ids, never a value
 * or a file name. A request id (the proxy's `X-Request-Id` when it is a plain token, else a new
 * one) goes back in the answer's `X-Request-Id`, so one request can be followed.
 *
 * `LOG` chooses where lines go: `stdout` (the default), `stderr` (commands whose output is on
 * stdout) or `off`.
 */
import type { Handle } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { logTarget } from './config';

/** Writes one log line of this type. */
export function writeLog(type: string, fields: Record<string, unknown>): void {
	const target = logTarget();
	if (target === 'off') return;
	const line = JSON.stringify({ time: new Date().toISOString(), type, ...fields });
	(target === 'stderr' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** What a request's line says. */
export interface RequestLine {
	id: string;
	method: string;
	/** The route id, or null when no route matched (a 404): never the address itself. */
	route: string | null;
	status: number;
	/** Milliseconds until the answer was complete (its last byte, when it is streamed). */
	ms: number;
	/** Bytes of the body as sent (compressed, if it was). */
	bytes: number;
	/** The client went away before the whole body was sent. */
	aborted?: true;
}

const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;

/** The proxy's request id when it is a plain token (anything else could forge log content). */
export function requestIdOf(headers: Headers): string {
	const given = headers.get('x-request-id');
	return given && TOKEN.test(given) ? given : randomUUID();
}

const since = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/** The hook: one line per request, written when its answer is complete. */
export const handleRequestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const id = requestIdOf(event.request.headers);
	const line = (status: number, bytes: number, aborted = false): RequestLine => ({
		id,
		method: event.request.method,
		route: event.route.id,
		status,
		ms: since(started),
		bytes,
		...(aborted ? { aborted: true as const } : {})
	});
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		writeLog('request', { ...line(500, 0) });
		throw e;
	}
	response.headers.set('x-request-id', id);
	const length = response.headers.get('content-length');
	if (!response.body || length !== null) {
		writeLog('request', { ...line(response.status, response.body ? Number(length) : 0) });
		return response;
	}
	// A body of unknown length is counted as it goes out.
	const reader = response.body.getReader();
	let bytes = 0;
	const counted = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) {
				writeLog('request', { ...line(response.status, bytes) });
				controller.close();
				return;
			}
			bytes += value.byteLength;
			controller.enqueue(value);
		},
		cancel(reason) {
			writeLog('request', { ...line(response.status, bytes, true) });
			return reader.cancel(reason);
		}
	});
	return new Response(counted, {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
};

/** What an import's line says: counts and ids only. */
export interface ImportLine {
	mode: string;
	format: string | null;
	/** The whole file was refused (the reason is shown to the person importing, not logged). */
	refused: boolean;
	rows: number;
	rejected: number;
	new: number;
	changed: number;
	unchanged: number;
	submissions: number[];
	alreadyImported: boolean;
	ms: number;
}

/** The fields of an import's line, from its result: never a value, a name or a file name. */
export function importLine(
	result:
		| { refused: string }
		| {
				format: string | null;
				rows: number;
				rejected: number;
				new: number;
				changed: number;
				unchanged: number;
				submissions: number[];
				alreadyImported: boolean;
		  },
	context: { mode: string; started: number }
): ImportLine {
	const ms = since(context.started);
	if ('refused' in result)
		return {
			mode: context.mode,
			format: null,
			refused: true,
			rows: 0,
			rejected: 0,
			new: 0,
			changed: 0,
			unchanged: 0,
			submissions: [],
			alreadyImported: false,
			ms
		};
	return {
		mode: context.mode,
		format: result.format,
		refused: false,
		rows: result.rows,
		rejected: result.rejected,
		new: result.new,
		changed: result.changed,
		unchanged: result.unchanged,
		submissions: [...result.submissions],
		alreadyImported: result.alreadyImported,
		ms
	};
}

/** Writes an import's line (called once, where an import finishes). */
export function logImport(...args: Parameters<typeof importLine>): void {
	writeLog('import', { ...importLine(...args) });
}
