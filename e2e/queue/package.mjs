// What the package under test contains: scenarios for nodes that have not landed yet wait for them.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/** True when package.json's n8n section lists the node `name` (e.g. 'WinkTrigger'). */
export const hasNode = (name) => pkg.n8n.nodes.some((p) => p.endsWith(`/${name}.node.js`));
