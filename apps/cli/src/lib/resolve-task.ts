/** Task ids and search terms as the commands take them (`42`, `#42`, `login redirect`). */

/** The API's ids are PostgreSQL integers: 1 to 2^31 − 1. */
const MAX_ID = 2_147_483_647;
const ID = /^#?([1-9]\d{0,9})$/;

/** The id `text` names (`42` or `#42`), or undefined when it is not an id. */
export function taskIdOf(text: string): number | undefined {
  const match = ID.exec(text.trim());
  if (!match?.[1]) return undefined;
  const id = Number(match[1]);
  return id <= MAX_ID ? id : undefined;
}

export type TaskRef = { id: number } | { search: string };

/** A number is an id; anything else is a search term over the title and description. */
export function taskRefOf(text: string): TaskRef {
  const id = taskIdOf(text);
  return id === undefined ? { search: text.trim().replace(/\s+/g, ' ') } : { id };
}

export type Match<T> = { kind: 'one'; task: T } | { kind: 'none' } | { kind: 'many'; tasks: T[] };

/** A search must find exactly one task; several are listed back to the user to choose from. */
export function matchOf<T>(tasks: readonly T[]): Match<T> {
  const [first] = tasks;
  if (first === undefined) return { kind: 'none' };
  return tasks.length === 1 ? { kind: 'one', task: first } : { kind: 'many', tasks: [...tasks] };
}
