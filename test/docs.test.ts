import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// The README is the way into docs/: every docs/*.md must be linked from it, every dated report in
// docs/engineering/ from the README or a docs/ page, and every relative link in the README and in
// docs/ must reach a file (and a heading, when it names one).
const root = join(__dirname, '..');
const mdIn = (dir: string) =>
	readdirSync(join(root, dir))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `${dir}/${f}`);
const reports = mdIn('docs/engineering');
const pages = ['README.md', ...mdIn('docs'), ...reports];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.toLowerCase()
		.replace(/[`*_]/g, '')
		.replace(/[^\p{L}\p{N} -]/gu, '')
		.replace(/ /g, '-');

function anchors(file: string): Set<string> {
	const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].trim())));
}

function links(file: string): string[] {
	const text = readFileSync(join(root, file), 'utf8')
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map((m) => m[1])
		.filter((l) => !/^[a-z]+:/i.test(l));
}

/** The file a relative link in `page` leads to, from the repository's root. */
const targetOf = (page: string, link: string) => {
	const path = link.split('#')[0];
	return path ? relative(root, join(root, dirname(page), path)) : page;
};

test('the README links every page in docs/', () => {
	const linked = new Set(links('README.md').map((l) => targetOf('README.md', l)));
	const unlinked = mdIn('docs').filter((p) => !linked.has(p));
	expect(unlinked).toEqual([]);
});

test('every report in docs/engineering/ is linked from the README or another docs/ page', () => {
	const linked = (report: string) =>
		pages.some((p) => p !== report && links(p).some((l) => targetOf(p, l) === report));
	expect(reports.filter((r) => !linked(r))).toEqual([]);
});

test.each(pages)('every relative link in %s reaches its file and heading', (page) => {
	const broken: string[] = [];
	for (const link of links(page)) {
		const anchor = link.split('#')[1];
		const target = targetOf(page, link);
		if (!existsSync(join(root, target))) broken.push(link);
		else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(link);
	}
	expect(broken).toEqual([]);
});

// Pointers outside the Markdown pages: a docs/ path must exist, a README section must be a heading.
const pointerFiles = ['.npmrc', ...readdirSync(join(root, 'examples')).map((f) => `examples/${f}`)];
test.each(pointerFiles)('the docs pointed to from %s exist', (file) => {
	const text = readFileSync(join(root, file), 'utf8');
	const paths = [...text.matchAll(/\bdocs\/[\w.-]+\.md\b/g)]
		.map((m) => m[0])
		.filter((p) => !existsSync(join(root, p)));
	const sections = [...text.matchAll(/README, "([^"]+)"/g)]
		.map((m) => m[1])
		.filter((h) => !anchors('README.md').has(slug(h)));
	expect([...paths, ...sections]).toEqual([]);
});

// n8n 2.x turns a workflow on with "Publish" (1.x: the Active switch); an example's note says so.
test.each(readdirSync(join(root, 'examples')))(
	"examples/%s: a note that says how to turn the workflow on names 2.x's Publish",
	(file) => {
		const notes = (
			JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')).nodes as Array<{
				type: string;
				parameters: { content?: string };
			}>
		)
			.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
			.map((n) => n.parameters.content ?? '');
		expect(notes.filter((n) => /\bactivate\b/i.test(n) && !/\bPublish\b/.test(n))).toEqual([]);
	},
);
