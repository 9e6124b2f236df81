#if canImport(Glibc)
  import Glibc
#endif

import TalintCore

/// Why a fixed file was not written.
struct WriteError: Error, CustomStringConvertible {
  var description: String
}

/// Replaces the file at `path`, whose text was `original` when it was linted, with `bytes`, so
/// that a reader sees the old file or the new one, never a half-written one: the bytes go to a
/// temporary file beside it, which takes its owner, group and permissions and is renamed over
/// it. `--fix` runs on trees strangers write, so it writes only what is plainly the file it
/// was given, and refuses:
/// - a path any step of which is a symbolic link — the file or a folder above it as the path
///   spells it: a link's target may be anywhere (outside the tree, a system file), and a pull
///   request can turn a folder CI names into one. Naming the target itself fixes it.
/// - anything but a regular file;
/// - a read-only file: its owner said it is not to be changed (root could write it anyway);
/// - a file with more than one hard link: renaming would split the links (the other names
///   keep the old text), and writing in place instead would change every name — one of them
///   possibly outside the tree — and could leave a half-written file;
/// - a file whose owner or group cannot be kept;
/// - a file that changed since it was read (checked just before the rename): the edit would be
///   lost.
func replaceAtomically(_ path: String, original: [UInt8], with bytes: [UInt8]) throws {
  if let link = linkStep(path) {
    throw WriteError(description: "\(link) is a symbolic link; talint writes through none (name the link's target to fix it)")
  }
  // O_NOFOLLOW: a link put in its place since is refused too.
  let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
  guard descriptor >= 0 else { throw WriteError(description: "cannot open \(path): \(errnoText())") }
  defer { close(descriptor) }
  var info = stat()
  guard fstat(descriptor, &info) == 0 else { throw WriteError(description: "cannot stat \(path): \(errnoText())") }
  guard info.st_mode & S_IFMT == S_IFREG else { throw WriteError(description: "not a regular file") }
  guard info.st_mode & 0o222 != 0 && access(path, W_OK) == 0 else {
    throw WriteError(description: "read-only (mode 0\(String(info.st_mode & 0o7777, radix: 8))); make it writable to fix it")
  }
  guard info.st_nlink == 1 else {
    throw WriteError(description: "\(info.st_nlink) hard links name this file; replacing it would split them, so fix it by hand")
  }

  var template = Array((FilePath.parent(path) + "/.talint-fix-XXXXXX").utf8CString)
  let temporary = mkstemp(&template)
  guard temporary >= 0 else { throw WriteError(description: "cannot write beside \(path): \(errnoText())") }
  let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  var failure: String?
  if !bytes.withUnsafeBytes({ writeAll($0, to: temporary) }) { failure = "cannot write \(path): \(errnoText())" }
  // The owner first: changing it clears set-user-ID and set-group-ID bits, which fchmod restores.
  if failure == nil && fchown(temporary, info.st_uid, info.st_gid) != 0 { failure = "cannot keep the owner and group of \(path): \(errnoText())" }
  if failure == nil && fchmod(temporary, info.st_mode & 0o7777) != 0 { failure = "cannot keep the permissions of \(path): \(errnoText())" }
  if failure == nil && fsync(temporary) != 0 { failure = "cannot write \(path): \(errnoText())" }
  close(temporary)
  if failure == nil && !unchanged(path, descriptor, info, original) { failure = "it changed after talint read it; run talint again" }
  if failure == nil && rename(temporaryPath, path) != 0 { failure = "cannot write \(path): \(errnoText())" }
  if let failure {
    unlink(temporaryPath)
    throw WriteError(description: failure)
  }
}

/// The first step of `path`, as it is spelled, that is a symbolic link, or nil.
private func linkStep(_ path: String) -> String? {
  var prefix = path.hasPrefix("/") ? "/" : ""
  for step in path.split(separator: "/") {
    if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
    prefix += step
    var info = stat()
    if lstat(prefix, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK { return prefix }
  }
  return nil
}

/// Whether the file at `path` is still the one opened as `descriptor` (not replaced, not
/// turned into a link) and still holds `original`, the text that was linted and fixed.
private func unchanged(_ path: String, _ descriptor: Int32, _ opened: stat, _ original: [UInt8]) -> Bool {
  var now = stat()
  guard lstat(path, &now) == 0, now.st_dev == opened.st_dev, now.st_ino == opened.st_ino, fstat(descriptor, &now) == 0,
    now.st_size == original.count
  else { return false }
  var current = [UInt8](repeating: 0, count: original.count)
  var offset = 0
  while offset < current.count {
    let count = current.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { return false }
    offset += count
  }
  return current == original
}

private func errnoText() -> String { String(cString: strerror(errno)) }
