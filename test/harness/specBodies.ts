import Ajv2020 from 'ajv/dist/2020';
import specSchemas from '../../nodes/shared/spec/schemas.json';

// The spec's own request body schemas (nodes/shared/spec/schemas.json, written by
// `npm run spec:facts` minus the spec's quirks) checked with ajv, independent of the node's
// own validator.
const ajv = new Ajv2020({ strict: false, allErrors: false });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', (t: string) =>
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(t),
);
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addSchema({ $id: 'wink', $defs: specSchemas.schemas });

const bodies = specSchemas.bodies as Record<string, string>;

/** Why a request body does not fit the spec's schema of the operation; undefined when it does. */
export function specBodyError(operationId: string, body: unknown): string | undefined {
	const name = bodies[operationId];
	if (!name) return body === undefined ? undefined : `${operationId} takes no request body`;
	if (body === undefined) return `${operationId} needs a ${name} body`;
	const validate = ajv.getSchema(`wink#/$defs/${name}`)!;
	if (validate(body)) return undefined;
	const e = validate.errors![0];
	return `${operationId} body ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`;
}
