// What the API's credentials look like (apps/api/src/modules/auth/tokens.ts): an access token is
// a JWT (base64url JSON header, so it starts "eyJ"), a refresh token `dtr_…`, a personal access
// token `dtk_…`. A value of any of these shapes in web storage is a leaked credential.
export const ACCESS_TOKEN = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
export const REFRESH_TOKEN = /dtr_[\w-]+/;
export const PERSONAL_TOKEN = /dtk_[\w-]+/;

const SHAPES: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'access token (JWT)', pattern: ACCESS_TOKEN },
  { kind: 'refresh token', pattern: REFRESH_TOKEN },
  { kind: 'personal access token', pattern: PERSONAL_TOKEN },
];

/** The kinds of credential `text` contains, if any. */
export const credentialsIn = (text: string): string[] =>
  SHAPES.filter(({ pattern }) => pattern.test(text)).map(({ kind }) => kind);
