import TalintCore
import TalintRules
import Testing

/// Fixes inside a config written in a string (a talhelper inline patch) are written back into
/// the string in its own style: the block's header, indentation and blank lines, the quotes
/// and their escapes stay; only the lines that change are replaced.
@Suite struct EmbeddedFixTests {
  static let linter = Linter(rules: AllRules.rules)
  static let head = "clusterName: demo\ntalosVersion: v1.10.0\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    patches:\n"

  @Test(arguments: [
    // A block with a header comment and a blank line in it.
    ("      - | # sysctls\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"\n\n            vm.x: \"1\"\n",
     "      - | # sysctls\n        machine:\n          sysctls:\n\n            vm.x: \"1\"\n"),
    // The last entry of a block, followed by another patch: no line of blanks is left.
    ("      - |\n        machine:\n          sysctls:\n            vm.x: \"1\"\n            kernel.kptr_restrict: \"0\"\n      - |\n        machine:\n          type: controlplane\n",
     "      - |\n        machine:\n          sysctls:\n            vm.x: \"1\"\n      - |\n        machine:\n          type: controlplane\n"),
    // The only entry, with more of the patch after it: the next key stays inside the block
    // (moving each edit position by position put it at the talconfig's root).
    ("      - |\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"\n          kubelet:\n            image: k\n",
     "      - |\n        machine:\n          sysctls:\n            {}\n          kubelet:\n            image: k\n"),
    // A stripped block at the end of the file: the mapping left empty.
    ("      - |-\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"",
     "      - |-\n        machine:\n          sysctls:\n            {}"),
    // Folded: the patch's lines are more indented than its first, so no break folds.
    ("      - >\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"\n            vm.x: \"1\"\n",
     "      - >\n        machine:\n          sysctls:\n            vm.x: \"1\"\n"),
    // Double-quoted over two lines (an escaped break): written back on one.
    ("      - \"machine:\\n  sysctls:\\n    kernel.kptr_restrict: \\\"0\\\"\\n\\\n          \\    vm.x: \\\"1\\\"\\n\"\n",
     "      - \"machine:\\n  sysctls:\\n    vm.x: \\\"1\\\"\\n\"\n"),
    // Single-quoted flow, with a quote escaped by doubling.
    ("      - 'machine: {sysctls: {kernel.kptr_restrict: \"0\", a.b: ''x''}}'\n", "      - 'machine: {sysctls: {a.b: ''x''}}'\n"),
  ])
  func fixedInItsOwnStyle(patch: String, expected: String) {
    let outcome = Self.linter.fixing(Array((Self.head + patch).utf8), path: "talconfig.yaml")
    #expect(outcome.refusal == nil)
    #expect(String(decoding: outcome.bytes, as: UTF8.self) == Self.head + expected)
  }

  /// Strings whose fixed text could not be written back as it reads: a kept block (its
  /// trailing blank lines are its value), an indentation indicator, `$$` (talhelper reads it
  /// as `$`, and a `$` written back could not tell `$$` from `${VAR}`). The finding stays, with
  /// no fix.
  @Test(arguments: [
    "      - |+\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"\n\n",
    "      - |2\n          machine:\n            sysctls:\n              kernel.kptr_restrict: \"0\"\n",
    "      - |\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"\n            vm.x: \"$${HOME}\"\n",
  ])
  func notWrittenWhereTheStringCannotHoldIt(patch: String) {
    let found = Self.linter.lint(bytes: Array((Self.head + patch).utf8), path: "talconfig.yaml").diagnostics.filter { $0.ruleID == "TAL201" }
    #expect(found.count == 1)
    #expect(found.allSatisfy { $0.fix == nil })
  }

  /// A string in a flow sequence of patches.
  @Test func inAFlowSequence() {
    let text = Self.head.replacing("patches:\n", with: "patches: [\"machine: {sysctls: {kernel.kptr_restrict: '0'}}\", \"machine: {type: controlplane}\"]\n")
    let outcome = Self.linter.fixing(Array(text.utf8), path: "talconfig.yaml")
    #expect(String(decoding: outcome.bytes, as: UTF8.self) == text.replacing("{kernel.kptr_restrict: '0'}", with: "{}"))
  }

  /// CRLF line ends of the file stay CRLF inside the block.
  @Test func crlfStays() {
    let text = (Self.head + "      - |\n        machine:\n          sysctls:\n            kernel.kptr_restrict: \"0\"\n            vm.x: \"1\"\n").replacing("\n", with: "\r\n")
    let outcome = Self.linter.fixing(Array(text.utf8), path: "talconfig.yaml")
    #expect(String(decoding: outcome.bytes, as: UTF8.self) == text.replacing("            kernel.kptr_restrict: \"0\"\r\n", with: ""))
  }
}
