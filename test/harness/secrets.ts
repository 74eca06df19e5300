import type { Sandbox } from '../../sandbox';
import type { Harness, RunResult } from './engine';
import { logged } from './logs';

/** The values that must never show: client secrets, every access token n8n got, the Basic header. */
export function secretsOf(h: Harness, sb: Sandbox): Array<{ kind: string; value: string }> {
	const out: Array<{ kind: string; value: string }> = [];
	for (const client of Object.values(sb.clients)) {
		out.push({ kind: 'client secret', value: client.clientSecret });
		// RFC 6749 2.3.1 form-encodes id and secret before base64; n8n's client may or may not.
		const form = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
		for (const [id, secret] of [
			[client.clientId, client.clientSecret],
			[form(client.clientId), form(client.clientSecret)],
		]) {
			out.push({
				kind: 'Basic header value',
				value: Buffer.from(`${id}:${secret}`).toString('base64'),
			});
		}
	}
	for (const token of h.credentials.accessTokens) out.push({ kind: 'access token', value: token });
	return out;
}

/** Everything a user or an operator could read after a run: items, errors, run data. */
export function visibleText(result: RunResult): string {
	const error = result.error as unknown as Record<string, unknown> | undefined;
	const errorText = error ? JSON.stringify(error, Object.getOwnPropertyNames(error)) : '';
	return [
		JSON.stringify(result.items),
		errorText,
		String(error?.message ?? ''),
		String(error?.description ?? ''),
		JSON.stringify(result.run),
	].join('\n');
}

/**
 * Where secrets show (labels only, so a failing test never prints a secret).
 * `texts` maps a label (e.g. the case) to what was visible; the captured logs are scanned too.
 */
export function secretHits(h: Harness, sb: Sandbox, texts: Map<string, string>): string[] {
	const secrets = secretsOf(h, sb);
	const hits: string[] = [];
	const all = new Map(texts);
	all.set('logs', logged.join('\n'));
	for (const [label, text] of all) {
		for (const { kind, value } of secrets)
			if (value && text.includes(value)) hits.push(`${kind} in ${label}`);
	}
	return [...new Set(hits)];
}
