'use strict';
// Seed data of the account-level tags: API applications (with their OAuth clients) and
// notifications. Deterministic like seed.js: same rng, same data.
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();

/** Applications of `me` and the OAuth clients they own, keyed by clientId (secrets live only there). */
function seedApplications(rng, uid, me) {
	const plan = [
		{
			name: 'Grand Azure booking engine',
			clientType: 'WEB',
			scopes: ['booking.read', 'booking.write'],
			redirectUris: ['https://grandazure.example/oauth/callback'],
		},
		{
			name: 'Grand Azure revenue sync',
			clientType: 'MACHINE_2_MACHINE',
			scopes: ['account.read', 'accounting.read'],
			redirectUris: [],
		},
	];
	const applications = [];
	const clients = {};
	for (const p of plan) {
		const app = {
			id: uid('app'),
			userIdentifier: me.managers[0].userIdentifier,
			ownerIdentifier: me.id,
			ownerName: me.name,
			name: p.name,
			redirectUris: p.redirectUris,
			postLogoutRedirectUris: [],
			clientId: `client-${rng.hex(16)}`,
			scopes: p.scopes,
		};
		applications.push(app);
		clients[app.clientId] = {
			clientId: app.clientId,
			clientSecret: rng.hex(40),
			scopes: p.scopes,
			applicationId: app.id,
			clientType: p.clientType,
		};
	}
	return { applications, clients };
}

/** Notifications addressed to `me`, newest first; three of them unread. */
function seedNotifications(rng, uid, me, epoch) {
	const plan = [
		[
			1,
			'HIGH',
			'ALERT',
			false,
			'Payout failed',
			'Your withdrawal could not be completed. Check your payout account details.',
		],
		[
			3,
			'MEDIUM',
			'MESSAGE',
			false,
			'New manager accepted',
			'A manager you invited accepted the invitation.',
		],
		[
			9,
			'LOW',
			'FEATURE',
			false,
			'Revolut payouts are live',
			'You can now withdraw to a Revolut revtag.',
		],
		[
			20,
			'MEDIUM',
			'MESSAGE',
			true,
			'Monthly statement ready',
			'Your statement for last month is ready.',
		],
		[
			45,
			'LOW',
			'FEATURE',
			true,
			'New booking grid',
			'Filter and sort your bookings in the new grid.',
		],
		[
			80,
			'HIGH',
			'ALERT',
			true,
			'Verify your account',
			'Upload your KYC documents to keep receiving payouts.',
		],
	];
	return plan.map(([days, priority, type, read, subject, body]) => {
		const created = iso(epoch - days * DAY - rng.int(1, 20) * 3600_000);
		return {
			id: uid('msg'),
			createdDate: created,
			lastUpdate: created,
			version: read ? 1 : 0,
			userIdentifier: me.managers[0].userIdentifier,
			managingEntityIdentifier: me.id,
			name: subject,
			priority,
			type,
			recipientType: 'ACCOUNT',
			messageTemplateId: `tpl-${type.toLowerCase()}`,
			subject,
			body,
			ctaUrl: null,
			read,
			markedAsRemoved: false,
			notifyViaEmail: priority === 'HIGH',
		};
	});
}

module.exports = { seedApplications, seedNotifications };
