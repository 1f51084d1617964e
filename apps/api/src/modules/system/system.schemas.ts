import { Type } from '@sinclair/typebox';

export const RootResponse = Type.Object({
  name: Type.String({ examples: ['DevTrackr'] }),
  version: Type.String({ examples: ['0.1.0'] }),
  docs: Type.String({ examples: ['/docs'] }),
  openapi: Type.String({ examples: ['/openapi.json'] }),
});

/** The browser's answer to GET /: an empty 303 to the web app. */
export const SeeWebApp = {
  ...Type.Null({ description: 'See Other: a browser asked; the web app is at `Location`' }),
  headers: { location: Type.String({ description: 'The web app: `/app/`' }) },
};

export const HelloQuery = Type.Object(
  {
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Who to greet; 1 to 100 characters',
        examples: ['Ada'],
      }),
    ),
  },
  { additionalProperties: false },
);

export const HelloResponse = Type.Object({ message: Type.String({ examples: ['Hello, World!'] }) });

export const TimeQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('iso'), Type.Literal('seconds')], {
        default: 'iso',
        description: '`iso` for an RFC 3339 UTC string, `seconds` for integer epoch seconds',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TimeResponse = Type.Union([
  Type.Object({
    format: Type.Literal('iso'),
    utc: Type.String({ format: 'date-time', examples: ['2026-11-26T12:00:00Z'] }),
  }),
  Type.Object({ format: Type.Literal('seconds'), utc: Type.Integer({ examples: [1795000000] }) }),
]);

export const HealthResponse = Type.Object({ status: Type.Literal('ok') });
export const ReadyResponse = Type.Object({ status: Type.Literal('ready') });
