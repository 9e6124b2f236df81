#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import ArgumentParser
import TalintCore

/// Writes straight to the file descriptors: no shared `FILE*` state, and a reader that went
/// away (`talint … | head -1`) ends the writes quietly instead of crashing the run.
func writeOut(_ text: String) { write(text, to: 1) }

/// Standard error carries file names and reasons from the input: each line's control
/// characters are escaped, so a name cannot write lines or terminal escapes of its own.
func writeErr(_ text: String) {
  write(text.split(separator: "\n", omittingEmptySubsequences: false).map { ControlCharacters.escaped(String($0)) }.joined(separator: "\n"), to: 2)
}

func write(_ text: String, to descriptor: Int32) {
  var text = text
  _ = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
}

func writeOut(_ bytes: [UInt8]) { write(bytes, to: 1) }

func write(_ bytes: [UInt8], to descriptor: Int32) {
  _ = bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
}

/// Says what is wrong with the invocation and ends the run with exit code 64, without the
/// usage banner: the arguments parsed, it is a file or setting they name that is unusable.
func usageError(_ message: String) -> ExitCode {
  writeErr("talint: error: \(message)\n")
  return ExitCode(64)
}

/// Writes a report or baseline file, making its folder when missing; a failure is a usage
/// error that says why.
func writeFile(_ path: String, _ text: String) throws {
  try writeFile(path, Array(text.utf8))
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
  makeFolders(FilePath.parent(path))
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw usageError("cannot write \(path): \(String(cString: strerror(errno)))") }
  defer { close(descriptor) }
  write(bytes, to: descriptor)
}

/// `mkdir -p`: the folders a report is written into, when they do not exist yet.
private func makeFolders(_ path: String) {
  guard !FilePath.exists(path) else { return }
  makeFolders(FilePath.parent(path))
  mkdir(path, 0o755)
}
