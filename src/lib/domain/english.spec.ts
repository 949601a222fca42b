import { describe, expect, it } from 'vitest';
import { byCount, indefiniteArticle, withArticle } from './english.ts';

describe('indefiniteArticle', () => {
	it.each([
		['80.0%', 'an'],
		['50.0%', 'a'],
		['100.0%', 'a'],
		['90.0%', 'a'],
		['8', 'an'],
		['8.5%', 'an'],
		['800', 'an'],
		['11', 'an'],
		['11.5%', 'an'],
		['18', 'an'],
		['18,000', 'an'],
		['18000', 'an'],
		['110', 'a'],
		['118', 'a'],
		['1,100', 'a'],
		['1.00', 'a'],
		['12', 'a'],
		['80,000', 'an'],
		['<0.1%', 'a'],
		['online dossier', 'an'],
		['threshold', 'a'],
		['Infrastructure index', 'an']
	] as const)('%s → %s', (text, article) => {
		expect(indefiniteArticle(text)).toBe(article);
	});

	it('prefixes the article', () => {
		expect(withArticle('80.0%')).toBe('an 80.0%');
		expect(withArticle('50.0%')).toBe('a 50.0%');
	});
});

describe('byCount', () => {
	it.each([
		[0, 'dossiers'],
		[1, 'dossier'],
		[2, 'dossiers'],
		[1.5, 'dossiers']
	] as const)('%d → %s', (n, word) => {
		expect(byCount(n, 'dossier', 'dossiers')).toBe(word);
	});
});
