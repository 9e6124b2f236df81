import TalintYAML

/// Which inputs a run analyzes first: those that may describe machines or name patches (a
/// talconfig has a `clusterName`, an Omni template `Cluster`, `ControlPlane`, `Workers` or
/// `Machine` documents), so every other file is analyzed once, already knowing the release a
/// referrer gives it and whether machines use it. The test is on bytes and errs towards
/// "maybe", so it misses none: `Talhelper.isTalconfig` wants a `clusterName` key and
/// `OmniTemplate.isTemplate` those kinds, written as such, or with escapes (a backslash), or
/// in UTF-16 (NUL bytes); template masking only takes text out.
enum ReferrerSniff {
  private static let words: [[UInt8]] = ["clusterName", "Cluster", "ControlPlane", "Workers", "Machine", "\\", "\u{0}"].map { Array($0.utf8) }

  static func mayReferToOthers(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { text in
      words.contains { word in word.withUnsafeBufferPointer { text.firstRange(of: $0) != nil } }
    }
  }
}
