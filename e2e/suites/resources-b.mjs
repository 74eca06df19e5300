// Wink Application, Notification and Managing Entity in a real n8n: the three nodes load and run,
// and an application's secret works as an n8n credential until Rotate Credentials replaces it.
import { check, credential, execute, importAll, itemsOf, winkNode, workflow } from '../lib.mjs';

const ACCOUNT = ['account.read', 'account.write', 'account.remove'];
// Never print a secret: details show everything else.
const safe = (value) => JSON.stringify(value, (k, v) => (k === 'secretKey' ? '<secret>' : v));
const errorOf = (x) => x.run?.data?.resultData?.error?.message ?? `exit ${x.code}`;

export default async function resourcesB({ sb }) {
	const me = sb.ids.managingEntityId;
	const byId = (value) => ({ __rl: true, mode: 'id', value });
	const FULL = credential(sb, 'winkE2eCredAcct1', 'Wink sandbox account', ACCOUNT);
	const node = (type, name, parameters, y = 0, cred = FULL) =>
		winkNode(type, name, cred, { managingEntity: byId(me), ...parameters }, y);

	const READS = 'winkE2eAcctRead1';
	const APP = 'winkE2eAppFlow01';
	const appFlow = workflow(APP, 'e2e application create and rotate', [
		node('winkApplication', 'Create', {
			operation: 'create',
			name: 'n8n e2e',
			ownerIdentifier: byId(me),
			ownerName: 'Grand Azure Hotel Lisbon',
			additionalFields: { clientType: 'MACHINE_2_MACHINE', scopes: ['account.read'] },
		}),
	]);
	// Create → Rotate Credentials of the application just created.
	appFlow.nodes.push({
		...node('winkApplication', 'Rotate', {
			operation: 'rotateCredentials',
			applicationId: byId('={{ $json.id }}'),
		}),
		position: [600, 0],
	});
	appFlow.connections.Create = { main: [[{ node: 'Rotate', type: 'main', index: 0 }]] };

	await importAll(
		'resources-b',
		[FULL],
		[
			workflow(READS, 'e2e account reads', [
				node('winkManagingEntity', 'Hotels', { operation: 'getMany', type: 'HOTEL' }),
				node(
					'winkManagingEntity',
					'Search',
					{
						operation: 'search',
						returnAll: true,
						sort: { rule: [{ field: 'name', dir: 'asc' }] },
					},
					150,
				),
				node('winkNotification', 'Unread', { operation: 'getUnreadCount' }, 300),
				node('winkApplication', 'Apps', { operation: 'getMany' }, 450),
			]),
			appFlow,
		],
	);

	let x = await execute(READS);
	check('resources-b: reads workflow ran', x.code === 0 && x.run?.status === 'success', errorOf(x));
	const hotels = itemsOf(x.run, 'Hotels');
	check(
		'Managing Entity Get Many, Type HOTEL: the seeded hotel only',
		hotels.length === 1 && hotels[0].id === me,
		safe(hotels.map((e) => e.id)),
	);
	const names = itemsOf(x.run, 'Search').map((e) => e.name);
	check(
		'Managing Entity Search, Return All sorted by name',
		names.join('|') === 'Atlas Journeys Travel|Grand Azure Hotel Lisbon',
		names.join('|'),
	);
	const unread = itemsOf(x.run, 'Unread');
	check(
		'Notification Get Unread Count: 3',
		unread.length === 1 && unread[0].count === 3,
		safe(unread),
	);
	const apps = itemsOf(x.run, 'Apps');
	check(
		'Application Get Many: the 2 seeded applications, no secrets',
		apps.length === 2 && apps.every((a) => !('secretKey' in a)),
		safe(apps),
	);

	x = await execute(APP);
	const [created] = itemsOf(x.run, 'Create');
	const [rotated] = itemsOf(x.run, 'Rotate');
	check(
		'Application Create → Rotate Credentials: a new client ID and secret for the same application',
		x.code === 0 &&
			created?.secretKey &&
			rotated?.secretKey &&
			rotated.id === created.id &&
			rotated.clientId !== created.clientId &&
			rotated.secretKey !== created.secretKey,
		`${errorOf(x)} ${safe({ created, rotated })}`,
	);
	if (!created?.secretKey || !rotated?.secretKey) return;

	// Two credentials a user would make from the two pairs; neither has fetched a token yet.
	const pair = (id, name, app) =>
		credential(sb, id, name, ['account.read'], {
			clientId: app.clientId,
			clientSecret: app.secretKey,
		});
	const OLD = pair('winkE2eCredOldP1', 'Wink app, old pair', created);
	const NEW = pair('winkE2eCredNewP1', 'Wink app, new pair', rotated);
	const TOKENS = 'winkE2eAppToken1';
	const oldNode = {
		...node('winkManagingEntity', 'Old pair', { operation: 'get' }, 0, OLD),
		onError: 'continueRegularOutput',
	};
	await importAll(
		'resources-b tokens',
		[OLD, NEW],
		[
			workflow(TOKENS, 'e2e old and new application secret', [
				oldNode,
				node('winkManagingEntity', 'New pair', { operation: 'get' }, 150, NEW),
			]),
		],
	);
	const mark = sb.stats.requests.length;
	x = await execute(TOKENS);
	const [old] = itemsOf(x.run, 'Old pair');
	check(
		'the rotated-away secret no longer gets a token in n8n',
		/no access token could be obtained/.test(old?.error ?? '') &&
			sb.stats.requests.slice(mark).some((q) => q.operationId === 'token' && q.status === 401),
		safe(old?.error ?? { id: old?.id }),
	);
	const [entity] = itemsOf(x.run, 'New pair');
	check(
		'the new client ID and secret work as an n8n credential',
		entity?.id === me,
		`${errorOf(x)} ${safe(entity?.id)}`,
	);
}
