'use strict';
// The scope each operation of the Wink Account API needs: ONE table, enforced by the sandbox
// (routes/index.js gives every route its row) and matched by every node table (test/scopes.test.ts).
//
// The spec names a permission only for the two ledger reads ("Requires the ACCOUNTING:READ
// permission"). Every other row is INFERRED, the way Settlement's were: the area from the spec
// tag (Settlement is split: withdrawals are payments, payout accounts are account settings;
// Bookings and Travel Agent are bookings; the rest are account settings), the level from the
// method: GET and the POSTs that only search or check need `.read`, POST/PUT/PATCH `.write`,
// DELETE `.remove`. One exception: revokeApplication is a GET that rotates credentials, a write.
const spec = (scope) => ({ scope, inferred: false });
const inferred = (scope) => ({ scope, inferred: true });

module.exports = {
	// Settlement
	getTransactionHistory: spec('accounting.read'),
	getAvailableBalance: spec('accounting.read'),
	getWithdrawalHistory: inferred('payment.read'),
	getWithdrawal: inferred('payment.read'),
	estimateFees: inferred('payment.read'),
	initiateWithdrawal: inferred('payment.write'),
	addBankAccount: inferred('account.write'),
	upsertBankAccount: inferred('account.write'),
	removeBankAccount: inferred('account.remove'),
	addRevolutPayoutAccount: inferred('account.write'),
	upsertRevolutPayoutAccount: inferred('account.write'),
	removeRevolutPayoutAccount: inferred('account.remove'),
	// Managing Entity
	showManagingEntity: inferred('account.read'),
	showAccessibleManagingEntities: inferred('account.read'),
	showManagingEntities: inferred('account.read'),
	showAccessibleManagingEntitiesByState: inferred('account.read'),
	showUnprovisionedManagingEntitiesByState: inferred('account.read'),
	isNameUnique: inferred('account.read'),
	isManagingEntityNameUnique: inferred('account.read'),
	isUrlNameUnique: inferred('account.read'),
	isUniqueIdUnique: inferred('account.read'),
	registerManagingEntity: inferred('account.write'),
	registerManagingEntityFromWinkLinks: inferred('account.write'),
	updateProfile: inferred('account.write'),
	updateManagingEntityStatus: inferred('account.write'),
	updateCompanyOnlinePresence: inferred('account.write'),
	// Managers
	inviteManager: inferred('account.write'),
	updateManagerGrants: inferred('account.write'),
	updateManagerAgency: inferred('account.write'),
	removeCompanyUser: inferred('account.remove'),
	removeManagerAgency: inferred('account.remove'),
	// Customization
	showApplicationConfigurationsByOwner: inferred('account.read'),
	showPrimaryApplicationConfiguration: inferred('account.read'),
	showApplicationConfiguration: inferred('account.read'),
	createCustomization: inferred('account.write'),
	updateCustomization: inferred('account.write'),
	removeCustomization: inferred('account.remove'),
	// Webhook
	showWebhooks: inferred('account.read'),
	loadWebhook: inferred('account.read'),
	showWebhookEvents: inferred('account.read'),
	createWebhook: inferred('account.write'),
	updateWebhook: inferred('account.write'),
	deleteWebhook: inferred('account.remove'),
	// Application
	showApplications: inferred('account.read'),
	loadApplication: inferred('account.read'),
	createApplication: inferred('account.write'),
	updateApplication: inferred('account.write'),
	revokeApplication: inferred('account.write'),
	deleteApplication: inferred('account.remove'),
	// Notification
	showNotifications: inferred('account.read'),
	showNotification: inferred('account.read'),
	showUnreadMessageCount: inferred('account.read'),
	removeNotification: inferred('account.remove'),
	// Bookings
	showAggregateFunds: inferred('booking.read'),
	showAggregateCancellationData: inferred('booking.read'),
	showBeneficiaryPaymentAmounts: inferred('booking.read'),
	showAvailableFunds: inferred('booking.read'),
	showBookingGrid: inferred('booking.read'),
	// Travel Agent
	createAgentBooking: inferred('booking.write'),
};
