/** The process's pino logger (pino.Logger). */
export const PINO_LOGGER = Symbol('PINO_LOGGER');

/** Where log lines go: stdout unless replaced (tests capture them through this token). */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
