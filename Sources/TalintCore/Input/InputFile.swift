import TalintYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an input could not be read. The description is what the user sees.
public struct InputError: Error, CustomStringConvertible, Sendable {
  public var description: String
  /// True when the input passes a safety limit rather than failing to be read.
  public var isLimit = false

  public init(description: String, isLimit: Bool = false) {
    self.description = description
    self.isLimit = isLimit
  }
}

/// One input to lint: a file path, standard input under a display name, or an editor's
/// unsaved text of a file.
public struct InputFile: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    case path(String)
    case standardInput
    /// The text an editor holds for the file at `displayPath` (the language server).
    case buffer([UInt8])
  }

  public var source: Source
  public var displayPath: String

  public static func path(_ path: String) -> InputFile { InputFile(source: .path(path), displayPath: path) }
  public static func standardInput(name: String = "<stdin>") -> InputFile {
    InputFile(source: .standardInput, displayPath: name)
  }
  public static func buffer(_ bytes: [UInt8], path: String) -> InputFile { InputFile(source: .buffer(bytes), displayPath: path) }

  /// Reads the whole input, or of one larger than `limit` (YAMLLimits.maxBytes) the first
  /// bytes past it, which the parser refuses: a file whose size says so is refused unread, and
  /// anything else stops being read there (a 1 GB file once took 3.2 GB before the limit was
  /// checked). Refuses anything but a regular file, so that a FIFO, a socket or a device passed
  /// as a path never hangs the run; never opens files for writing.
  public func read(limit: Int = YAMLLimits.default.maxBytes) throws -> [UInt8] {
    switch source {
    case .standardInput:
      return try Self.readAll(descriptor: 0, limit: limit)
    case .buffer(let bytes):
      return bytes
    case .path(let path):
      var info = stat()
      guard stat(path, &info) == 0 else { throw InputError(description: "cannot read: \(Self.errnoText())") }
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw InputError(description: "not a regular file (a directory, FIFO, socket or device)")
      }
      guard Int(info.st_size) <= limit else { throw InputError(description: "input is larger than \(limit >> 20) MiB", isLimit: true) }
      let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else { throw InputError(description: "cannot open: \(Self.errnoText())") }
      defer { close(descriptor) }
      return try Self.readAll(descriptor: descriptor, sizeHint: Int(info.st_size), limit: limit)
    }
  }

  private static func readAll(descriptor: Int32, sizeHint: Int = 0, limit: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(sizeHint, limit) + 1)
    let chunk = 1 << 16
    // Left unfilled: `read` writes what is used, and zeroing 64 KiB per small file showed.
    var buffer = [UInt8](unsafeUninitializedCapacity: chunk) { _, count in count = chunk }
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, chunk) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        throw InputError(description: "cannot read: \(errnoText())")
      }
      bytes.append(contentsOf: buffer[0..<count])
      // A stream (or a file growing as it is read) past the limit: these bytes show it is.
      if bytes.count > limit { return bytes }
    }
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
