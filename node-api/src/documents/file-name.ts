const MAX_LENGTH = 200;
// Path separators, control characters and the characters Windows refuses in file names.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only,
 * without control or reserved characters, and never empty or a dot name.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE, '_').trim().slice(0, MAX_LENGTH);
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'document' : cleaned;
}
