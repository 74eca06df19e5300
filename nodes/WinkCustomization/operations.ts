import { additionalFields, childrenField, enumOptions, idLocator } from '../shared/table/fields';
import type { WinkField, WinkOperation, WinkValue } from '../shared/table/types';

const BASE = '/api/managing-entity/{managingEntityIdentifier}/studio/customization';

const text = (displayName: string, name: string, description: string): WinkValue => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});
const flag = (displayName: string, name: string, description: string, on = false): WinkValue => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
	...(on ? { default: true } : {}),
});
// An enum as options named in plain words (lifestyles without their prefix); the first value is the default.
function choice(
	displayName: string,
	name: string,
	values: string[],
	description: string,
): WinkValue {
	const options = enumOptions(values).map((o) => ({
		...o,
		name: o.name.replace(/^Lifestyle /, ''),
	}));
	const prop: WinkValue = { displayName, name, type: 'options', options, default: '', description };
	prop.default = values[0];
	return prop;
}

const LIFESTYLES = [
	'LIFESTYLE_ADULT_ONLY',
	'LIFESTYLE_ADVENTURE',
	'LIFESTYLE_BACKPACKER',
	'LIFESTYLE_BEACH',
	'LIFESTYLE_BEAUTY',
	'LIFESTYLE_BUSINESS',
	'LIFESTYLE_CITY',
	'LIFESTYLE_COUNTRY',
	'LIFESTYLE_COUPLE',
	'LIFESTYLE_CULTURE',
	'LIFESTYLE_ECO',
	'LIFESTYLE_FAMILY',
	'LIFESTYLE_FOODIE',
	'LIFESTYLE_HEALTH_FITNESS',
	'LIFESTYLE_LGBT',
	'LIFESTYLE_MOUNTAIN',
	'LIFESTYLE_RELAX',
	'LIFESTYLE_ROMANCE',
	'LIFESTYLE_SHOPPING',
	'LIFESTYLE_SINGLE_PARENT',
	'LIFESTYLE_SOLO',
	'LIFESTYLE_SOLO_FEMALE',
	'LIFESTYLE_SPORTS',
];
const FONTS = [
	'BODONI_MODA',
	'CINZEL',
	'CORMORANT_GARAMOND',
	'CRIMSON_PRO',
	'DM_SERIF_DISPLAY',
	'EB_GARAMOND',
	'FORUM',
	'GILDA_DISPLAY',
	'ITALIANA',
	'JOSEFIN_SANS',
	'LIBRE_BASKERVILLE',
	'LORA',
	'MARCELLUS',
	'OUTFIT',
	'PLAYFAIR_DISPLAY',
	'RALEWAY',
	'SPACE_GROTESK',
	'TENOR_SANS',
	'UI_SANS_SERIF',
	'UI_SERIF',
];

// RoomConfiguration_ManagingEntity: adults (required), rooms, and children by age.
const roomConfigurations: WinkValue = {
	displayName: 'Room Configurations',
	name: 'roomConfigurations',
	type: 'fixedCollection',
	placeholder: 'Add Room',
	default: {},
	typeOptions: { multipleValues: true },
	description: 'The initial guests and rooms of a search; Wink defaults to one room for two adults',
	options: [
		{
			displayName: 'Room',
			name: 'room',
			values: [
				{
					displayName: 'Adults',
					name: 'adults',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 2,
					required: true,
				},
				{
					displayName: 'Rooms',
					name: 'quantity',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: 'Number of identical rooms of this configuration',
				},
				childrenField(),
			],
		},
	],
};

const jsonList = (displayName: string, name: string, description: string): WinkValue => ({
	displayName,
	name,
	key: name,
	type: 'json',
	default: '[]',
	description,
});

const optionalBody: WinkField = additionalFields([
	text('Append to Page Title', 'appendToPageTitle', 'Text appended to the booking page title'),
	choice('Card Design', 'cardDesign', ['DEFAULT'], 'The card design of the web component cards'),
	choice(
		'Card Layout',
		'cardLayout',
		['HORIZONTAL', 'VERTICAL'],
		'How large the web component cards are',
	),
	text('Default Currency', 'defaultCurrency', 'The currency users see prices in first, e.g. USD'),
	text('Default Language', 'defaultLanguage', 'The language users see first, e.g. en'),
	choice(
		'Default Lifestyle',
		'defaultLifestyle',
		LIFESTYLES,
		'The lifestyle context users see first',
	),
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Fixed itinerary end date (sent as a date); leave the day counts out when set',
	},
	choice(
		'Font',
		'fontId',
		FONTS,
		'Font of the booking engine; Wink uses the system font when not set',
	),
	text(
		'Google Analytics Measurement ID',
		'googleAnalyticsMeasurementId',
		'For analytics of a self-hosted booking engine',
	),
	text('Google Maps API Key', 'googleMapsAPIKey', 'Shows Google Maps in the hosted booking engine'),
	text(
		'Google Tag Manager Container ID',
		'googleTagManagerContainerId',
		'Your GTM container for analytics',
	),
	text(
		'Hosted Booking Engine URL',
		'hostedBookingEngineUrl',
		'Where you host the booking engine yourself (HTTPS)',
	),
	choice(
		'Layout',
		'layout',
		['INFORMATIONAL', 'TRANSACTIONAL'],
		'How the web component cards are laid out',
	),
	jsonList(
		'Logos',
		'logos',
		'Logos for booking confirmation emails: a JSON array of SimpleMultimedia objects (multimediaIdentifier, identifier, type, source, sort, width, height)',
	),
	{
		displayName: 'Number of Advance Days',
		name: 'numberOfAdvanceDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Days from today to the initial check-in date (with Use Days)',
	},
	{
		displayName: 'Number of Stay Days',
		name: 'numberOfStayDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Nights of the initial itinerary (with Use Days)',
	},
	{
		displayName: 'Promotional Codes',
		name: 'promotionalCodes',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		description: 'Supplier promotional codes baked into the prices',
	},
	roomConfigurations,
	flag(
		'Self Hosted',
		'selfHosted',
		'Whether you host the booking engine yourself instead of the default URL',
	),
	flag(
		'Send Booking Emails to Booker',
		'sendBookingNotificationEmailsToBooker',
		'Whether Wink emails the booker',
		true,
	),
	flag(
		'Send Booking Emails to Channel Manager',
		'sendBookingNotificationEmailsToChannelManager',
		"Whether Wink notifies the property's channel manager (turn off only for testing)",
		true,
	),
	flag(
		'Send Booking Emails to Property',
		'sendBookingNotificationEmailsToProperty',
		'Whether Wink emails the property',
		true,
	),
	flag(
		'Show Rankings',
		'showRankings',
		'Whether to show rankings (lifestyle, eco score, reviews) on the hotel page',
	),
	flag('Show Search', 'showSearch', 'Whether users may leave the hotel page through search'),
	flag(
		'Show Unavailable Card',
		'showUnavailableCard',
		'Whether to show a card for inventory not for sale',
	),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'Fixed itinerary start date (sent as a date); leave the day counts out when set',
	},
	jsonList(
		'Tracking Pixels',
		'trackingPixels',
		'Analytics and conversion pixels: a JSON array of TrackingPixel objects (identifier, name, type, provider, consentCategory, …)',
	),
	flag(
		'Use Days',
		'useDays',
		'Whether the initial dates come from the day counts rather than Start and End Date',
	),
	choice(
		'Web Component Click Action',
		'wcBookClickAction',
		['FORWARD_TO_IBE', 'IBE_MODAL'],
		'What happens when a user clicks the button on an inventory card',
	),
]);

const COLORS = [
	'primary',
	'secondary',
	'success',
	'danger',
	'warning',
	'info',
	'light',
	'dark',
	'body',
	'muted',
	'white',
];
const themeColors: WinkField = {
	displayName: 'Theme Colors',
	name: 'themeColors',
	key: 'themeColors',
	in: 'body',
	type: 'collection',
	placeholder: 'Add Color',
	default: {},
	description: 'Colors of the web components, to match your site',
	options: COLORS.map((name) => ({
		displayName: name[0].toUpperCase() + name.slice(1),
		name,
		type: 'color',
		default: '',
	})),
};

const body: WinkField[] = [
	{
		displayName: 'Name',
		name: 'name',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		description: 'The name of this booking engine configuration',
	},
	optionalBody,
	themeColors,
];

const customizationId = idLocator(
	{ displayName: 'Customization', name: 'customizationIdentifier', in: 'path' },
	'searchCustomizations',
	'e.g. cz-1ed1005e067b',
);

/** Wink Customization: booking engine configurations (templates) of a managing entity. */
export const customizationOperations: WinkOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a customization',
		description: 'Create a booking engine configuration; the first one becomes primary',
		operationId: 'createCustomization',
		method: 'POST',
		path: BASE,
		scope: 'account.write',
		fields: body,
		output: 'object',
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many customizations',
		description: 'List every customization of the managing entity',
		operationId: 'showApplicationConfigurationsByOwner',
		method: 'GET',
		path: `${BASE}/list`,
		scope: 'account.read',
		output: 'list',
	},
	{
		value: 'getPrimary',
		name: 'Get Primary',
		action: 'Get the primary customization',
		description: 'Get the default customization; an error when none is primary',
		operationId: 'showPrimaryApplicationConfiguration',
		method: 'GET',
		path: BASE,
		scope: 'account.read',
		output: 'object',
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a customization',
		description: 'Get one customization',
		operationId: 'showApplicationConfiguration',
		method: 'GET',
		path: `${BASE}/{customizationIdentifier}`,
		scope: 'account.read',
		fields: [customizationId],
		output: 'object',
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a customization',
		description: 'Replace a customization with the values given: fields left out are not kept',
		operationId: 'updateCustomization',
		method: 'PUT',
		path: `${BASE}/{customizationIdentifier}`,
		scope: 'account.write',
		fields: [customizationId, ...body],
		output: 'object',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a customization',
		description: 'Delete a customization; the primary one cannot be deleted',
		operationId: 'removeCustomization',
		method: 'DELETE',
		path: `${BASE}/{customizationIdentifier}`,
		scope: 'account.remove',
		fields: [customizationId],
		output: 'object',
	},
];
