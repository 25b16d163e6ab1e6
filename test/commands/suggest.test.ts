import { afterEach, describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/commands/suggest.js';
import { parseCommand } from '../../src/core/parse.js';
import { overviewLines, topicUsage, usageOf } from '../../src/core/registry.js';
import { setLocale } from '../../src/i18n/index.js';

// Typos get a suggestion: a command or a sub-word within two edits is named
// ("Bedoel je `/signaal`?") with that command's forms, not the whole list.

const today = '2026-03-10';

function refused(text: string): { error: string; usage: string[] } {
  const r = parseCommand(text, { today });
  if (r.ok) throw new Error(`${text} parsed as ${JSON.stringify(r.command)}`);
  return r;
}

afterEach(() => setLocale('nl'));

describe('edit distance', () => {
  it('counts insertions, deletions, changes and swapped neighbours as one each', () => {
    expect(editDistance('signaal', 'signaal')).toBe(0);
    expect(editDistance('signal', 'signaal')).toBe(1);
    expect(editDistance('sigaal', 'signaal')).toBe(1);
    expect(editDistance('sginaal', 'signaal')).toBe(1);
    expect(editDistance('blijfend', 'blijvend')).toBe(1);
    expect(editDistance('veilgheid', 'veiligheid')).toBe(1);
    expect(editDistance('sgnal', 'signaal')).toBe(2);
    expect(editDistance('kat', 'hond')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only what is within two edits (one for short words), and nothing for a known word', () => {
    expect(nearest('Sigaal', ['casus', 'signaal'])).toBe('signaal');
    expect(nearest('sgnal', ['casus', 'signaal'])).toBe('signaal');
    expect(nearest('sgnl', ['casus', 'signaal'])).toBeUndefined();
    expect(nearest('tem', ['team'])).toBe('team');
    expect(nearest('tm', ['team'])).toBeUndefined();
    expect(nearest('boterham', ['casus', 'signaal'])).toBeUndefined();
    expect(nearest('casus', ['casus', 'cases'])).toBeUndefined();
  });
});

describe('the parser suggests', () => {
  it.each([
    ['/signal zorg normaal tekst', 'signaal'],
    ['/sigaal', 'signaal'],
    ['/veilgheid actueel 5 blijvend 4', 'veiligheid'],
    ['/casu info', 'casus'],
    ['/overlg', 'overleg'],
  ])('%s: "Bedoel je `/%s`?" with that command\'s forms only', (text, topic) => {
    const r = refused(text);
    expect(r.error).toContain(`Bedoel je \`/${topic}\`?`);
    expect(r.error).toContain('is geen commando dat ik ken');
    expect(r.usage).toEqual(topicUsage(topic as 'signaal'));
  });

  it('a word far from every command still gets the list', () => {
    const r = refused('/boterham');
    expect(r.error).not.toContain('Bedoel je');
    expect(r.usage).toEqual(overviewLines());
  });

  it.each([
    ['/signaal lijts', '/signaal', 'lijst'],
    ['/signaal zrog normaal Afspraak gemist', '/signaal', 'zorg'],
    ['/casus lidd @Joris hoofdaannemer', '/casus', 'lid'],
    ['/veiligheid actuel 5 blijvend 4', '/veiligheid', 'actueel'],
    ['/veiligheid grafeik', '/veiligheid', 'grafiek'],
  ])('%s: the sub-word it nearly was', (text, topic, word) => {
    const r = refused(text);
    expect(r.error).toContain(`past niet bij ${topic}. Bedoel je \`${word}\`?`);
  });

  it('/veiligheid actueel 5 blijfend 4 names the misspelt word, not a missing score', () => {
    const r = refused('/veiligheid actueel 5 blijfend 4');
    expect(r.error).toBe('"blijfend" ken ik hier niet. Bedoel je `blijvend`?');
    expect(r.usage).toEqual([usageOf('veiligheid.score')]);
    // A word nowhere near is still a missing score.
    expect(refused('/veiligheid actueel 5 morgen 4').error).toMatch(/ontbreekt een score voor blijvende veiligheid/);
  });

  it('in English too', () => {
    setLocale('en');
    expect(refused('/sigaal').error).toContain('Did you mean `/signaal`?');
    expect(refused('/signaal lijts').error).toContain('Did you mean `lijst`?');
    expect(refused('/veiligheid actueel 5 blijfend 4').error).toContain('Did you mean `blijvend`?');
  });
});
