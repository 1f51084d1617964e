// @ts-check
// `node --test bench/lib/`: what a category lost, on a hand-written Lighthouse result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { losses } from './lighthouse.mjs';

/** The fields losses() reads, shaped like Lighthouse's result. */
const lhr = /** @type {import('lighthouse').Result} */ (
  /** @type {unknown} */ ({
    categories: {
      'best-practices': {
        auditRefs: [
          { id: 'errors-in-console', weight: 10 },
          { id: 'is-on-https', weight: 30 },
          { id: 'csp-xss', weight: 0 },
          { id: 'inspector-issues', weight: 10 },
          { id: 'image-aspect-ratio', weight: 10 },
        ],
      },
    },
    audits: {
      'errors-in-console': {
        title: 'Browser errors were logged to the console',
        score: 0.5,
        details: {
          items: [
            {
              source: 'network',
              description: 'Failed to load resource: 401',
              url: '/auth/refresh',
            },
            { source: 'network', url: '/other' },
          ],
        },
      },
      'is-on-https': { title: 'Uses HTTPS', score: 1 },
      'csp-xss': { title: 'CSP is effective', score: 0 },
      'inspector-issues': { title: 'No issues in Issues', score: null },
      'image-aspect-ratio': { title: 'Aspect ratio', score: 0.9, displayValue: '1 image' },
    },
  })
);

describe('losses', () => {
  it('costs each weighted audit weight ÷ total × (1 − score) × 100, largest first', () => {
    const lost = losses(lhr, 'best-practices');
    assert.deepEqual(
      lost.map((l) => [l.id, l.points.toFixed(3)]),
      // 10/60 × 0.5 × 100 and 10/60 × 0.1 × 100; unweighted, unscored and perfect audits cost nothing.
      [
        ['errors-in-console', '8.333'],
        ['image-aspect-ratio', '1.667'],
      ],
    );
  });

  it('names what the audit found, and its display value', () => {
    const [errors, ratio] = losses(lhr, 'best-practices');
    assert.deepEqual(errors?.items, ['Failed to load resource: 401', '/other']);
    assert.equal(ratio?.value, '1 image');
    assert.deepEqual(ratio?.items, []);
  });

  it('is empty for a category the result does not have', () => {
    assert.deepEqual(losses(lhr, 'seo'), []);
  });
});
