/// "Did you mean" for mistyped names: settings, rules, subcommands.
public enum Suggestion {
  /// The closest candidate within a small edit distance, or nil.
  public static func nearest(_ word: String, among candidates: [String], maxDistance: Int? = nil) -> String? {
    let limit = maxDistance ?? max(2, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
    return best.0
  }

  /// `; did you mean 'x'?` for the closest candidate, or nothing.
  public static func didYouMean(_ word: String, among candidates: [String]) -> String {
    nearest(word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }

  /// Levenshtein distance.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
