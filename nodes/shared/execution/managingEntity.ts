import { NodeOperationError, type ILoadOptionsFunctions } from 'n8n-workflow';
import { winkCredentials, type WinkContext } from '../transport/request';

// The one place that decides which managing entity a {managingEntityIdentifier} path means.
// Its record (showManagingEntity) is a row of the Managing Entity table: nodes/WinkManagingEntity/methods.ts.

/** The managing entity picked in a node (a locator's value), else the credential's default; '' when neither. */
export async function managingEntityOr(this: WinkContext, picked: unknown): Promise<string> {
	const id = String(picked ?? '').trim();
	return id || String((await winkCredentials.call(this)).managingEntityId ?? '').trim();
}

/** As managingEntityOr, with an error saying what to do when neither is set. */
export async function requireManagingEntity(
	this: WinkContext,
	picked: unknown,
	itemIndex?: number,
): Promise<string> {
	const id = await managingEntityOr.call(this, picked);
	if (!id) {
		throw new NodeOperationError(this.getNode(), 'No managing entity chosen', {
			description:
				'Pick one in the Managing Entity field, or set a Default Managing Entity ID in the Wink credential.',
			...(itemIndex === undefined ? {} : { itemIndex }),
		});
	}
	return id;
}

/** In the editor (pickers): the entity chosen in the node's Managing Entity field, or the credential's default ('' when neither). */
export async function chosenManagingEntity(this: ILoadOptionsFunctions): Promise<string> {
	const picked = this.getCurrentNodeParameter('managingEntity', { extractValue: true });
	return await managingEntityOr.call(this, picked);
}
