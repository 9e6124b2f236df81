#if canImport(Glibc)
  import Glibc
#endif

import TalintCore

/// Why a fixed file could not be written.
struct WriteError: Error, CustomStringConvertible {
  var description: String
}

/// Replaces the file at `path` with `bytes` so that a reader sees the old file or the new one,
/// never a half-written one: the bytes go to a temporary file beside the target (through a
/// symlink, to its target), which takes the target's permissions and is renamed over it.
func replaceAtomically(_ path: String, with bytes: [UInt8]) throws {
  guard let resolved = realpath(path, nil) else { throw WriteError(description: "cannot resolve \(path): \(errnoText())") }
  let target = String(cString: resolved)
  free(resolved)
  var info = stat()
  guard stat(target, &info) == 0 else { throw WriteError(description: "cannot stat \(path): \(errnoText())") }
  var template = Array((FilePath.parent(target) + "/.talint-fix-XXXXXX").utf8CString)
  let descriptor = mkstemp(&template)
  guard descriptor >= 0 else { throw WriteError(description: "cannot write beside \(path): \(errnoText())") }
  let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  var failure: String?
  if !bytes.withUnsafeBytes({ writeAll($0, to: descriptor) }) { failure = errnoText() }
  if failure == nil && fchmod(descriptor, info.st_mode & 0o7777) != 0 { failure = errnoText() }
  if failure == nil && fsync(descriptor) != 0 { failure = errnoText() }
  close(descriptor)
  if failure == nil && rename(temporary, target) != 0 { failure = errnoText() }
  if let failure {
    unlink(temporary)
    throw WriteError(description: "cannot write \(path): \(failure)")
  }
}

private func errnoText() -> String { String(cString: strerror(errno)) }
