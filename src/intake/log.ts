/**
 * The intake's logger: injected, no-op by default. Fields carry ids, counts and
 * codes only — never file names or anything read from a fax (patient data).
 */
export type IntakeLogFields = Record<string, string | number | boolean | null>;

export interface IntakeLog {
  info(message: string, fields?: IntakeLogFields): void;
  warn(message: string, fields?: IntakeLogFields): void;
  error(message: string, fields?: IntakeLogFields): void;
}

export const noopIntakeLog: IntakeLog = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** A short, stable error code for logs: the errno code or the error class, never the message. */
export function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? code : error.name;
  }
  return typeof error;
}
