import Foundation
import TalintCore
import TalintTestSupport
import Testing

/// No secret value, nor a fast hash of one, appears in anything talint writes: every output
/// format, `--output` files, baselines, `talint config` and standard error. The secret values
/// are read from the fixtures by this test's own scan, not by talint's masking code.
@Suite struct SecretOutputTests {
  let secretsFolder = "Fixtures/secrets"

  func talint(_ arguments: [String], stdin: [UInt8]? = nil) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin, directory: Paths.packageRoot)
  }

  /// Key names whose values the fixtures hold as secrets.
  static let secretKeys: Set<String> = [
    "token", "key", "secret", "password", "privateKey", "presharedKey", "secretboxEncryptionSecret", "passphrase",
  ]

  /// The secret values written in `text`: values of secret keys (quoted, plain, anchored or in
  /// block scalars, whose every line counts) and the passwords and join tokens inside URLs.
  static func secretValues(in text: String) -> [String] {
    var values: [String] = []
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    var index = 0
    while index < lines.count {
      let line = lines[index]
      index += 1
      if let match = line.wholeMatch(of: /\s*(?:-\s+)?([A-Za-z][\w.-]*):\s*(.*)/), secretKeys.contains(String(match.1)) {
        var value = String(match.2)
        if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
        value = value.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("&"), let space = value.firstIndex(of: " ") { value = String(value[space...]).trimmingCharacters(in: .whitespaces) }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        if ["|", "|-", ">", ">-"].contains(value) {
          let indent = line.prefix { $0 == " " }.count
          while index < lines.count, lines[index].prefix(while: { $0 == " " }).count > indent {
            values.append(lines[index].trimmingCharacters(in: .whitespaces))
            index += 1
          }
        } else if !value.hasPrefix("ENC[") {
          values.append(value)
        }
      }
      for match in line.matches(of: /:\/\/[^:\/\s@]+:([^@\s]+)@/) { values.append(String(match.1)) }
      for match in line.matches(of: /jointoken=([^&\s]+)/) { values.append(String(match.1)) }
    }
    return values.filter { $0.count >= 6 }
  }

  var secrets: [String] {
    Paths.files(in: Paths.fixtures + "/secrets", suffixes: [".yaml"]).flatMap {
      Self.secretValues(in: String(decoding: Paths.read($0), as: UTF8.self))
    }
  }

  func leaks(in text: String) -> [String] {
    secrets.filter { text.contains($0) || text.contains(StableHash.hex($0)) }
  }

  @Test func theScanFindsTheFixturesSecrets() {
    let found = secrets
    // 9 in the generated control plane, 4 in the CRLF worker, 12 in the embedded ones
    // (a 4-line PEM block, 2 lines of a folded key), 3 in plaintext-secrets, 2 in the worker.
    #expect(found.count >= 28, "\(found)")
    #expect(found.contains("q7fz2k.wd9x1m3v8c0p5nrt"))
    #expect(found.contains("crlf-registry-password-42"))
    #expect(found.contains("MirrorPassFixture2024"))
    #expect(found.contains("MHcCAQEEIBlockScalarFixtureKeyLineOneNotReal0123456789abcdef"))
  }

  @Test(arguments: OutputFormat.allCases.map(\.rawValue))
  func noFormatPrintsASecret(format: String) throws {
    let output = try talint(["lint", "--format", format, "--fail-on", "never", secretsFolder])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.count > 200, "the format printed too little to prove anything")
    #expect(leaks(in: output.stdout).isEmpty, "\(format) leaks \(leaks(in: output.stdout))")
    #expect(leaks(in: output.stderr).isEmpty)

    let file = ScratchTree.path(".out")
    _ = try talint(["lint", "--format", format, "--output", file, secretsFolder])
    let written = String(decoding: Paths.read(file), as: UTF8.self)
    #expect(written == output.stdout)
  }

  @Test func prettyMasksEverySecretLineItShows() throws {
    let output = try talint(["lint", "--format", "pretty", secretsFolder])
    #expect(output.stdout.contains("9 |   token: ******"))
    #expect(output.stdout.contains("6 |   token: ******"))  // the CRLF worker
    #expect(output.stdout.contains("- http://mirror-user:******@registry.lan:5000"))
    #expect(leaks(in: output.stdout).isEmpty)
  }

  @Test func baselinesAndConfigHoldNoSecret() throws {
    let baseline = ScratchTree.path(".json")
    let written = try talint(["lint", "--write-baseline", baseline, secretsFolder])
    #expect(written.status == 0)
    let recorded = String(decoding: Paths.read(baseline), as: UTF8.self)
    #expect(recorded.contains("TAL602"))
    #expect(leaks(in: recorded).isEmpty, "baseline leaks \(leaks(in: recorded))")
    // It still hides the findings it recorded.
    let applied = try talint(["lint", "--baseline", baseline, secretsFolder])
    #expect(applied.status == 0 && applied.stdout.isEmpty)

    let config = try talint(["config", secretsFolder + "/crlf-worker.yaml"])
    #expect(leaks(in: config.stdout + config.stderr).isEmpty)
  }

  @Test func standardInputIsMaskedToo() throws {
    let text = "machine:\n  token: stdinTokenFixture99\n  install:\n    extraKernelArgs: [mitigations=off]\n"
    let output = try talint(["lint", "--format", "pretty", "-", "--stdin-filename", "node.yaml"], stdin: Array(text.utf8))
    #expect(output.stdout.contains("2 |   token: ******"))
    #expect(output.stdout.contains("4 |     extraKernelArgs: [mitigations=off]"))
    #expect(!output.stdout.contains("stdinTokenFixture99"))
  }

  @Test func aSyntaxErrorOnASecretLineIsMasked() throws {
    let text = "machine:\n  token: brokenSecretFixture: x\n"
    let output = try talint(["lint", "--format", "pretty", "-"], stdin: Array(text.utf8))
    #expect(output.status == 2)
    #expect(output.stdout.contains("error[TAL001]"))
    #expect(output.stdout.contains("2 |   token: ******"))
    #expect(!output.stdout.contains("brokenSecretFixture"))
  }
}
