/// Why a YAML input could not be read into a tree, and where.
public struct YAMLError: Error, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// libyaml rejected the input (bad syntax, bad encoding, a tab as indentation).
    case syntax
    /// One of our own limits was reached (nesting depth, size, alias count).
    case limit
  }

  public var kind: Kind
  public var message: String
  public var position: SourcePosition

  public init(kind: Kind, message: String, position: SourcePosition) {
    self.kind = kind
    self.message = message
    self.position = position
  }
}

/// Our own limits; libyaml 0.2.5 has none of them, and each one failing is a positioned error.
public struct YAMLLimits: Sendable {
  /// Deepest nesting of collections. Talos configs nest about 12 deep.
  public var maxDepth: Int
  /// Alias events per stream.
  public var maxAliases: Int
  /// Bytes of input.
  public var maxBytes: Int
  /// Documents per stream. Each costs a few hundred bytes of tree and per-document work
  /// however little it holds, so 16 MB of `---` lines once took 1.76 GB. Real files hold a
  /// few dozen; HostileInputTests lints one of 200,000.
  public var maxDocuments: Int

  public init(maxDepth: Int = 256, maxAliases: Int = 100_000, maxBytes: Int = 256 << 20, maxDocuments: Int = 250_000) {
    self.maxDepth = maxDepth
    self.maxAliases = maxAliases
    self.maxBytes = maxBytes
    self.maxDocuments = maxDocuments
  }

  public static let `default` = YAMLLimits()
}
