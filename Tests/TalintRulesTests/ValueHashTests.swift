import TalintCore
import TalintRules
import Testing

/// Value hashes (what baselines and fingerprints match on) are taken when a run asks for them,
/// and leave the findings otherwise alike when it does not.
@Suite struct ValueHashTests {
  static let weakened = Array("machine:\n  install:\n    extraKernelArgs:\n      - nopti\n      - init_on_alloc=0\n".utf8)

  @Test func findingsCarryValueHashesOnlyWhenAsked() {
    var linter = Linter(rules: AllRules.rules)
    let hashed = linter.lint(bytes: Self.weakened, path: "node.yaml").diagnostics
    #expect(hashed.count >= 2)
    #expect(hashed.allSatisfy { !$0.valueHash.isEmpty })
    #expect(Set(hashed.map(\.valueHash)).count == hashed.count, "each finding points at its own value")

    linter.valueHashes = false
    let plain = linter.lint(bytes: Self.weakened, path: "node.yaml").diagnostics
    #expect(plain.allSatisfy { $0.valueHash.isEmpty })
    #expect(plain.map(\.message) == hashed.map(\.message))
    #expect(plain.map(\.range) == hashed.map(\.range))
  }
}
