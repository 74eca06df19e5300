import { idLocator } from '../shared/table/fields';
import type { WinkField, WinkOperation, WinkValue } from '../shared/table/types';

const MANAGER = '/api/managing-entity/{managingEntityIdentifier}/manager';

// SectionGrant_ManagingEntity: section and level, both required.
const grantValues: WinkValue[] = [
	{
		displayName: 'Section',
		name: 'section',
		type: 'options',
		options: [
			{ name: 'Account', value: 'ACCOUNT' },
			{ name: 'Accounting', value: 'ACCOUNTING' },
			{ name: 'Admin', value: 'ADMIN' },
			{ name: 'All Sections', value: 'ALL' },
			{ name: 'Analytics', value: 'ANALYTICS' },
			{ name: 'Booking', value: 'BOOKING' },
			{ name: 'Content', value: 'CONTENT' },
			{ name: 'Integrations', value: 'INTEGRATIONS' },
			{ name: 'Inventory', value: 'INVENTORY' },
			{ name: 'Marketing', value: 'MARKETING' },
			{ name: 'MCP', value: 'MCP' },
			{ name: 'Payment', value: 'PAYMENT' },
			{ name: 'User Admin', value: 'USER_ADMIN' },
		],
		default: 'ALL',
		required: true,
		description: 'The area this grant applies to (All Sections covers every section)',
	},
	{
		displayName: 'Level',
		name: 'level',
		type: 'options',
		options: [
			{ name: 'Read', value: 'READ' },
			{ name: 'Write', value: 'WRITE' },
			{ name: 'Full', value: 'FULL' },
		],
		default: 'READ',
		required: true,
		description: 'How much the manager may do within that area',
	},
];

const sectionGrants = (required: boolean): WinkField => ({
	displayName: 'Section Grants',
	name: 'sectionGrants',
	in: 'body',
	type: 'fixedCollection',
	placeholder: 'Add Grant',
	default: {},
	required,
	typeOptions: { multipleValues: true },
	description: required
		? "The manager's new access: it replaces all grants they had. At least one."
		: 'What the manager may access, per section',
	options: [{ displayName: 'Grant', name: 'grant', values: grantValues }],
});

const managerId = idLocator(
	{
		displayName: 'Manager',
		name: 'managerUserIdentifier',
		in: 'path',
		description: 'The manager whose access to change (the account owner cannot be changed)',
	},
	'searchManagers',
	'e.g. user-5c1d9e0a7b',
);

/** Wink Manager: who may manage the account, and the managing agency. */
export const managerOperations: WinkOperation[] = [
	{
		value: 'invite',
		name: 'Invite',
		action: 'Invite a manager',
		description:
			'Invite an existing Wink user to co-manage the account; returns the managing entity',
		operationId: 'inviteManager',
		method: 'PATCH',
		path: `${MANAGER}/invite`,
		scope: 'account.write',
		fields: [
			{
				displayName: 'Email',
				name: 'email',
				in: 'body',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				required: true,
				description: 'The email of the Wink user account to make a manager',
			},
			sectionGrants(false),
		],
		output: 'object',
	},
	{
		value: 'updateGrants',
		name: 'Update Grants',
		action: "Update a manager's grants",
		description: "Replace a manager's section grants to widen or narrow their access",
		operationId: 'updateManagerGrants',
		method: 'PATCH',
		path: `${MANAGER}/{managerUserIdentifier}/grants`,
		scope: 'account.write',
		fields: [managerId, sectionGrants(true)],
		output: 'object',
	},
	{
		value: 'remove',
		name: 'Remove',
		action: 'Remove a manager',
		description: "Revoke a manager's access to the account, by their email",
		operationId: 'removeCompanyUser',
		method: 'DELETE',
		path: `${MANAGER}/{email}`,
		scope: 'account.remove',
		fields: [
			{
				displayName: 'Email',
				name: 'email',
				in: 'path',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				required: true,
				description: 'The email of the manager to remove',
			},
		],
		output: 'object',
	},
	{
		value: 'setAgency',
		name: 'Set Agency',
		action: 'Set the managing agency',
		description:
			'Name another managing entity as the agency of this account: a commission, no access',
		operationId: 'updateManagerAgency',
		method: 'PATCH',
		path: `${MANAGER}/agency`,
		scope: 'account.write',
		fields: [
			{
				displayName: 'Agency Managing Entity ID',
				name: 'agencyId',
				key: 'managingEntityIdentifier',
				in: 'body',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. me-1ff0d16986b2',
				description: 'The managing entity that becomes the agency',
			},
			{
				displayName: 'Commission (%)',
				name: 'commissionInPercent',
				in: 'body',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 0,
				required: true,
				description: "The agency's commission in percent",
			},
			{
				displayName: 'Rules',
				name: 'rules',
				key: 'rules',
				in: 'body',
				type: 'collection',
				placeholder: 'Add Rule',
				default: {},
				options: [
					{
						displayName: 'Expires',
						name: 'expires',
						type: 'dateTime',
						default: '',
						description: 'The date the agency stops managing this account (sent as a date)',
					},
					{
						displayName: 'Number of Bookings',
						name: 'numBookings',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 1,
						description:
							'How many more bookings earn the agency a commission; counts down with each booking',
					},
				],
			},
		],
		output: 'object',
	},
	{
		value: 'removeAgency',
		name: 'Remove Agency',
		action: 'Remove the managing agency',
		description: 'Clear the managing agency, ending its commission',
		operationId: 'removeManagerAgency',
		method: 'DELETE',
		path: `${MANAGER}/agency`,
		scope: 'account.remove',
		output: 'object',
	},
];
