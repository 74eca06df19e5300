import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeCredentialsDetails,
	type INodeProperties,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/**
 * The parent type our credential extends, as n8n ships it (only the properties whose
 * defaults matter to the client-credentials flow; our credential overrides the rest).
 */
const oAuth2Api: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [],
			default: 'header',
		},
		{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	],
};

/**
 * Keeps credential data in memory and resolves it the way n8n's CredentialsHelper does:
 * parent types from `extends`, property defaults applied, `$self` expressions resolved,
 * and OAuth token data stored back by n8n's own OAuth2 code.
 */
export class MemoryCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>([['oAuth2Api', oAuth2Api]]);

	private readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** How often n8n stored a token it had fetched (first fetch or refresh). */
	tokenUpdates = 0;

	/** Every access token n8n stored (for the secret scans). */
	readonly accessTokens = new Set<string>();

	constructor(
		credentialTypes: ICredentialType[],
		private readonly nodeTypes: INodeTypes,
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	set(id: string, data: ICredentialDataDecryptedObject) {
		this.store.set(id, { ...data });
	}

	get(id: string): ICredentialDataDecryptedObject | undefined {
		return this.store.get(id);
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.types.get(type)?.properties ?? [];
		const inherited = (this.types.get(type)?.extends ?? []).flatMap((p) =>
			this.getCredentialsProperties(p),
		);
		const names = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !names.has(p.name)), ...own];
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used: n8n-core asks for decrypted data only');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (!stored) throw new Error(`No credential with id ${nodeCredentials.id}`);
		if (raw) return { ...stored };
		return this.resolve(type, stored, mode);
	}

	/** Defaults and `$self` expressions, as n8n's CredentialsHelper.applyDefaultsAndOverwrites. */
	resolve(
		type: string,
		data: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode = 'manual',
	) {
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (data.oauthTokenData !== undefined) withDefaults.oauthTokenData = data.oauthTokenData;
		const node = {
			id: 'credential-resolver',
			name: 'Credential',
			type: 'mock',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			node,
			withDefaults as never,
			mode,
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.store.set(nodeCredentials.id ?? '', { ...data });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const id = nodeCredentials.id ?? '';
		this.tokenUpdates++;
		const token = (data.oauthTokenData as { access_token?: unknown } | undefined)?.access_token;
		if (typeof token === 'string') this.accessTokens.add(token);
		this.store.set(id, { ...this.store.get(id), oauthTokenData: data.oauthTokenData });
	}
}
