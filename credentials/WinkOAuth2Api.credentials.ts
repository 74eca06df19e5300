import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// n8n itself runs the client-credentials exchange (oAuth2Api parent): it fetches the token on
// first use, keeps it in its credential store (shared by queue-mode workers) and fetches a new
// one on 401. The hidden fields below are resolved from the visible ones with $self.
// n8n resolves them on every request (both together about 0.5 ms more than n8n's generic OAuth2
// credential, measured in n8n 2.41: docs/performance.md). Both stay, as no plain value can do their job: n8n 2.x always uses the
// default of the hidden `accessTokenUrl` (it is pinned: a stored value is dropped), so the choice of
// Environment must be made in it; and `scope` must keep reading the selection credentials saved
// before 0.2 hold in `scopes`. n8n offers a node no hook to hand it an already resolved credential.
const tokenUrl =
	'={{ $self.environment === "custom" ? $self.customTokenUrl : $self.environment === "staging" ? "https://staging-iam.wink.travel/oauth2/token" : "https://iam.wink.travel/oauth2/token" }}';

// The API's base URL is worked out in code, not by a hidden `$self` field: n8n resolves every
// credential expression on every request (measured: about a millisecond each in n8n 2.41).
export const WINK_API_URLS = {
	production: 'https://api.wink.travel',
	staging: 'https://staging-api.wink.travel',
};

/** The API base URL of a resolved Wink credential: the one place the nodes take it from. */
export function winkApiUrl(credentials: Record<string, unknown>): string {
	const url =
		credentials.environment === 'custom'
			? credentials.customApiUrl
			: credentials.environment === 'staging'
				? WINK_API_URLS.staging
				: WINK_API_URLS.production;
	return String(url ?? '').replace(/\/+$/, '');
}

// http:// to a host other than this machine (localhost, 127.0.0.0/8, ::1) sends the secret and the
// token unencrypted: the credential warns under the field (failureKinds.ts says it again when it fails).
// Plain prefixes, no `regex` condition: n8n runs those under a time limit on every credential
// read, and under load the limit threw "Regular expression execution timed out" (measured).
const HTTP = [{ _cnd: { startsWith: 'http://' } }];
const LOOPBACK = [
	{ _cnd: { eq: 'http://localhost' } },
	...['http://localhost:', 'http://localhost/', 'http://127.', 'http://[::1]'].map((p) => ({
		_cnd: { startsWith: p },
	})),
];

function cleartextNotice(field: string, label: string): INodeProperties {
	return {
		displayName: `This ${label} uses http:// to another machine: the Client Secret and the access token would travel unencrypted. Use https://.`,
		name: `${field}Cleartext`,
		type: 'notice',
		default: '',
		displayOptions: {
			show: { environment: ['custom'], [field]: HTTP },
			hide: { [field]: LOOPBACK },
		},
	};
}

export const WINK_SCOPES = [
	['account.read', 'View your account settings'],
	['account.write', 'Create and update your account settings'],
	['account.remove', 'Delete your account settings'],
	['booking.read', 'View your bookings'],
	['booking.write', 'Create and update your bookings'],
	['booking.remove', 'Delete your bookings'],
	['payment.read', 'View your payments'],
	['payment.write', 'Create and update your payments'],
	['payment.remove', 'Delete your payments'],
	['accounting.read', 'View your accounting & ledger'],
	['accounting.write', 'Create and update your accounting & ledger'],
	['accounting.remove', 'Delete your accounting & ledger'],
] as const;

/** What a new credential asks for, and what an empty Scopes selection falls back to. */
export const WINK_READ_ONLY_SCOPES = ['account.read', 'payment.read', 'accounting.read'];

// The scope n8n sends with the token request, from Scopes (`winkScopes`). An empty selection asks
// for the read-only scopes, never for nothing (a server may grant every scope the Application has
// when none is asked). n8n's permission names ("credential:create") are dropped, not Wink's. `scopes`
// is where credentials saved before 0.2 keep their selection: it counts while Scopes is left at its
// default. The field was renamed because n8n's editor writes the project's own permission list into
// `scopes` when it opens a new credential (1.x and 2.x); and it is text because the credential
// dialog of either editor shows a multi-select empty whatever its default (no n8n credential has one).
// It stays ONE expression (n8n resolves each on every request), built from the pieces below, each
// source text for n8n's expression engine (test/credential-scope.test.ts runs them there).

/** `(value) => scopes`: the Wink scopes in Scopes' text or a saved list: split at spaces and commas, trimmed, n8n's permission names (they hold a colon) dropped. */
export const SCOPES_IN =
	'(v) => (Array.isArray(v) ? v : String(v ?? "").split(" ")).flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter((s) => s !== "" && !s.includes(":"))';

/** Whether Scopes (`chosen`) is at its default: the read-only scopes, in any order. */
export const AT_DEFAULT =
	'chosen.length === readOnly.length && readOnly.every((s) => chosen.includes(s))';

/** `(chosen, saved) => scopes`: the saved-before-0.2 selection while Scopes is at its default, else Scopes; nothing means read-only. */
export const CHOOSE = `(chosen, saved) => (${AT_DEFAULT} && saved.length ? saved : chosen.length ? chosen : readOnly)`;

/** The `scope` field: CHOOSE applied to both fields, joined with spaces. */
export const scopeExpression = `={{ ((scopesIn, readOnly) => (${CHOOSE})(scopesIn($self.winkScopes), scopesIn($self.scopes)).join(" "))(${SCOPES_IN}, ${JSON.stringify(WINK_READ_ONLY_SCOPES)}) }}`;

export class WinkOAuth2Api implements ICredentialType {
	name = 'winkOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Wink OAuth2 API';

	documentationUrl = 'https://wink.travel/getting-started/how-to-use/';

	icon: Icon = { light: 'file:../nodes/icons/wink.svg', dark: 'file:../nodes/icons/wink.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'api.wink.travel' },
				{ name: 'Staging', value: 'staging', description: 'staging-api.wink.travel' },
				{
					name: 'Custom',
					value: 'custom',
					description: 'Type both URLs, e.g. for the local Wink sandbox',
				},
			],
			default: 'production',
			description:
				'Where your Wink Application was created: its Client ID and Secret work only in that environment',
		},
		{
			displayName: 'API Base URL',
			name: 'customApiUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Token URL',
			name: 'customTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787/oauth2/token',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		cleartextNotice('customApiUrl', 'API Base URL'),
		cleartextNotice('customTokenUrl', 'Token URL'),
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: tokenUrl,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The client ID of the Application created in your Wink account, in the Environment chosen below',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			// n8n reports a failed token request with its own fixed text; this is where to look.
			hint: 'If Test says "Failed to acquire OAuth2 access token": check this secret, and that Environment (below) is where the Application was created.',
		},
		{
			displayName: 'Scopes',
			name: 'winkScopes',
			type: 'string',
			default: WINK_READ_ONLY_SCOPES.join(' '),
			placeholder: WINK_READ_ONLY_SCOPES.join(' '),
			description: `The scopes to request, separated by spaces; the Wink Application must allow them. Wink's scopes: ${WINK_SCOPES.map(([value]) => value).join(', ')}.`,
			hint: 'Read-only by default; empty also means read-only, never every scope. Add payment.write to initiate withdrawals.',
		},
		{
			// Credentials saved before 0.2 (see scopeExpression).
			displayName: 'Scopes (Saved Before 0.2)',
			name: 'scopes',
			type: 'hidden',
			default: [],
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Always the Basic header (the Wink spec's way). n8n's OAuth2 client follows the token URL's
			// redirects, and a 307 re-sends the form body, Client Secret included, to wherever it points;
			// a credential has no setting against that, and the Basic header is dropped when the host
			// changes. A Form Body saved by an earlier version is left out: n8n 2.x ignores a stored value
			// of a hidden OAuth2 field, and n8n 1.x leaves out a field never displayed (so it uses the header).
			displayName: 'Client Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
			displayOptions: { hide: { grantType: ['clientCredentials'] } },
		},
		{
			displayName: 'Default Managing Entity ID',
			name: 'managingEntityId',
			type: 'string',
			default: '',
			description: 'Used by every Wink node whose Managing Entity field is left empty. Optional.',
			hint: 'To find it: Wink Managing Entity → Get Many returns each managing entity your Application reaches, with its ID. Or leave this empty and pick one in each node (Managing Entity → From List).',
		},
	];

	// Needs only account.read: lists the managing entities the application can reach.
	test: ICredentialTestRequest = {
		request: {
			// Evaluated once per Test; the same mapping as winkApiUrl.
			baseURL: `={{ $credentials.environment === "custom" ? $credentials.customApiUrl : $credentials.environment === "staging" ? "${WINK_API_URLS.staging}" : "${WINK_API_URLS.production}" }}`,
			url: '/api/managing-entity/list',
			headers: { 'Wink-Version': '2.0', Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"Wink accepted the credential but refused the test: it needs the 'account.read' scope. Add it to Scopes and allow it for your Wink Application.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Wink did not accept the access token. Check the Environment, Client ID and Client Secret.',
				},
			},
		],
	};
}
