import { randomBytes } from 'crypto';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
} from 'n8n-workflow';
import { managingEntityOr, requireManagingEntity } from '../shared/execution/managingEntity';
import { callRow } from '../shared/execution/rowRequest';
import { row } from '../shared/table/rows';
import { showManagingEntity } from '../WinkManagingEntity/methods';
import { webhookOperations } from '../WinkWebhook/operations';

/** The query parameter of the registered URL that carries the node's secret token. */
export const TOKEN_PARAM = 'token';

/** What the node keeps in its static data for one registered URL. */
export interface Registration extends IDataObject {
	webhookId: string;
	token: string;
	managingEntity: string;
	/** Delivery keys seen recently (see delivery.ts), with the time they were seen. */
	seen?: IDataObject;
}

/**
 * Listening in the editor registers n8n's test URL, activation its production URL: two separate
 * Wink webhooks, each with its own static data entry.
 */
export type Kind = 'test' | 'production';
export const kindOf = (ctx: { getMode(): string }): Kind =>
	ctx.getMode() === 'manual' ? 'test' : 'production';

/** Hook and webhook contexts both have these. */
type StaticDataContext = { getMode(): string; getWorkflowStaticData(type: string): IDataObject };

export function storedRegistration(ctx: StaticDataContext): Registration | undefined {
	return ctx.getWorkflowStaticData('node')[kindOf(ctx)] as Registration | undefined;
}

function store(ctx: IHookFunctions, registration: Registration | undefined) {
	const data = ctx.getWorkflowStaticData('node');
	if (registration) data[kindOf(ctx)] = registration;
	else delete data[kindOf(ctx)];
}

const op = (operationId: string) => row(webhookOperations, operationId);
const withoutQuery = (url: unknown) => String(url ?? '').split('?')[0];
const newToken = () => randomBytes(32).toString('hex');

function tokenOf(url: unknown): string | undefined {
	const query = String(url ?? '').split('?')[1] ?? '';
	for (const pair of query.split('&')) {
		const [name, value = ''] = pair.split('=');
		if (decodeURIComponent(name) === TOKEN_PARAM && value) return decodeURIComponent(value);
	}
	return undefined;
}

const sameEvents = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && b.every((e) => a.includes(e));

/** The URL to register, the managing entity and the chosen events. */
async function target(this: IHookFunctions) {
	const url = this.getNodeWebhookUrl('default') ?? '';
	const picked = this.getNodeParameter('managingEntity', '', { extractValue: true });
	const managingEntity = await requireManagingEntity.call(this, picked);
	const events = (this.getNodeParameter('events', []) as string[]) ?? [];
	return { url, managingEntity, events };
}

/** The webhooks of the managing entity that point at our URL (whatever their token). */
async function ours(
	this: IHookFunctions,
	managingEntity: string,
	url: string,
): Promise<IDataObject[]> {
	const all = await callRow.call(this, op('showWebhooks'), {
		managingEntityIdentifier: managingEntity,
	});
	return (Array.isArray(all) ? (all as IDataObject[]) : []).filter(
		(w) => withoutQuery(w.eventUrl) === url,
	);
}

/** The full UpsertWebhookRequest: Wink wants the owning entity's id and name in it. */
async function upsertBody(
	this: IHookFunctions,
	managingEntity: string,
	url: string,
	token: string,
	events: string[],
) {
	const entity = await showManagingEntity.call(this, managingEntity);
	const workflow = this.getWorkflow();
	const test = kindOf(this) === 'test' ? ' (editor test)' : '';
	return {
		name: `n8n workflow "${workflow.name ?? workflow.id}" (${workflow.id})${test}`,
		entity: { identifier: managingEntity, name: String(entity.name ?? managingEntity) },
		enabled: true,
		eventUrl: `${url}${url.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${token}`,
		eventList: events,
	};
}

/** Deletes a webhook; one already gone (404) is what we wanted. */
async function remove(this: IHookFunctions, managingEntity: string, id: string) {
	try {
		await callRow.call(this, op('deleteWebhook'), { managingEntityIdentifier: managingEntity, id });
	} catch (error) {
		const failure =
			error instanceof NodeApiError
				? error
				: new NodeOperationError(this.getNode(), error as Error);
		if ((failure as NodeApiError).httpCode !== '404') throw failure;
	}
}

/**
 * n8n asks on activation (and 1.x on restart) whether the webhook exists. The answer comes from
 * Wink, not from static data: our registration is the one whose URL is ours. It is adopted (id and
 * token), brought up to date (events, enabled) and any second one for the same URL removed.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const { url, managingEntity, events } = await target.call(this);
	const stored = storedRegistration(this);
	const found = await ours.call(this, managingEntity, url);
	const keep = found.find((w) => w.id === stored?.webhookId) ?? found[0];
	// Our previous registration, when it is not the one kept (n8n's URL or the managing entity changed).
	if (stored?.webhookId && keep?.id !== stored.webhookId) {
		await remove.call(this, stored.managingEntity || managingEntity, stored.webhookId);
	}
	if (!keep) {
		store(this, undefined);
		return false;
	}
	for (const extra of found)
		if (extra !== keep) await remove.call(this, managingEntity, String(extra.id));
	let token = tokenOf(keep.eventUrl);
	if (!token || keep.enabled !== true || !sameEvents(keep.eventList, events)) {
		token ??= newToken();
		const body = await upsertBody.call(this, managingEntity, url, token, events);
		await callRow.call(
			this,
			op('updateWebhook'),
			{ managingEntityIdentifier: managingEntity, id: keep.id },
			body,
		);
	}
	const seen = stored && stored.webhookId === keep.id ? stored.seen : undefined;
	store(this, { webhookId: String(keep.id), token, managingEntity, ...(seen ? { seen } : {}) });
	return true;
}

/** Registers our URL, with a fresh secret token in its query, for the chosen events. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const { url, managingEntity, events } = await target.call(this);
	const token = newToken();
	const body = await upsertBody.call(this, managingEntity, url, token, events);
	const created = (await callRow.call(
		this,
		op('createWebhook'),
		{ managingEntityIdentifier: managingEntity },
		body,
	)) as IDataObject;
	store(this, { webhookId: String(created.id), token, managingEntity });
	return true;
}

/** Deactivation: removes our webhook (and any other for our URL); 404 is fine, other errors are reported. */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const stored = storedRegistration(this);
	const url = this.getNodeWebhookUrl('default') ?? '';
	const managingEntity =
		stored?.managingEntity ||
		(await managingEntityOr.call(
			this,
			this.getNodeParameter('managingEntity', '', { extractValue: true }),
		));
	if (!managingEntity) return true;
	if (stored?.webhookId) await remove.call(this, managingEntity, stored.webhookId);
	for (const w of await ours.call(this, managingEntity, url))
		await remove.call(this, managingEntity, String(w.id));
	store(this, undefined);
	return true;
}
