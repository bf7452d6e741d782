/**
 * The time as the application's rules see it. Injected (token `CLOCK`) wherever a rule depends on
 * how much time has passed — deadlines, expiries — so that tests can move it forward.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
