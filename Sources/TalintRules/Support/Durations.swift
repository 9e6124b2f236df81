/// Go durations (`5m`, `4h0m0s`, `0s`) as kubelet flags take them.
enum Durations {
  /// True for a duration of zero (`0`, `0s`, `0m0s`); false for anything else or unparsable.
  static func isZero(_ text: String) -> Bool {
    let digits = text.filter(\.isNumber)
    let units = text.filter { !$0.isNumber && $0 != "." }
    guard !digits.isEmpty, units.allSatisfy({ "hmsuµn".contains($0) }) else { return false }
    return digits.allSatisfy { $0 == "0" }
  }
}
