/** The source of "now". Injected so tests can move time without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
