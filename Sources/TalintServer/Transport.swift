#if canImport(Glibc)
  import Glibc
#endif

import TalintCore
import TalintYAML

/// One read from the client: a message's body, or why the bytes were not a message.
enum Incoming {
  case message([UInt8])
  /// Headers without a usable `Content-Length`, a header line or a body larger than the
  /// server accepts; the stream goes on after it.
  case malformed(String)
  case end
}

/// Reads the base protocol's frames (`Content-Length: N\r\n\r\n` then N bytes) from a file
/// descriptor. Headers other than `Content-Length` are ignored, as the specification allows.
final class MessageReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  /// Bodies beyond this are read and dropped: a document that large is refused, not buffered.
  static let maximumBody = 64 << 20

  /// Header lines longer than this are answered as malformed and skipped (real ones are a few
  /// dozen bytes), so a line that never ends costs neither memory nor repeated scanning.
  static let maximumHeaderLine = 8 << 10

  init(descriptor: Int32) { self.descriptor = descriptor }

  func next() -> Incoming {
    var length: Int?
    var sawHeader = false
    while true {
      let line: [UInt8]
      switch readLine() {
      case .end: return sawHeader ? .malformed("the stream ended inside a message's headers") : .end
      case .tooLong: return .malformed("a header line over \(Self.maximumHeaderLine) bytes")
      case .line(let bytes): line = bytes
      }
      if line.isEmpty {
        guard sawHeader else { continue }
        break
      }
      sawHeader = true
      let text = String(decoding: line, as: UTF8.self)
      guard let colon = text.firstIndex(of: ":") else { continue }
      if text[..<colon].lowercased() == "content-length" {
        length = Int(String(text[text.index(after: colon)...]).trimmingBlanks())
      }
    }
    guard let length, length >= 0 else { return .malformed("a message without a valid Content-Length header") }
    if length > Self.maximumBody {
      discard(length)
      return .malformed("a message of \(length) bytes, over the \(Self.maximumBody)-byte limit")
    }
    guard let body = read(length) else { return .malformed("the stream ended inside a message's body") }
    return .message(body)
  }

  private enum HeaderLine {
    /// The line without its `\r\n` (or `\n`).
    case line([UInt8])
    /// Longer than `maximumHeaderLine`; skipped up to its line feed.
    case tooLong
    case end
  }

  /// The next header line. Each byte is searched for the line feed once, however many reads
  /// the line takes; past `maximumHeaderLine`, what has come is dropped and only the line's
  /// end is looked for.
  private func readLine() -> HeaderLine {
    var scanned = 0  // bytes after `start` known to hold no line feed
    var skipping = false
    while true {
      if let newline = buffer.withUnsafeBufferPointer({ $0.firstIndex(ofByte: 0x0A, from: start + scanned) }) {
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let line = skipping || end - start > Self.maximumHeaderLine ? nil : Array(buffer[start..<end])
        start = newline + 1
        return line.map(HeaderLine.line) ?? .tooLong
      }
      scanned = buffer.count - start
      if scanned > Self.maximumHeaderLine {
        skipping = true
        start = buffer.count
        scanned = 0
      }
      guard fill() else { return .end }
    }
  }

  private func read(_ count: Int) -> [UInt8]? {
    while buffer.count - start < count {
      guard fill() else { return nil }
    }
    let body = Array(buffer[start..<start + count])
    start += count
    return body
  }

  private func discard(_ count: Int) {
    var left = count
    while left > 0 {
      let available = buffer.count - start
      if available >= left {
        start += left
        return
      }
      left -= available
      start = buffer.count
      guard fill() else { return }
    }
  }

  /// Reads more bytes; false at the end of the stream.
  private func fill() -> Bool {
    if start > 0 {
      buffer.removeFirst(start)
      start = 0
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = Glibc.read(descriptor, &chunk, chunk.count)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      buffer += chunk[..<count]
      return true
    }
  }
}

/// Writes frames; used from the server's one queue, so writes never interleave.
struct MessageWriter {
  let descriptor: Int32

  func send(_ message: JSON) {
    let body = message.encoded()
    let frame = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    // A client that went away ends the server at the next read; nothing to do here.
    _ = frame.withUnsafeBytes { writeAll($0, to: descriptor) }
  }
}
