import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// The README is the way into docs/: every docs/*.md must be linked from it, and every relative
// link in the README and in docs/ must reach a file (and a heading, when it names one).
const root = join(__dirname, '..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

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
	const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));
}

test('the README links every page in docs/', () => {
	const linked = new Set(links('README.md').map((l) => l.split('#')[0]));
	const unlinked = pages.filter((p) => p !== 'README.md' && !linked.has(p));
	expect(unlinked).toEqual([]);
});

test.each(pages)('every relative link in %s reaches its file and heading', (page) => {
	const broken: string[] = [];
	for (const link of links(page)) {
		const [path, anchor] = link.split('#');
		const target = path ? relative(root, join(root, dirname(page), path)) : page;
		if (!existsSync(join(root, target))) broken.push(link);
		else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(link);
	}
	expect(broken).toEqual([]);
});
