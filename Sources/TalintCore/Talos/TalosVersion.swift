/// A Talos minor release, e.g. 1.12. Defaults that changed between releases are keyed by it.
public struct TalosVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
  public var major: Int
  public var minor: Int

  public init(_ major: Int, _ minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// Reads `1.12`, `v1.12`, `v1.12.3` or `1.12.0-beta.1`; nil for anything else.
  public init?(parsing text: String) {
    var text = Substring(text)
    if text.first == "v" || text.first == "V" { text = text.dropFirst() }
    let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, let major = Int(parts[0]),
      let minor = Int(parts[1].prefix(while: \.isNumber)), !parts[1].isEmpty
    else { return nil }
    self.init(major, minor)
  }

  public static func < (lhs: TalosVersion, rhs: TalosVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }

  public var description: String { "\(major).\(minor)" }

  /// The releases whose defaults talint knows (docs/talos-facts.md#releases).
  public static let known: [TalosVersion] = (8...15).map { TalosVersion(1, $0) }
  public static let newest = known.last!
  public static let oldest = known.first!

  /// The known release closest to this one: defaults older than the oldest known are judged as
  /// the oldest, newer than the newest as the newest.
  public var nearestKnown: TalosVersion {
    if self < Self.oldest { return Self.oldest }
    if self > Self.newest { return Self.newest }
    return Self.known.contains(self) ? self : Self.known.last { $0 < self } ?? Self.oldest
  }
}
