import type { IExecuteFunctions } from 'n8n-workflow';
import type { WinkHook, WinkOperation } from '../../shared/table/types';
import { reconcileProperties } from './properties';
import { reconcile } from './run';

/** Reconcile as a table row's hook: its editor fields and a run over all input items. */
export const reconcileHook: WinkHook = {
	properties: reconcileProperties,
	async execute(this: IExecuteFunctions, operations: WinkOperation[]) {
		return await reconcile.call(this, operations);
	},
};
