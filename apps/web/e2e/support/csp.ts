import type { BrowserContext } from 'playwright-core';

/** One Content-Security-Policy violation seen in a page of the context. */
export interface CspViolation {
  /** Where it was seen: the page's URL. */
  page: string;
  /** Which channel reported it: the document's event or the browser's console. */
  via: 'event' | 'console';
  /** The event's violated directive and blocked resource, or the console message's text. */
  detail: string;
}

interface ViolationEvent {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

declare global {
  interface Window {
    /** The binding the recorder exposes (Playwright's exposeBinding: no script tag, no CSP). */
    __e2eCspViolation?: (event: ViolationEvent) => Promise<void>;
  }
}

export interface CspRecorder {
  /** Everything seen so far. */
  readonly violations: readonly CspViolation[];
  /** Returns what was seen and forgets it (for the test that provokes one on purpose). */
  take(): CspViolation[];
}

/**
 * Records every CSP violation in every page of `context`, on two channels: the document's
 * `securitypolicyviolation` event (through an init script, which runs before the app's own and
 * is not subject to the page's CSP) and the browser's console messages about the policy, which
 * also cover what never reaches the event (a blocked worker or manifest fetch).
 */
export async function recordCspViolations(context: BrowserContext): Promise<CspRecorder> {
  const violations: CspViolation[] = [];
  await context.exposeBinding('__e2eCspViolation', ({ page }, event: ViolationEvent) => {
    violations.push({
      page: page.url(),
      via: 'event',
      detail: `${event.directive} blocked ${event.blocked || '(inline)'} in ${event.source || '(document)'}${event.sample === '' ? '' : `: ${event.sample}`}`,
    });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void window.__e2eCspViolation?.({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        sample: event.sample,
      });
    });
  });
  context.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      violations.push({
        page: message.page()?.url() ?? '(no page)',
        via: 'console',
        detail: message.text(),
      });
    }
  });
  return {
    violations,
    take: () => violations.splice(0, violations.length),
  };
}
