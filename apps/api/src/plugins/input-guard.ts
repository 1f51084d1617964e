import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { validationFailed, type FieldError } from '../shared/errors.js';

/**
 * PostgreSQL text cannot hold NUL (U+0000): a query or path value carrying one would fail inside
 * the database as a 500. Refusing it here, once for every route, turns it into a 422 naming the
 * field. (Bodies are checked where they are interpreted; the errors plugin maps any NUL that
 * still reaches PostgreSQL to a 422 as well.)
 */
function nulFields(root: string, value: unknown, out: FieldError[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      out.push({ location: root, message: 'must not contain NUL characters' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      nulFields(`${root}.${i}`, item, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nulFields(`${root}.${key}`, item, out);
  }
}

export default fp(
  function inputGuardPlugin(app: FastifyInstance) {
    app.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
      const errors: FieldError[] = [];
      nulFields('query', request.query, errors);
      nulFields('params', request.params, errors);
      if (errors.length > 0) {
        done(validationFailed(errors));
        return;
      }
      done();
    });
  },
  { name: 'input-guard' },
);
