import TalintYAML

/// Which inputs a run analyzes first: those that may describe machines or name patches (a
/// talconfig has a `clusterName`, an Omni template `Cluster`, `ControlPlane`, `Workers` or
/// `Machine` documents), so every other file is analyzed once, already knowing the release a
/// referrer gives it and whether machines use it. The test is on bytes and errs towards
/// "maybe", so it misses none: `Talhelper.isTalconfig` wants a `clusterName` key and
/// `OmniTemplate.isTemplate` those kinds, written as such, or with escapes (a backslash), or
/// in UTF-16 (NUL bytes); template masking only takes text out.
enum ReferrerSniff {
  /// Each word with the byte it is looked for by (`firstRange`'s anchor): one rare in YAML, an
  /// uppercase letter, so a file is scanned at `memchr`'s speed (by their first, lowercase,
  /// bytes the scans cost 2% of a run).
  private static let words: [(bytes: [UInt8], anchor: Int)] = [
    ("clusterName", 7), ("Cluster", 0), ("ControlPlane", 7), ("Workers", 0), ("Machine", 0), ("\\", 0), ("\u{0}", 0),
  ].map { (Array($0.0.utf8), $0.1) }

  static func mayReferToOthers(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { text in
      words.contains { word in word.bytes.withUnsafeBufferPointer { text.firstRange(of: $0, anchor: word.anchor) != nil } }
    }
  }
}
