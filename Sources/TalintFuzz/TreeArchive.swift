#if canImport(Glibc)
  import Glibc
#endif

/// A small repository written as one text, so that libFuzzer can mutate several files at once:
/// each file starts with a line `#> relative/path`. The fuzzer writes the files into a folder
/// of its own and lints that folder as `talint lint` would.
struct TreeArchive {
  static let marker: [UInt8] = Array("#> ".utf8)

  var files: [(path: String, bytes: [UInt8])] = []

  /// Splits `bytes` at marker lines; text before the first marker is dropped. A path is kept
  /// inside the folder: only `[A-Za-z0-9._-]` parts, no `.`/`..`, at most three levels.
  init(_ bytes: [UInt8]) {
    var current: (path: String, bytes: [UInt8])?
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
      let line = bytes[start..<end]
      if line.starts(with: Self.marker) {
        if let current { files.append(current) }
        current = Self.safePath(line.dropFirst(Self.marker.count)).map { ($0, []) }
      } else {
        current?.bytes.append(contentsOf: line)
      }
      start = end
    }
    if let current { files.append(current) }
  }

  init(files: [(path: String, bytes: [UInt8])]) { self.files = files }

  /// The archive as text again (seeds for the corpus).
  var bytes: [UInt8] {
    files.flatMap { Self.marker + Array($0.path.utf8) + [UInt8(ascii: "\n")] + $0.bytes }
  }

  private static func safePath(_ raw: ArraySlice<UInt8>) -> String? {
    let text = String(decoding: raw.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }, as: UTF8.self)
    let parts = text.split(separator: "/")
    guard !parts.isEmpty, parts.count <= 3 else { return nil }
    for part in parts {
      guard part != ".", part != "..", part.utf8.count <= 40,
        part.utf8.allSatisfy({ isalnum(Int32($0)) != 0 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
      else { return nil }
    }
    return parts.joined(separator: "/")
  }
}
