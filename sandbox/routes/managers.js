'use strict';
// Spec tag "Managers": invite a user, change a manager's section grants, remove a manager, and
// the managing agency (commission only, no access).
const { badRequest, notFound } = require('../http-error');
const { ME, touch } = require('./helpers');

const SECTIONS = [
	'ALL',
	'ACCOUNT',
	'INVENTORY',
	'BOOKING',
	'MARKETING',
	'CONTENT',
	'ANALYTICS',
	'INTEGRATIONS',
	'MCP',
	'PAYMENT',
	'ACCOUNTING',
	'USER_ADMIN',
	'ADMIN',
];
const LEVELS = ['READ', 'WRITE', 'FULL'];
const str = { type: 'string', minLength: 1 };

function grants(list, atLeastOne) {
	if (atLeastOne && list.length === 0)
		throw badRequest('sectionGrants must hold at least one grant');
	return list.map((g, i) => {
		if (!SECTIONS.includes(g?.section))
			throw badRequest(`sectionGrants[${i}].section must be one of: ${SECTIONS.join(', ')}`);
		if (!LEVELS.includes(g?.level))
			throw badRequest(`sectionGrants[${i}].level must be one of: ${LEVELS.join(', ')}`);
		return { section: g.section, level: g.level };
	});
}

const sameEmail = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();

function inviteManager({ state, me, body, now }) {
	const user = state.users.find((u) => sameEmail(u.email, body.email));
	if (!user)
		throw badRequest(
			`No Wink user has the email '${body.email}': only existing users can be invited`,
		);
	if (me.managers.some((m) => sameEmail(m.email, body.email)))
		throw badRequest(`'${body.email}' already manages ${me.name}`);
	const { userIdentifier, firstName, lastName, email } = user;
	me.managers.push({
		email,
		status: 'PENDING',
		userIdentifier,
		firstName,
		lastName,
		owner: false,
		sectionGrants: grants(body.sectionGrants ?? [], false),
		name: `${firstName} ${lastName}`,
		active: false,
	});
	touch(me, now);
	return me;
}

function manager(me, predicate, label) {
	const found = me.managers.find(predicate);
	if (!found) throw notFound(`Manager ${label} not found on managing entity '${me.id}'`);
	return found;
}

function updateManagerGrants({ me, params, body, now }) {
	const m = manager(
		me,
		(x) => x.userIdentifier === params.managerUserIdentifier,
		`'${params.managerUserIdentifier}'`,
	);
	if (m.owner)
		throw badRequest("The account owner's grants cannot be changed; transfer ownership instead");
	m.sectionGrants = grants(body.sectionGrants, true);
	touch(me, now);
	return me;
}

function removeCompanyUser({ me, params, now }) {
	const m = manager(me, (x) => sameEmail(x.email, params.email), `with email '${params.email}'`);
	if (m.owner) throw badRequest('The account owner cannot be removed');
	me.managers.splice(me.managers.indexOf(m), 1);
	touch(me, now);
	return me;
}

function updateManagerAgency({ state, me, body, now }) {
	const agency = state.managingEntities[body.managingEntityIdentifier];
	if (!agency) throw notFound(`Managing entity '${body.managingEntityIdentifier}' not found`);
	if (agency.id === me.id) throw badRequest('A managing entity cannot be its own managing agency');
	if (body.commissionInPercent < 0 || body.commissionInPercent > 100)
		throw badRequest('commissionInPercent must be between 0 and 100');
	const rules = body.rules ?? {};
	if (rules.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(rules.expires))
		throw badRequest('rules.expires must be a date (YYYY-MM-DD)');
	if (
		rules.numBookings !== undefined &&
		!(Number.isInteger(rules.numBookings) && rules.numBookings >= 0)
	) {
		throw badRequest('rules.numBookings must be a whole number >= 0');
	}
	me.managedBy = {
		identifier: agency.id,
		name: agency.name,
		commissionInPercent: body.commissionInPercent,
		rules: { ...rules, nonExpired: !rules.expires || rules.expires >= now.slice(0, 10) },
		valid: true,
	};
	touch(me, now);
	return me;
}

function removeManagerAgency({ me, now }) {
	if (!me.managedBy) throw notFound(`Managing entity '${me.id}' has no managing agency`);
	me.managedBy = null;
	touch(me, now);
	return me;
}

const MANAGER = `${ME}/manager`;

module.exports = [
	{
		operationId: 'inviteManager',
		method: 'PATCH',
		path: `${MANAGER}/invite`,
		body: { required: ['email'], properties: { email: str, sectionGrants: { type: 'array' } } },
		handler: inviteManager,
	},
	{
		operationId: 'updateManagerGrants',
		method: 'PATCH',
		path: `${MANAGER}/{managerUserIdentifier}/grants`,
		body: { required: ['sectionGrants'], properties: { sectionGrants: { type: 'array' } } },
		handler: updateManagerGrants,
	},
	{
		operationId: 'removeCompanyUser',
		method: 'DELETE',
		path: `${MANAGER}/{email}`,
		handler: removeCompanyUser,
	},
	{
		operationId: 'updateManagerAgency',
		method: 'PATCH',
		path: `${MANAGER}/agency`,
		body: {
			required: ['managingEntityIdentifier', 'commissionInPercent'],
			properties: {
				managingEntityIdentifier: str,
				commissionInPercent: { type: 'number' },
				rules: { type: 'object' },
			},
		},
		handler: updateManagerAgency,
	},
	{
		operationId: 'removeManagerAgency',
		method: 'DELETE',
		path: `${MANAGER}/agency`,
		handler: removeManagerAgency,
	},
];
