/** Where development writes the mails it would send, one `.eml` file each, when no SMTP_URL is set. */
export const DEV_MAIL_DIR = ".data/mail";
