import { WINK_SCOPES } from '../../credentials/WinkOAuth2Api.credentials';
import { additionalFields, enumOptions, idLocator } from '../shared/table/fields';
import type { WinkField, WinkOperation } from '../shared/table/types';

const APP = '/api/managing-entity/{managingEntityIdentifier}/application';

const applicationId: WinkField = {
	...idLocator(
		{ displayName: 'Application', name: 'applicationId', in: 'path' },
		'searchApplications',
		'e.g. app-1a2b3c4d5e6f',
	),
	key: 'id',
};

const uriList = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'string' as const,
	typeOptions: { multipleValues: true },
	default: [],
	placeholder: 'https://my.travel.blog',
	description,
});

const redirectUris = uriList(
	'Redirect URIs',
	'redirectUris',
	'Where to redirect after a successful OAuth2 sign-in',
);
const postLogoutRedirectUris = uriList(
	'Post-Logout Redirect URIs',
	'postLogoutRedirectUris',
	'Where to redirect after signing out',
);

const scopes = {
	displayName: 'Scopes',
	name: 'scopes',
	type: 'multiOptions' as const,
	options: WINK_SCOPES.map(([value, description]) => ({ name: value, value, description })),
	default: [],
	description: 'Wink scopes this client may request. None means sign-in (OIDC) only.',
};

/** Name and owner: required by both the create and the update body. */
const applicationBody: WinkField[] = [
	{
		displayName: 'Name',
		name: 'name',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Booking engine',
		description: 'Name of the application',
	},
	idLocator(
		{
			displayName: 'Owner',
			name: 'ownerIdentifier',
			in: 'body',
			description: 'The managing entity that owns the application, usually the one chosen above',
		},
		'searchManagingEntities',
		'e.g. me-2f9c0b1a',
	),
	{
		displayName: 'Owner Name',
		name: 'ownerName',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		description: "The owner's name as it should appear with the application",
	},
];

const SECRET_WARNING =
	'The output holds the client secret, shown only this once: store it safely (e.g. in an n8n credential) and do not keep it in execution data you share';

/** Wink Application: the managing entity's API applications (OAuth2 clients). */
export const applicationOperations: WinkOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an application',
		description: `Register an API application (OAuth2 client) and get its client ID and secret. ${SECRET_WARNING}.`,
		operationId: 'createApplication',
		method: 'POST',
		path: APP,
		scope: 'account.write',
		fields: [
			...applicationBody,
			additionalFields([
				{
					displayName: 'Client Type',
					name: 'clientType',
					type: 'options',
					options: enumOptions(['WEB', 'SPA', 'MOBILE', 'MACHINE_2_MACHINE']),
					default: 'WEB',
					description:
						"Web (Wink's default) signs in with the client secret; Mobile uses PKCE with rotating refresh tokens",
				},
				postLogoutRedirectUris,
				redirectUris,
				scopes,
			]),
		],
		output: 'object',
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many applications',
		description: 'List every API application of the managing entity',
		operationId: 'showApplications',
		method: 'GET',
		path: `${APP}/list`,
		scope: 'account.read',
		output: 'list',
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get an application',
		description: "Get one application's details (without its secret)",
		operationId: 'loadApplication',
		method: 'GET',
		path: `${APP}/{id}`,
		scope: 'account.read',
		fields: [applicationId],
		output: 'object',
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update an application',
		description: "Change an application's settings; its credentials stay the same",
		operationId: 'updateApplication',
		method: 'PATCH',
		path: `${APP}/{id}`,
		scope: 'account.write',
		fields: [
			applicationId,
			...applicationBody,
			additionalFields([postLogoutRedirectUris, redirectUris, scopes]),
		],
		output: 'object',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an application',
		description: 'Permanently delete an application and its OAuth2 client',
		operationId: 'deleteApplication',
		method: 'DELETE',
		path: `${APP}/{id}`,
		scope: 'account.remove',
		fields: [applicationId],
		output: 'object',
	},
	{
		value: 'rotateCredentials',
		name: 'Rotate Credentials',
		action: "Rotate an application's credentials",
		description: `Replace the client ID and secret; the old pair stops working at once, so update every credential that uses it. ${SECRET_WARNING}.`,
		operationId: 'revokeApplication',
		method: 'GET',
		path: `${APP}/{id}/revoke`,
		// A GET that changes state: write access inferred (the spec names no scope).
		scope: 'account.write',
		fields: [applicationId],
		output: 'object',
	},
];
