import { dictionary } from '@zxcvbn-ts/language-common';

// The maintained common-password list of zxcvbn-ts (we do not keep our own list).
const COMMON = new Set(
  (dictionary as Record<string, string[]>)['passwords-common']?.map((p) => p.toLowerCase()) ?? [],
);

/** Why a new password is refused, or undefined when it is acceptable. Lengths are checked by the schema. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.toLowerCase() === email.trim().toLowerCase()) return 'must differ from the email';
  if (COMMON.has(password.toLowerCase())) return 'is too common; choose a less guessable password';
  return undefined;
}
