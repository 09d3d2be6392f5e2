// File system errors reach users through the CLI and the report; Node's bare codes (ENOENT,
// EISDIR) say nothing to most of them, so each is given in words, with the code kept to search for.

/** What the file system error codes a user can meet mean, in words. */
const MEANING: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EEXIST: "already exists",
  EBUSY: "resource busy",
  EIO: "input/output error",
  EINVAL: "invalid argument",
  ENXIO: "no such device or address",
  ETXTBSY: "text file busy",
  EFBIG: "file too large",
};

/** An error of a file operation as words and its code ("permission denied (EACCES)"); any other error as its message. */
export function ioErrorText(e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
  if (code !== undefined) return `${MEANING[code] ?? (e instanceof Error ? e.message.replace(/^[A-Z]+: /, "").split(",")[0] : "error")} (${code})`;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
