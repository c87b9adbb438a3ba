export {
  classifySmtpError,
  createSmtpMailer,
  DEFAULT_SMTP_TIMEOUT_MS,
  type SmtpMailer,
  type SmtpMailerOptions,
} from './smtp.ts';
export { smtpOptionsFromEnv } from './env.ts';
